/** The targets format: the shipped file is valid for its scenario, and bad files get errors naming line and field. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { bolshevikScenario, chinaScenario } from "../../test/fixtures.ts";
import type { Scenario } from "../scenario/schema.ts";
import { parseTargets, TARGET_KINDS, TargetsError } from "./targets.ts";

/** Every shipped scenario that has a targets file, with the file. */
const SHIPPED = [
  {
    scenario: bolshevikScenario(),
    file: new URL("../../validation/bolshevik-1922.targets.yaml", import.meta.url),
  },
  { scenario: chinaScenario(), file: new URL("../../validation/china-1976.targets.yaml", import.meta.url) },
];

const knownOf = (s: Scenario) => ({
  people: s.people.map((p) => p.id),
  bodies: s.bodies.map((b) => b.id),
  ladder: (s.ladder ?? []).map((r) => r.id),
});

/** A minimal valid file with the given targets. */
function file(targets: unknown[], extra: Record<string, unknown> = {}): string {
  return stringify({ schemaVersion: 1, scenario: "toy", sources: { K: "a source" }, targets, ...extra });
}

const ok = {
  id: "t",
  label: "a target",
  kind: "sole-leader",
  leader: "ann",
  date: "2001-01-01",
  source: "K",
};

function issuesOf(
  text: string,
  k = { people: ["ann", "bob"], bodies: ["congress"], ladder: ["office", "politburo", "expulsion"] },
) {
  try {
    parseTargets(text, "t.yaml", k);
  } catch (err) {
    expect(err).toBeInstanceOf(TargetsError);
    return (err as TargetsError).issues;
  }
  throw new Error("expected a TargetsError");
}

describe.each(SHIPPED)("the shipped targets of $scenario.id", ({ scenario, file }) => {
  const tf = parseTargets(readFileSync(file, "utf8"), file.pathname, {
    ...knownOf(scenario),
    ...(scenario.ladder ? {} : { ladder: undefined }),
  });

  it("parse against the scenario's people, bodies and ladder", () => {
    expect(tf.scenario).toBe(scenario.id);
    expect(tf.targets.length).toBeGreaterThanOrEqual(15);
  });

  it("lie inside the scenario's calendar", () => {
    const { start, end } = scenario.calendar;
    for (const t of tf.targets) {
      expect(t.date >= start && t.date <= end, `${t.id} ${t.date}`).toBe(true);
    }
  });

  it("name a source for every target and a readable label", () => {
    for (const t of tf.targets) {
      expect(t.source.length).toBeGreaterThan(0);
      expect(t.label.length).toBeGreaterThan(10);
    }
  });
});

describe("the shipped targets together", () => {
  it("cover every kind", () => {
    const kinds = SHIPPED.flatMap(({ file }) =>
      parseTargets(readFileSync(file, "utf8")).targets.map((t) => t.kind),
    );
    expect(new Set(kinds)).toEqual(new Set(TARGET_KINDS));
  });
});

