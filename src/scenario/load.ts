/**
 * Parsing and validating scenario text (YAML or JSON). Pure: no file system here, so it runs in a browser;
 * the CLI reads files and passes their text in.
 */
import type { z } from "zod";
import { limitIssues, sizeIssues } from "./limits.ts";
import { dataProblem } from "./plainData.ts";
import { SCENARIO_SCHEMA_VERSION, type Scenario, scenarioJsonSchema, scenarioSchema } from "./schema.ts";
import { outOfRangeMessage, type SchemaNode, unknownFieldsMessage } from "./suggest.ts";
import {
  clip,
  clippedIssues,
  formatPath,
  isMapping,
  issueLines,
  type LocatedIssue,
  readYaml,
  type YamlText,
} from "./yamlText.ts";

export { formatPath };

/** One problem found in a scenario file, located as precisely as the text allows. */
export type ScenarioIssue = LocatedIssue;

/**
 * Thrown when a scenario cannot be used; its message lists every issue with file, line and field. Quoted
 * values are clipped, so a message stays readable whatever the input held.
 */
export class ScenarioError extends Error {
  readonly file: string;
  readonly issues: ScenarioIssue[];
  constructor(fileName: string, allIssues: ScenarioIssue[]) {
    const file = clip(fileName, 300);
    const issues = clippedIssues(allIssues);
    const lines = issueLines(file, issues, allIssues.length);
    super(`invalid scenario ${file}:\n${lines.join("\n")}`);
    this.name = "ScenarioError";
    this.file = file;
    this.issues = issues;
  }
}

/**
 * Parses and validates scenario text. `file` names the source in error messages.
 *
 * @example
 * const scenario = parseScenario(readFileSync(path, "utf8"), path);
 */
export function parseScenario(text: string, file = "<scenario>"): Scenario {
  const yaml = readYaml(text);
  if (yaml.syntax.length > 0) throw new ScenarioError(file, yaml.syntax);
  const data = yaml.data;
  if (!isMapping(data)) {
    throw new ScenarioError(file, [
      { path: "", message: "the file must hold one object (a mapping)", line: 1 },
    ]);
  }
  const version = data.schemaVersion;
  if (typeof version === "number" && version > SCENARIO_SCHEMA_VERSION) {
    throw new ScenarioError(file, [
      {
        path: "schemaVersion",
        message: `version ${version} is newer than this Apparat understands (${SCENARIO_SCHEMA_VERSION})`,
      },
    ]);
  }
  // Absurd list sizes first: validating a hundred thousand people item by item would take long to refuse.
  const sizes = sizeIssues(data).map((i) => yaml.locate(i.pathParts, i.message));
  if (sizes.length > 0) throw new ScenarioError(file, sizes);
  const result = scenarioSchema.safeParse(data);
  if (!result.success) throw new ScenarioError(file, locate(result.error, yaml));
  const crossIssues = checkReferences(result.data).map((i) => yaml.locate(i.pathParts, i.message));
  if (crossIssues.length > 0) throw new ScenarioError(file, crossIssues);
  const tooLarge = limitIssues(result.data).map((i) => yaml.locate(i.pathParts, i.message));
  if (tooLarge.length > 0) throw new ScenarioError(file, tooLarge);
  return result.data;
}

function locate(error: z.ZodError, yaml: YamlText): ScenarioIssue[] {
  return error.issues.map((issue) => {
    // An unknown field is located at its own key, not at the object holding it.
    if (issue.code === "unrecognized_keys" && issue.keys.length > 0) {
      return {
        ...yaml.locate([...issue.path, issue.keys[0]!], ""),
        path: formatPath(issue.path),
        message: describeIssue(issue, yaml.data),
      };
    }
    return yaml.locate(issue.path, describeIssue(issue, yaml.data));
  });
}

let formatSchema: SchemaNode | null = null;

/**
 * Makes, once, the description of the format that refusals quote (the allowed fields and ranges). It takes
 * about half a second: a server makes it before it listens, so the first refused request does not wait.
 */
export function prepareMessages(): SchemaNode {
  formatSchema ??= scenarioJsonSchema() as SchemaNode;
  return formatSchema;
}

/**
 * The message for one schema issue: an unknown field with the nearest allowed name, a number out of range with
 * its allowed range and the value found; otherwise the schema's own message.
 */
