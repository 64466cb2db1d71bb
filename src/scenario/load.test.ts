import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runScenario } from "../kernel/engine.ts";
import { compileScenario } from "./compile.ts";
import { parseScenario, ScenarioError, type ScenarioIssue } from "./load.ts";
import { SCENARIO_SCHEMA_VERSION, scenarioJsonSchema } from "./schema.ts";

const FILE = "bolshevik-1922.yaml";
const TEXT = readFileSync(new URL("../../scenarios/bolshevik-1922.yaml", import.meta.url), "utf8");

/** The built-in scenario as plain data (a fresh copy each call), for edits that go through `yaml`. */
// biome-ignore lint/suspicious/noExplicitAny: free-form YAML data edited in tests
const raw = (): any => parse(TEXT);

/** Index of a list entry by id in the built-in scenario. */
function indexOf(list: "people" | "offices" | "bodies" | "regions", id: string): number {
  const i = (raw()[list] as { id: string }[]).findIndex((x) => x.id === id);
  if (i < 0) throw new Error(`no ${list} entry "${id}" in the built-in scenario`);
  return i;
}

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split("\n").findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i + 1;
}

/** Replaces exactly one occurrence of `from` in the built-in text. */
function edit(from: string, to: string, text = TEXT): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Parses text expecting a ScenarioError; checks the error's general shape and returns it. */
function rejects(text: string, file = FILE): ScenarioError {
  let caught: unknown;
  try {
    parseScenario(text, file);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ScenarioError);
  const err = caught as ScenarioError;
  expect(err.name).toBe("ScenarioError");
  expect(err.file).toBe(file);
  expect(err.issues.length).toBeGreaterThan(0);
  expect(err.message).toContain(file);
  for (const issue of err.issues) {
    expect(typeof issue.path).toBe("string");
    expect(typeof issue.message).toBe("string");
    expect(issue.message.length).toBeGreaterThan(0);
    // The message lists every issue with its path and message.
    expect(err.message).toContain(`${issue.path || "(top level)"}: ${issue.message}`);
    if (issue.line !== undefined) {
      expect(Number.isInteger(issue.line)).toBe(true);
      expect(issue.line).toBeGreaterThan(0);
      expect(err.message).toContain(`${file}:${issue.line}`);
    }
  }
  return err;
}

/** The single issue with this path. */
function issueAt(err: ScenarioError, path: string): ScenarioIssue {
  const found = err.issues.filter((i) => i.path === path);
  expect(found, `issues: ${JSON.stringify(err.issues)}`).toHaveLength(1);
  return found[0]!;
}

describe("parseScenario: the built-in scenario", () => {
  it("parses and compiles without error", () => {
    const scenario = parseScenario(TEXT, FILE);
    expect(scenario.id).toBe("bolshevik-1922");
    expect(scenario.schemaVersion).toBe(SCENARIO_SCHEMA_VERSION);
    expect(scenario.people.length).toBeGreaterThanOrEqual(2);
    const compiled = compileScenario(scenario);
    expect(compiled.id).toBe("bolshevik-1922");
    expect(compiled.people).toHaveLength(scenario.people.length);
    expect(compiled.clock.ticks).toBeGreaterThan(0);
  });

  it("applies schema defaults (e.g. a person's missing seats become [])", () => {
    const scenario = parseScenario(TEXT, FILE);
    const kirov = scenario.people.find((p) => p.id === "kirov")!;
    expect(kirov.seats).toEqual([]);
    expect(kirov.candidateOf).toEqual([]);
    expect(scenario.bodies.every((b) => typeof b.meets.jitterWeeks === "number")).toBe(true);
  });

  it("accepts the same scenario written as JSON", () => {
    const fromJson = parseScenario(JSON.stringify(raw()), "bolshevik-1922.json");
    expect(fromJson).toEqual(parseScenario(TEXT, FILE));
  });

  it("uses <scenario> as the file name when none is given", () => {
    expect(() => parseScenario("- a\n")).toThrow(/<scenario>/);
  });
});