describe("parseTargets errors", () => {
  it("accepts a minimal file", () => {
    expect(parseTargets(file([ok]), "t.yaml").targets[0]!.id).toBe("t");
  });

  it("names an unknown kind with its line", () => {
    const text = file([{ ...ok, kind: "winner" }]);
    const line = text.split("\n").findIndex((l) => l.includes("kind: winner")) + 1;
    const issues = issuesOf(text);
    expect(issues[0]).toMatchObject({ path: "targets[0].kind", line });
    expect(issues[0]!.message).toContain("must be one of series-at");
  });

  it("names an unknown field at its own key", () => {
    const issues = issuesOf(file([{ ...ok, by: "2001-01-01" }]));
    expect(issues[0]).toMatchObject({ path: "targets[0].by", message: "unknown field(s): by" });
    expect(issues[0]!.line).toBeGreaterThan(0);
  });

  it("checks each kind's fields", () => {
    const series = { ...ok, kind: "series-at", series: "members", value: 10 };
    delete (series as Record<string, unknown>).leader;
    expect(issuesOf(file([series]))[0]!.message).toBe("give exactly one of tolerance or range");
    expect(issuesOf(file([{ ...series, tolerance: 0.1, range: [1, 2] }]))[0]!.message).toBe(
      "give exactly one of tolerance or range",
    );
    expect(issuesOf(file([{ ...series, tolerance: 20 }]))[0]!.path).toBe("targets[0].tolerance");
    expect(issuesOf(file([{ ...series, series: "votes", tolerance: 0.1 }]))[0]!.path).toBe(
      "targets[0].series",
    );

    const vote = {
      ...ok,
      kind: "vote-share",
      body: "congress",
      motion: "m",
      window: ["2001-01-05", "2001-01-20"],
      value: 0.1,
      range: [0, 0.2],
    };
    delete (vote as Record<string, unknown>).leader;
    expect(issuesOf(file([vote]))[0]).toMatchObject({
      path: "targets[0].date",
      message: "date must lie inside window",
    });
    expect(issuesOf(file([{ ...vote, date: "2001-01-10", range: [0, 2] }]))[0]!.path).toBe(
      "targets[0].range",
    );
    expect(issuesOf(file([{ ...vote, date: "2001-01-10", body: "senate" }]))[0]!.message).toBe(
      'unknown body "senate" in the scenario',
    );

    const removal = { ...ok, kind: "removal-by", person: "ann", rung: "politburo", notBefore: "2001-02-01" };
    delete (removal as Record<string, unknown>).leader;
    expect(issuesOf(file([removal]))[0]!.path).toBe("targets[0].notBefore");
    expect(issuesOf(file([{ ...removal, notBefore: "2000-01-01", rung: "gulag" }]))[0]!.message).toContain(
      'unknown ladder step "gulag"',
    );

    const order = { ...ok, kind: "order", rung: "politburo", before: ["ann"], after: ["ann", "cid"] };
    delete (order as Record<string, unknown>).leader;
    expect(issuesOf(file([order]))[0]!.message).toBe("a person cannot be in both before and after");
    expect(issuesOf(file([{ ...order, after: ["cid"] }]))[0]).toMatchObject({
      path: "targets[0].after[0]",
      message: 'unknown person "cid" in the scenario',
    });
  });

  it("checks dates, unique ids, source keys and persons", () => {
    expect(issuesOf(file([{ ...ok, date: "2001-02-30" }]))[0]!.path).toBe("targets[0].date");
    expect(issuesOf(file([ok, ok]))[0]).toMatchObject({ path: "targets[1].id", message: 'duplicate id "t"' });
    expect(issuesOf(file([{ ...ok, source: "K; Q" }]))[0]!.message).toBe(
      'source key "Q" is not defined in sources',
    );
    expect(issuesOf(file([{ ...ok, leader: "zed" }]))[0]!.message).toBe(
      'unknown person "zed" in the scenario',
    );
  });

  it("rejects the wrong version, an empty list, a non-mapping and bad syntax", () => {
    expect(issuesOf(file([ok], { schemaVersion: 2 }))[0]!.path).toBe("schemaVersion");
    expect(issuesOf(file([]))[0]!.path).toBe("targets");
    expect(issuesOf("- just\n- a list\n")[0]!.message).toContain("one object");
    const syntax = issuesOf("targets: [\n");
    expect(syntax[0]!.message).toMatch(/^syntax error/);
    expect(syntax[0]!.line).toBeGreaterThan(0);
  });

  it("puts file, line and field in the message", () => {
    const text = file([{ ...ok, kind: "winner" }]);
    const line = text.split("\n").findIndex((l) => l.includes("kind: winner")) + 1;
    expect(() => parseTargets(text, "my.targets.yaml")).toThrow(
      new RegExp(
        String.raw`^invalid targets file my\.targets\.yaml:\n {2}my\.targets\.yaml:${line}:\d+ {2}targets\[0\]\.kind: `,
      ),
    );
  });
});