function describeIssue(issue: z.core.$ZodIssue, data: unknown): string {
  const formatSchema = prepareMessages();
  if (issue.code === "unrecognized_keys") return unknownFieldsMessage(formatSchema, issue.path, issue.keys);
  if (issue.code === "too_big" || issue.code === "too_small") {
    let value: unknown = data;
    for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
    return outOfRangeMessage(formatSchema, issue.path, value) ?? issue.message;
  }
  return issue.message;
}

/** Validates scenario data that has no source text (a patched scenario, say): schema and cross-references. */
export function validateScenarioData(data: unknown, file: string): Scenario {
  const hostile = dataProblem(data);
  if (hostile) throw new ScenarioError(file, [{ path: formatPath(hostile.path), message: hostile.message }]);
  const sizes = sizeIssues(data);
  if (sizes.length > 0)
    throw new ScenarioError(
      file,
      sizes.map((i) => ({ path: formatPath(i.pathParts), message: i.message })),
    );
  const result = scenarioSchema.safeParse(data);
  if (!result.success) {
    throw new ScenarioError(
      file,
      result.error.issues.map((i) => ({ path: formatPath(i.path), message: describeIssue(i, data) })),
    );
  }
  // References first: the limits read the bodies and people the references name.
  const cross = checkReferences(result.data);
  const issues = cross.length > 0 ? cross : limitIssues(result.data);
  if (issues.length > 0) {
    throw new ScenarioError(
      file,
      issues.map((i) => ({ path: formatPath(i.pathParts), message: i.message })),
    );
  }
  return result.data;
}

interface CrossIssue {
  pathParts: PropertyKey[];
  message: string;
}

