import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { bolshevikScenario, chinaScenario } from "../../test/fixtures.ts";
import { runScenario } from "../kernel/engine.ts";
import { compileScenario } from "./compile.ts";
import { STRESS_CASES as C } from "./limits.cases.ts";
import { estimateRun, LIMITS, limitIssues } from "./limits.ts";
import { parseScenario, ScenarioError, validateScenarioData } from "./load.ts";
import { scenarioSchema } from "./schema.ts";

const base = bolshevikScenario();
const china = chinaScenario();

/** The refusal of scenario data: every issue names a field, and the message quotes the limit. */
function refusal(data: unknown): ScenarioError {
  try {
    validateScenarioData(data, "case");
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    const e = err as ScenarioError;
    for (const i of e.issues) expect(i.path.length).toBeGreaterThan(0);
    return e;
  }
  return expect.unreachable("the case was accepted") as never;
}

/** CPU milliseconds of one run of this process (load on other processes does not count). */
function cpuMsOfRun(data: unknown): number {
  const s = validateScenarioData(data, "case");
  const before = process.cpuUsage();
  runScenario(compileScenario(s), { seed: 3 });
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe("resource limits", () => {
  it("let the built-in scenarios through with room to spare, and estimate them within a few seconds", () => {
    expect(limitIssues(base)).toEqual([]);
    const e = estimateRun(base);
    expect(e.seconds).toBeLessThan(1);
    expect(e.contenders).toBe(5);
    expect(e.years).toBeGreaterThan(7);
    // The China scenario seats many leaders in its top body, but only nine are ambitious enough to contend.
    expect(limitIssues(china)).toEqual([]);
    const c = estimateRun(china);
    expect(c.contenders).toBe(9);
    expect(c.contenders).toBeLessThanOrEqual(LIMITS.maxContenders - 5);
    expect(c.seconds).toBeLessThan(LIMITS.maxRunSeconds / 10);
    // The flagship in individual fidelity, a century of it, and the most contenders the limits allow are all
    // allowed.
    expect(
      limitIssues(
        validateScenarioData({ ...structuredClone(base), members: { fidelity: "individual" } }, "x"),
      ),
    ).toEqual([]);
    expect(() => validateScenarioData(C.years(base, 99), "x")).not.toThrow();
    const most = validateScenarioData(C.seatedLeaders(base, LIMITS.maxContenders - 5), "x");
    expect(estimateRun(most).contenders).toBe(LIMITS.maxContenders);
    // Contenders at the low end of their ambition's range: fifteen in the China scenario, still allowed.
    const eager = structuredClone(china);
    eager.mechanisms.coalitions.params.contenderAmbition.value = 0.2;
    expect(estimateRun(eager).contenders).toBe(15);
    expect(limitIssues(validateScenarioData(eager, "x"))).toEqual([]);
  });

  it("refuse each denial-of-service case of the battery, naming the field and the limit's reason", () => {
    const cases: [string, unknown, RegExp, RegExp][] = [
      ["calendar to 9999-12-31", C.endOfTime(base), /^calendar\.end$/, /years.*limit of 100/],
      [
        "daily ticks for 99 years",
        { ...C.years(base, 99), calendar: { ...C.years(base, 99).calendar, tickDays: 1 } },
        /calendar\.tickDays/,
        /ticks/,
      ],
      ["16 extra seated leaders", C.seatedLeaders(base, 16), /bodies\[\d+\]\.maxSeats/, /coalition search/],
      ["more than 24 contenders", C.seatedLeaders(base, 20), /bodies\[\d+\]\.maxSeats/, /25 contenders/],
      // Ten years of it would fit: the length is what makes it dear, so the refusal names the calendar.
      ["a century of the China scenario", C.years(china, 98), /^calendar\.end$/, /run budget/],
      [
        "13 exact copies of a leader, seated",
        C.copiedLeaders(base, 8),
        /bodies\[\d+\]\.maxSeats/,
        /run budget.*exact copies|exact copies.*run budget/s,
      ],
      ["10,000 leaders", C.leaders(base, 10_000), /^people$/, /people.*compares every pair/],
      ["200 leaders", C.leaders(base, 200), /^people$/, /leaders.*power series/],
      [
        "10^9 committee seats",
        C.committeeSeats(base, 1e9),
        /centralCommittee\.independents/,
        /typing mistake/,
      ],
      ["10^9 individual members", C.individualMembers(base, 1e9), /members\.fidelity/, /row in memory/],
      ["10^12 individual members", C.individualMembers(base, 1e12), /members\.fidelity/, /row in memory/],
      ["10^13 aggregate members", C.aggregateMembers(base, 1e13), /^regions$/, /population/],
      ["10,000 regions", C.regions(base, 10_000), /^regions$/, /every region's members are updated/],
      ["a million delegates", C.delegates(base, 1e6), /bodies\[\d+\]\.delegates\.value/, /delegates/],
      ["a weekly congress doubling the committee", C.weeklyCongress(base), /enlargementCap/, /enlargement/],
      ["runaway recruitment for 30 years", C.runawayRecruitment(base, 30), /members\.fidelity/, /grow to/],
    ];
    for (const [what, data, path, why] of cases) {
      const e = refusal(data);
      expect(
        e.issues.some((i) => path.test(i.path)),
        `${what}: ${JSON.stringify(e.issues)}`,
      ).toBe(true);
      expect(e.message, what).toMatch(why);
      expect(e.message.length, what).toBeLessThan(3000);
    }
  });

  it("refuse a coalition rule outside [1/2, 1) at the schema, where the engine would throw", () => {
    for (const [num, den] of [
      [1, 3],
      [1, 1],
      [3, 2],
      [0, 2],
    ] as const) {
      const e = refusal(C.rule(base, num, den));
      expect(e.issues[0]!.path).toMatch(/mechanisms\.coalitions\.params\.rule/);
    }
    for (const [num, den] of [
      [1, 2],
      [2, 3],
      [99, 100],
    ] as const)
      expect(() => validateScenarioData(C.rule(base, num, den), "x")).not.toThrow();
  });

  it("locate a refusal in the file by line", () => {
    const text = stringify(C.endOfTime(base));
    try {
      parseScenario(text, "long.yaml");
      expect.unreachable();
    } catch (err) {
      const issue = (err as ScenarioError).issues[0]!;
      expect(issue.path).toBe("calendar.end");
      const line = text.split("\n").findIndex((l) => l.includes("9999-12-31")) + 1;
      expect(issue.line).toBe(line);
    }
  });

  it("estimate a run generously: measured CPU time stays under the estimate", () => {
    const cases = [base, china, C.seatedLeaders(base, 4), C.years(base, 30)];
    // One warm-up run, so compilation of the engine itself is not counted.
    cpuMsOfRun(base);
    for (const data of cases) {
      const estimate = estimateRun(scenarioSchema.parse(data)).seconds * 1000;
      const measured = cpuMsOfRun(data);
      expect(measured, `estimate ${estimate.toFixed(0)} ms`).toBeLessThan(estimate * 1.5);
    }
  });
});
