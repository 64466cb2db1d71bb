/**
 * Parsing and validating scenario text (YAML or JSON). Pure: no file system here, so it runs in a browser;
 * the CLI reads files and passes their text in.
 */
import type { z } from "zod";
import { limitIssues, sizeIssues } from "./limits.ts";
import { dataProblem } from "./plainData.ts";
import { SCENARIO_SCHEMA_VERSION, type Scenario, scenarioSchema } from "./schema.ts";
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
        message: `unknown field(s): ${issue.keys.join(", ")}`,
      };
    }
    return yaml.locate(issue.path, issue.message);
  });
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
      result.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })),
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
  s.regions.forEach((r, i) => {
    const sec = r.secretary;
    if (sec.patron)
      ref(leaders.has(sec.patron), ["regions", i, "secretary", "patron"], `"${sec.patron}" is not a leader`);
    if (sec.person)
      ref(people.has(sec.person), ["regions", i, "secretary", "person"], `unknown person "${sec.person}"`);
    const c = r.cohorts;
    ref(c.old + c.civilWar + c.recruits > 0, ["regions", i, "cohorts"], "cohort shares must not all be zero");
  });
  s.shocks.forEach((sh, i) => {
    if (sh.target) ref(people.has(sh.target), ["shocks", i, "target"], `unknown person "${sh.target}"`);
  });
  for (const key of collectSourceKeys(s)) {
    if (!Object.hasOwn(s.sources, key.value))
      issues.push({ pathParts: key.path, message: `source key "${key.value}" is not defined in sources` });
  }
  return issues;
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