/** Checks what the schema alone cannot: ids are unique and every reference points at something that exists. */
function checkReferences(s: Scenario): CrossIssue[] {
  const issues: CrossIssue[] = [];
  const unique = (list: { id: string }[], field: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) issues.push({ pathParts: [field, i, "id"], message: `duplicate id "${x.id}"` });
      seen.add(x.id);
    });
    return seen;
  };
  const bodies = unique(s.bodies, "bodies");
  const people = unique(s.people, "people");
  unique(s.offices, "offices");
  unique(s.regions, "regions");
  unique(s.shocks, "shocks");
  const leaders = new Set(s.people.filter((p) => p.role === "leader").map((p) => p.id));
  const ref = (ok: boolean, pathParts: PropertyKey[], message: string) => {
    if (!ok) issues.push({ pathParts, message });
  };
  s.bodies.forEach((b, i) => {
    if (b.electedBy)
      ref(bodies.has(b.electedBy), ["bodies", i, "electedBy"], `unknown body "${b.electedBy}"`);
    if (b.kind === "congress")
      ref(b.delegates !== undefined, ["bodies", i, "delegates"], "a congress needs delegates");
    if (b.kind === "executive")
      ref(b.seats !== undefined, ["bodies", i, "seats"], "an executive body needs seats");
  });
  for (const kind of ["committee", "congress"] as const) {
    const n = s.bodies.filter((b) => b.kind === kind).length;
    ref(n === 1, ["bodies"], `exactly one body of kind "${kind}" is needed, found ${n}`);
  }
  const committeeId = s.bodies.find((b) => b.kind === "committee")?.id;
  ref(
    s.bodies.some((b) => b.kind === "executive" && b.electedBy === committeeId),
    ["bodies"],
    "an executive body elected by the committee is needed (it plays the part of the Politburo)",
  );
  ref(
    s.bodies.some((b) => b.id === s.centralCommittee.body && b.kind === "committee"),
    ["centralCommittee", "body"],
    `"${s.centralCommittee.body}" is not a body of kind committee`,
  );
  s.offices.forEach((o, i) => {
    if (o.body) ref(bodies.has(o.body), ["offices", i, "body"], `unknown body "${o.body}"`);
    if (o.holder) ref(people.has(o.holder), ["offices", i, "holder"], `unknown person "${o.holder}"`);
  });
  s.people.forEach((p, i) => {
    if (p.patron) {
      ref(people.has(p.patron), ["people", i, "patron"], `unknown person "${p.patron}"`);
      ref(p.patron !== p.id, ["people", i, "patron"], "a person cannot be his own patron");
    }
    p.seats.forEach((b, j) => {
      ref(bodies.has(b), ["people", i, "seats", j], `unknown body "${b}"`);
    });
    p.candidateOf.forEach((b, j) => {
      ref(bodies.has(b), ["people", i, "candidateOf", j], `unknown body "${b}"`);
    });
  });
  const tags = new Set(s.regions.flatMap((r) => r.tags));
  const cohortIds = s.cohorts
    ? new Set(s.cohorts.map((c) => c.id))
    : new Set(["old", "civilWar", "recruits"]);
  s.regions.forEach((r, i) => {
    const sec = r.secretary;
    if (sec.patron)
      ref(leaders.has(sec.patron), ["regions", i, "secretary", "patron"], `"${sec.patron}" is not a leader`);
    if (sec.person)
      ref(people.has(sec.person), ["regions", i, "secretary", "person"], `unknown person "${sec.person}"`);
    for (const key of Object.keys(r.cohorts))
      ref(cohortIds.has(key), ["regions", i, "cohorts", key], `unknown cohort "${key}" (see cohorts)`);
    const total = Object.values(r.cohorts).reduce((a, b) => a + b, 0);
    ref(total > 0, ["regions", i, "cohorts"], "cohort shares must not all be zero");
  });
  if (s.cohorts) {
    unique(s.cohorts, "cohorts");
    for (const role of ["recruits", "campaign"] as const) {
      const n = s.cohorts.filter((c) => c.role === role).length;
      ref(n === 1, ["cohorts"], `exactly one cohort needs role "${role}", found ${n}`);
    }
  } else {
    const d = s.mechanisms.circularFlow.params.cohortDocility;
    ref(
      d !== undefined,
      ["mechanisms", "circularFlow", "params", "cohortDocility"],
      "give either `cohorts` or the version-1 cohortDocility",
    );
  }
  const axes = unique(s.axes, "axes");
  s.people.forEach((p, i) => {
    for (const key of Object.keys(p.attributes?.positions ?? {})) {
      ref(axes.has(key), ["people", i, "attributes", "positions", key], `unknown axis "${key}"`);
      ref(
        key !== s.axes[0]!.id,
        ["people", i, "attributes", "positions", key],
        "the first axis is given as `ideology`",
      );
    }
  });
  s.shocks.forEach((sh, i) => {
    if (sh.target) ref(people.has(sh.target), ["shocks", i, "target"], `unknown person "${sh.target}"`);
    if (sh.axis) ref(axes.has(sh.axis), ["shocks", i, "axis"], `unknown axis "${sh.axis}"`);
  });
  ref(s.bodies.filter((b) => b.top).length <= 1, ["bodies"], "at most one body can be the top body");
  s.bodies.forEach((b, i) => {
    b.joint.forEach((j, k) => {
      ref(bodies.has(j), ["bodies", i, "joint", k], `unknown body "${j}"`);
    });
  });
  const offices = new Set(s.offices.map((o) => o.id));
  s.offices.forEach((o, i) => {
    if (o.appointedBy)
      ref(bodies.has(o.appointedBy), ["offices", i, "appointedBy"], `unknown body "${o.appointedBy}"`);
    (o.eligible?.bodies ?? []).forEach((b, k) => {
      ref(bodies.has(b), ["offices", i, "eligible", "bodies", k], `unknown body "${b}"`);
    });
    o.incompatible.forEach((x, k) => {
      ref(offices.has(x) && x !== o.id, ["offices", i, "incompatible", k], `unknown office "${x}"`);
    });
    o.inherits.forEach((x, k) => {
      ref(offices.has(x) && x !== o.id, ["offices", i, "inherits", k], `unknown office "${x}"`);
    });
    (o.scope ?? []).forEach((t, k) => {
      ref(tags.has(t), ["offices", i, "scope", k], `no region carries the tag "${t}"`);
    });
    if (o.from && o.until) ref(o.from < o.until, ["offices", i, "until"], "must come after `from`");
  });
  unique(s.transfers, "transfers");
  s.transfers.forEach((t, i) => {
    ref(offices.has(t.office), ["transfers", i, "office"], `unknown office "${t.office}"`);
    if (t.to) ref(people.has(t.to), ["transfers", i, "to"], `unknown person "${t.to}"`);
  });
  unique(s.centralCommittee.blocs, "centralCommittee.blocs");
  s.centralCommittee.blocs.forEach((b, i) => {
    if (b.patron)
      ref(leaders.has(b.patron), ["centralCommittee", "blocs", i, "patron"], `"${b.patron}" is not a leader`);
  });
  const rungs = new Set((s.ladder ?? []).map((r) => r.id));
  if (s.ladder) {
    unique(s.ladder, "ladder");
    s.ladder.forEach((r, i) => {
      if (r.decidedBy)
        ref(bodies.has(r.decidedBy), ["ladder", i, "decidedBy"], `unknown body "${r.decidedBy}"`);
    });
  } else {
    for (const id of [
      "office",
      "politburo",
      "central-committee",
      "expulsion",
      "internal-exile",
      "deportation",
    ])
      rungs.add(id);
  }
  checkPurged(s, rungs, bodies, ref);
  s.repression.forEach((r, i) => {
    ref(r.from < r.until, ["repression", i, "until"], "must come after `from`");
    r.rungs.forEach((x, k) => {
      ref(rungs.has(x), ["repression", i, "rungs", k], `unknown ladder step "${x}"`);
    });
  });
  s.mechanisms.testament.params.mentions.forEach((m, i) => {
    ref(
      people.has(m.person),
      ["mechanisms", "testament", "params", "mentions", i, "person"],
      `unknown person "${m.person}"`,
    );
  });
  const confirming = s.mechanisms.patronage.params.confirmingBody;
  if (confirming)
    ref(
      bodies.has(confirming),
      ["mechanisms", "patronage", "params", "confirmingBody"],
      `unknown body "${confirming}"`,
    );
  for (const key of collectSourceKeys(s)) {
    if (!Object.hasOwn(s.sources, key.value))
      issues.push({ pathParts: key.path, message: `source key "${key.value}" is not defined in sources` });
  }
  return issues;
}