describe("parseScenario: YAML syntax", () => {
  it("reports a syntax error with the file name and a line number", () => {
    const bad = edit("  tickDays: 7\n", "  tickDays: 7\n  broken: [1, 2\n");
    const err = rejects(bad);
    const first = err.issues[0]!;
    expect(first.message).toMatch(/syntax error/);
    expect(first.line).toBeTypeOf("number");
    // The error is found at or just after the unclosed bracket, not at the top of the file.
    expect(first.line!).toBeGreaterThanOrEqual(lineOf(bad, "broken: [1, 2"));
    expect(err.message).toMatch(new RegExp(`${FILE.replace(/\./g, "\\.")}:\\d+`));
  });

  it("rejects a duplicated key", () => {
    const bad = edit("title: ", 'title: "again"\ntitle: ');
    const err = rejects(bad);
    expect(err.issues[0]!.message).toMatch(/syntax error/);
    expect(err.issues[0]!.line).toBe(lineOf(bad, "title: ") + 1);
  });

  it("rejects a file whose top level is not a mapping", () => {
    for (const text of [
      "- schemaVersion: 1\n- id: x\n",
      "just a string\n",
      "42\n",
      "",
      "# only a comment\n",
    ]) {
      const err = rejects(text);
      expect(err.issues).toHaveLength(1);
      expect(err.issues[0]!.path).toBe("");
      expect(err.issues[0]!.message).toMatch(/one object/);
      expect(err.message).toContain("(top level)");
    }
  });

  it("rejects a top-level list made from the valid scenario", () => {
    const err = rejects(stringify([raw()]));
    expect(err.issues[0]!.message).toMatch(/mapping/);
  });
});