/** The ladder of a file without one (version 1): step ids and kinds. */
const DEFAULT_LADDER_KINDS: Record<string, string> = {
  office: "office",
  politburo: "executive",
  "central-committee": "committee",
  expulsion: "party",
  "internal-exile": "exile",
  deportation: "deportation",
};

/**
 * A person fallen before the start: his step must be on the ladder, the seats he held must be bodies, and
 * he must not hold at the start what the steps down to it have taken (offices, seats in executive bodies,
 * in the committee, or anything once he is out of the party).
 */
function checkPurged(
  s: Scenario,
  rungs: Set<string>,
  bodies: Set<string>,
  ref: (ok: boolean, pathParts: PropertyKey[], message: string) => void,
): void {
  const ladder = s.ladder
    ? s.ladder.map((r) => ({ id: r.id, kind: r.kind as string }))
    : Object.entries(DEFAULT_LADDER_KINDS).map(([id, kind]) => ({ id, kind }));
  const kindOf = new Map(s.bodies.map((b) => [b.id, b.kind as string]));
  s.people.forEach((p, i) => {
    if (!p.purged) return;
    const at = ["people", i, "purged"];
    const step = p.purged.step;
    if (step !== undefined) ref(rungs.has(step), [...at, "step"], `unknown ladder step "${step}"`);
    p.purged.seats.forEach((b, k) => {
      ref(bodies.has(b), [...at, "seats", k], `unknown body "${b}"`);
    });
    if (p.purged.date)
      ref(p.purged.date <= s.calendar.start, [...at, "date"], "must not come after the start");
    p.purged.seats.forEach((b, k) => {
      ref(!p.seats.includes(b), [...at, "seats", k], `he still sits in "${b}" (see seats)`);
    });
    const depth = step === undefined ? -1 : ladder.findIndex((r) => r.id === step);
    if (depth < 0) return;
    const taken = new Set(ladder.slice(0, depth + 1).map((r) => r.kind));
    const out = [...taken].some((k) => !["office", "executive", "committee"].includes(k));
    const takes = (body: string) => {
      const kind = kindOf.get(body);
      if (out) return true;
      if (kind === "executive") return taken.has("executive");
      if (kind === "committee" || kind === "commission") return taken.has("committee");
      return false;
    };
    [...p.seats, ...p.candidateOf].forEach((b) => {
      ref(!takes(b), [...at, "step"], `step "${step}" took his seat in "${b}": drop the seat`);
    });
    if (taken.has("office") || out) {
      for (const o of s.offices)
        ref(
          o.holder !== p.id,
          [...at, "step"],
          `step "${p.purged.step}" took his offices: "${o.id}" is held`,
        );
    }
  });
}

/** Every `source` field in the scenario, so undefined keys can be reported. Keys may be joined with "; ". */
function collectSourceKeys(s: Scenario): { path: PropertyKey[]; value: string }[] {
  const out: { path: PropertyKey[]; value: string }[] = [];
  const walk = (v: unknown, path: PropertyKey[]) => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        walk(x, [...path, i]);
      });
    } else if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "source" && typeof x === "string") {
          for (const part of x
            .split(";")
            .map((p) => p.trim())
            .filter(Boolean))
            out.push({ path: [...path, k], value: part });
        } else if (k !== "sources") walk(x, [...path, k]);
      }
    }
  };
  walk(s, []);
  return out;
}