describe("parseScenario: schema errors", () => {
  it("reports an unknown field with its path and a line number", () => {
    const stalin = indexOf("people", "stalin");
    const anchor = `      organisation: { value: 0.9, range: [0.75, 1.0]`;
    const bad = edit(anchor, `      charisma: { value: 0.5, range: [0, 1], source: model }\n${anchor}`);
    const err = rejects(bad);
    expect(err.issues).toHaveLength(1);
    const issue = err.issues[0]!;
    expect(issue.path.startsWith(`people[${stalin}].attributes`)).toBe(true);
    expect(`${issue.path} ${issue.message}`).toContain("charisma");
    expect(issue.message).toMatch(/unknown field/);
    // Located inside Stalin's attributes block: between its `attributes:` key and the bad field.
    const charismaLine = lineOf(bad, "charisma:");
    expect(issue.line).toBeTypeOf("number");
    expect(issue.line!).toBeLessThanOrEqual(charismaLine);
    expect(issue.line!).toBeGreaterThan(lineOf(bad, "id: stalin"));
    expect(err.message).toContain(`${FILE}:${issue.line}`);
  });

  it("reports a body size above the body's maxSeats, naming the entry and its line", () => {
    const pb = indexOf("bodies", "politburo");
    const bad = edit(
      "    maxSeats: 11\n",
      '    maxSeats: 11\n    sizes:\n      - { date: "1923-04-25", seats: 12, source: Archon-PB }\n',
    );
    const err = rejects(bad);
    const issue = issueAt(err, `bodies[${pb}].sizes[0].seats`);
    expect(issue.message).toMatch(/12 seats is more than the body's maxSeats \(11\)/);
    expect(issue.line).toBe(lineOf(bad, "seats: 12"));
  });

  it("reports an unknown top-level field", () => {
    const bad = edit("calendar:\n", "colour: red\ncalendar:\n");
    const err = rejects(bad);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]!.message).toMatch(/unknown field.*colour/);
  });

  it("reports an estimate whose value lies outside its range, naming the field path and its line", () => {
    const stalin = indexOf("people", "stalin");
    const from = "organisation: { value: 0.9, range: [0.75, 1.0]";
    const bad = edit(from, "organisation: { value: 0.5, range: [0.75, 1.0]");
    const err = rejects(bad);
    expect(err.issues).toHaveLength(1);
    const issue = issueAt(err, `people[${stalin}].attributes.organisation.value`);
    expect(issue.message).toMatch(/inside its range/);
    expect(issue.line).toBe(lineOf(bad, "organisation: { value: 0.5"));
    expect(err.message).toContain(`people[${stalin}].attributes.organisation.value`);
  });

  it("reports a range with low > high", () => {
    const trotsky = indexOf("people", "trotsky");
    const bad = edit(
      "prestige: { value: 0.85, range: [0.7, 0.95]",
      "prestige: { value: 0.85, range: [0.95, 0.7]",
    );
    const err = rejects(bad);
    const issue = issueAt(err, `people[${trotsky}].attributes.prestige.range`);
    expect(issue.message).toMatch(/low <= high/);
    expect(issue.line).toBe(lineOf(bad, "range: [0.95, 0.7]"));
  });

  it("reports a unit estimate outside [0, 1]", () => {
    const stalin = indexOf("people", "stalin");
    const bad = edit(
      "ruthlessness: { value: 0.9, range: [0.7, 1.0]",
      "ruthlessness: { value: 0.9, range: [0.7, 1.5]",
    );
    const err = rejects(bad);
    expect(issueAt(err, `people[${stalin}].attributes.ruthlessness.range`).message).toMatch(/\[0, 1\]/);
  });

  it("reports a wrong type and a malformed date", () => {
    const bad = edit('  start: "1922-04-03"', '  start: "1922-4-3"').replace(
      "  tickDays: 7",
      "  tickDays: weekly",
    );
    const err = rejects(bad);
    expect(issueAt(err, "calendar.start").message).toMatch(/YYYY-MM-DD/);
    expect(issueAt(err, "calendar.start").line).toBe(lineOf(bad, "start: "));
    expect(issueAt(err, "calendar.tickDays").line).toBe(lineOf(bad, "tickDays: weekly"));
  });

  it("reports a missing required field (edited through yaml's stringify)", () => {
    const data = raw();
    const stalin = indexOf("people", "stalin");
    delete data.title;
    delete data.people[stalin].attributes;
    const text = stringify(data);
    const err = rejects(text);
    expect(err.issues.map((i) => i.path).sort()).toEqual([`people[${stalin}].attributes`, "title"].sort());
    const leader = issueAt(err, `people[${stalin}].attributes`);
    expect(leader.message).toMatch(/leader needs attributes/);
    // Line numbers refer to the re-serialised text: the missing field is reported at Stalin's entry.
    expect(leader.line).toBe(lineOf(text, "id: stalin"));
  });

  it("reports every issue at once, not just the first", () => {
    const stalin = indexOf("people", "stalin");
    const bad = edit(
      "organisation: { value: 0.9, range: [0.75, 1.0]",
      "organisation: { value: 0.5, range: [0.75, 1.0]",
    )
      .replace("  tickDays: 7", "  tickDays: 0")
      .replace("id: bolshevik-1922", "id: Bolshevik");
    const err = rejects(bad);
    expect(err.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(["id", "calendar.tickDays", `people[${stalin}].attributes.organisation.value`]),
    );
  });

  it("accepts every in-range value of an estimate and rejects every out-of-range one", () => {
    const stalin = indexOf("people", "stalin");
    fc.assert(
      fc.property(fc.double({ min: -2, max: 3, noNaN: true }), (value) => {
        const data = raw();
        data.people[stalin].attributes.organisation.value = value;
        const text = JSON.stringify(data);
        const inside = value >= 0.75 && value <= 1.0;
        try {
          parseScenario(text, "p.json");
          return inside;
        } catch (err) {
          return (
            !inside &&
            err instanceof ScenarioError &&
            err.issues.some((i) => i.path === `people[${stalin}].attributes.organisation.value`)
          );
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe("parseScenario: cross-references", () => {
  it("reports an unknown person as an office holder, with the path and the bad id", () => {
    const office = indexOf("offices", "cc-secretary-molotov");
    const bad = edit("    holder: molotov\n", "    holder: molotv\n");
    const err = rejects(bad);
    expect(err.issues).toHaveLength(1);
    const issue = issueAt(err, `offices[${office}].holder`);
    expect(issue.message).toContain('"molotv"');
    expect(issue.message).toMatch(/unknown person/);
    expect(issue.line).toBe(lineOf(bad, "holder: molotv"));
    expect(err.message).toContain(`${FILE}:${issue.line}`);
    expect(err.message).toContain(`offices[${office}].holder`);
  });

  it("reports a duplicate person id", () => {
    const kuibyshev = indexOf("people", "kuibyshev");
    const bad = edit("  - id: kuibyshev\n", "  - id: molotov\n");
    const err = rejects(bad);
    const issue = issueAt(err, `people[${kuibyshev}].id`);
    expect(issue.message).toMatch(/duplicate id "molotov"/);
    expect(issue.line).toBe(lineOf(bad, "name: Valerian Kuibyshev") - 1);
  });

  it("reports a source key not defined in sources, also inside a '; '-joined list", () => {
    const politburo = indexOf("bodies", "politburo");
    const gensec = indexOf("offices", "general-secretary");
    const bad = edit("    source: Archon-PB\n", "    source: Archon-XX\n").replace(
      'source: "W-CC11; HN; seed-essay"',
      'source: "W-CC11; HNX; seed-essay"',
    );
    const err = rejects(bad);
    expect(err.issues).toHaveLength(2);
    const body = issueAt(err, `bodies[${politburo}].source`);
    expect(body.message).toContain('"Archon-XX"');
    expect(body.message).toMatch(/not defined in sources/);
    expect(body.line).toBe(lineOf(bad, "source: Archon-XX"));
    const office = issueAt(err, `offices[${gensec}].source`);
    expect(office.message).toContain('"HNX"');
    expect(office.message).not.toContain("seed-essay");
  });

  it("reports other dangling references: patron, seat body, shock target, region patron", () => {
    const data = raw();
    const frunze = data.people.findIndex((p: { id: string }) => p.id === "frunze");
    data.people[frunze].patron = "nobody";
    data.people[frunze].seats = ["central-committee", "senate"];
    data.shocks[0].target = "ghost";
    data.regions[0].secretary.patron = "molotov"; // an official, not a leader
    const err = rejects(stringify(data));
    expect(issueAt(err, `people[${frunze}].patron`).message).toContain('"nobody"');
    expect(issueAt(err, `people[${frunze}].seats[1]`).message).toContain('"senate"');
    expect(issueAt(err, "shocks[0].target").message).toContain('"ghost"');
    expect(issueAt(err, "regions[0].secretary.patron").message).toMatch(/"molotov" is not a leader/);
  });
});

describe("parseScenario: schema version", () => {
  it("gives a clear message for a newer schemaVersion", () => {
    const bad = edit(
      `schemaVersion: ${SCENARIO_SCHEMA_VERSION}\n`,
      `schemaVersion: ${SCENARIO_SCHEMA_VERSION + 1}\n`,
    );
    const err = rejects(bad);
    expect(err.issues).toHaveLength(1);
    const issue = issueAt(err, "schemaVersion");
    expect(issue.message).toMatch(/newer than this Apparat understands/);
    expect(issue.message).toContain(String(SCENARIO_SCHEMA_VERSION + 1));
    expect(issue.message).toContain(String(SCENARIO_SCHEMA_VERSION));
  });

  it("rejects a missing or older schemaVersion", () => {
    const current = `schemaVersion: ${SCENARIO_SCHEMA_VERSION}\n`;
    expect(issueAt(rejects(edit(current, "")), "schemaVersion").message.length).toBeGreaterThan(0);
    expect(rejects(edit(current, "schemaVersion: 0\n")).issues[0]!.path).toBe("schemaVersion");
  });

  it("still reads, compiles and runs a version-1 file: version 2 only added fields", () => {
    const path = new URL("../../test/fixtures/scenario-v1.yaml", import.meta.url);
    const v1 = parseScenario(readFileSync(path, "utf8"), "scenario-v1.yaml");
    expect(v1.schemaVersion).toBe(1);
    const sc = compileScenario(v1);
    // The version-1 defaults: four cohorts, the six-step ladder, independents as a bloc.
    expect(sc.cohorts.map((c) => c.id)).toEqual(["old", "civilWar", "recruits", "enrolment"]);
    expect(sc.ladder.map((r) => r.id)).toEqual([
      "office",
      "politburo",
      "central-committee",
      "expulsion",
      "internal-exile",
      "deportation",
    ]);
    expect(sc.blocs.reduce((a, b) => a + b.seats, 0)).toBe(5);
    const r = runScenario(sc, { seed: 1, until: "1924-01-01" });
    expect(r.events.length).toBeGreaterThan(10);
  });
});

describe("scenarioJsonSchema", () => {
  it("describes the format as JSON Schema with an $id", () => {
    const schema = scenarioJsonSchema();
    expect(schema.$id).toMatch(new RegExp(`scenario-v${SCENARIO_SCHEMA_VERSION}\\.json$`));
    expect(schema.title).toBe("Apparat scenario");
    const props = schema.properties as Record<string, unknown>;
    expect(props).toHaveProperty("people");
    expect(props).toHaveProperty("mechanisms");
    expect(props).toHaveProperty("schemaVersion");
    const json = JSON.stringify(schema);
    expect(JSON.parse(json)).toEqual(schema);
  });
});

describe("compileScenario", () => {
  const scenario = parseScenario(TEXT, FILE);
  const compiled = compileScenario(scenario);
  const personIdx = (id: string | null | undefined) => compiled.people.findIndex((p) => p.id === id);
  const bodyIdx = (id: string | null | undefined) => compiled.bodies.findIndex((b) => b.id === id);

  it("turns ids into consistent indices", () => {
    const gensec = compiled.offices.find((o) => o.id === "general-secretary")!;
    expect(gensec.holder).toBe(personIdx("stalin"));
    expect(compiled.people[gensec.holder]!.id).toBe("stalin");
    expect(compiled.bodies[gensec.body]!.id).toBe("secretariat");

    expect(compiled.people.map((p) => p.index)).toEqual(compiled.people.map((_, i) => i));
    expect(compiled.bodies.map((b) => b.index)).toEqual(compiled.bodies.map((_, i) => i));
    compiled.offices.forEach((o, i) => {
      const src = scenario.offices[i]!;
      expect(o.index).toBe(i);
      expect(o.id).toBe(src.id);
      expect(o.holder).toBe(src.holder ? personIdx(src.holder) : -1);
      expect(o.body).toBe(src.body ? bodyIdx(src.body) : -1);
    });
    compiled.people.forEach((p, i) => {
      const src = scenario.people[i]!;
      expect(p.id).toBe(src.id);
      expect(p.patron).toBe(src.patron ? personIdx(src.patron) : -1);
      expect(p.seats.map((b) => compiled.bodies[b]!.id)).toEqual(src.seats);
      expect(p.candidateOf.map((b) => compiled.bodies[b]!.id)).toEqual(src.candidateOf);
      expect(p.isLeader).toBe(src.role === "leader");
    });
    compiled.regions.forEach((r, i) => {
      const src = scenario.regions[i]!.secretary;
      expect(r.secretaryPatron).toBe(src.patron ? personIdx(src.patron) : -1);
      expect(r.secretaryPerson).toBe(src.person ? personIdx(src.person) : -1);
      expect(r.cohortShares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    });
    compiled.shocks.forEach((s, i) => {
      const src = scenario.shocks[i]!;
      expect(s.target).toBe(src.target ? personIdx(src.target) : -1);
    });
  });

  it("finds the special bodies and reads estimates as their values", () => {
    expect(compiled.bodies[compiled.committee]!.kind).toBe("committee");
    expect(compiled.bodies[compiled.congress]!.kind).toBe("congress");
    expect(compiled.bodies[compiled.executive]!.id).toBe("politburo");
    expect(compiled.bodies[bodyIdx("politburo")]!.electedBy).toBe(compiled.committee);
    const stalin = compiled.people[personIdx("stalin")]!;
    expect(stalin.organisation).toBe(0.9);
    expect(compiled.params.coalitions.rule).toEqual({ num: 1, den: 2 });
    // Every mechanism the file configures is on; the return of the fallen and pre-emptive force, which it
    // leaves out, are off.
    const { rehabilitation, preemption, ...configured } = compiled.enabled;
    expect(Object.values(configured).every((e) => e === true)).toBe(true);
    expect(rehabilitation).toBe(false);
    expect(preemption).toBe(false);
    // The congress meets on its listed dates, all inside the run.
    const congress = compiled.bodies[compiled.congress]!;
    expect(congress.meetingTicks).toHaveLength(5);
    for (const t of congress.meetingTicks) expect(t).toBeGreaterThanOrEqual(0);
  });
});

describe("parseScenario: hostile and oddly encoded text", () => {
  it("names an unknown alias by line instead of crashing", () => {
    const bad = edit("  tickDays: 7\n", "  tickDays: *weekly\n");
    const err = rejects(bad);
    expect(err.issues[0]!.message).toMatch(/unknown alias \*weekly/);
    expect(err.issues[0]!.line).toBe(lineOf(bad, "tickDays: *weekly"));
  });

  it("refuses an alias bomb with a clear message", () => {
    const rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (const [n, p] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
    ])
      rows.push(`${n}: &${n} [${Array(10).fill(`*${p}`).join(", ")}]`);
    const err = rejects(`${rows.join("\n")}\n`);
    expect(err.issues[0]!.message).toMatch(/aliases/);
    expect(err.issues[0]!.line).toBe(1);
  });

  it("reads a file with a byte-order mark, and one with old Mac line ends (CR alone)", () => {
    expect(parseScenario(`\ufeff${TEXT}`, FILE).id).toBe("bolshevik-1922");
    const cr = TEXT.replace(/\n/g, "\r");
    expect(parseScenario(cr, FILE).id).toBe("bolshevik-1922");
    // Lines are still counted right.
    const bad = edit("  tickDays: 7\n", "  tickDays: -7\n").replace(/\n/g, "\r");
    expect(rejects(bad).issues[0]!.line).toBe(
      lineOf(edit("  tickDays: 7\n", "  tickDays: -7\n"), "tickDays: -7"),
    );
  });

  it("refuses prototype names as fields or source keys, and never takes an inherited name for a source", () => {
    const proto = rejects(edit("sources:\n", "sources:\n  __proto__: polluted\n"));
    expect(proto.issues[0]!.path).toBe("sources.__proto__");
    expect(proto.issues[0]!.message).toMatch(/prototype/);
    expect(proto.issues[0]!.line).toBe(
      lineOf(edit("sources:\n", "sources:\n  __proto__: polluted\n"), "__proto__"),
    );
    expect(rejects(edit("sources:\n", "sources:\n  constructor: x\n")).issues[0]!.path).toBe(
      "sources.constructor",
    );
    // A reference to a name every object inherits is an undefined key, not a hit.
    for (const key of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
      const err = rejects(edit("    source: Archon-PB\n", `    source: ${key}\n`));
      expect(err.issues[0]!.message).toContain(`source key "${key}" is not defined`);
    }
  });

  it("clips a huge value in every message", () => {
    const huge = "x".repeat(5_000_000);
    const err = rejects(edit("    holder: molotov\n", `    holder: ${huge}\n`));
    expect(err.message.length).toBeLessThan(5000);
    expect(err.issues.every((i) => i.message.length <= 600)).toBe(true);
  });
});
