/**
 * The denial-of-service suite: every case the hardening issue found, each either refused before anything
 * runs (quickly, naming the field and the limit) or, at the largest size the limits allow, finishing within
 * the run budget. Refusals and the cheap allowed cases run in `npm test`; the allowed cases that take
 * seconds each run nightly (APPARAT_NIGHTLY=1).
 */
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { runScenario } from "../src/kernel/engine.ts";
import { compileScenario } from "../src/scenario/compile.ts";
import { STRESS_CASES as C } from "../src/scenario/limits.cases.ts";
import { estimateRun, LIMITS } from "../src/scenario/limits.ts";
import { parseScenario, ScenarioError, validateScenarioData } from "../src/scenario/load.ts";
import { decodeText } from "../src/scenario/yamlText.ts";
import { testApp } from "../src/server/app.test-helpers.ts";
import { ReplayPool } from "../src/server/replays.ts";
import { bolshevikScenario } from "./fixtures.ts";
import { NIGHTLY, report } from "./nightly.ts";

const base = bolshevikScenario();
const api = testApp();
afterAll(() => api.close());

/**
 * Loads scenario data as a file would be loaded (written as JSON, which the loader reads like YAML and which
 * is quick to write); returns the refusal (or null) and how long reading and checking took.
 */
function load(data: unknown): { error: ScenarioError | null; ms: number } {
  const text = JSON.stringify(data, null, 1);
  const t = performance.now();
  try {
    const bytes = new TextEncoder().encode(text);
    const decoded = decodeText(bytes);
    if ("issue" in decoded) throw new ScenarioError("case.yaml", [decoded.issue]);
    parseScenario(decoded.text, "case.yaml");
    return { error: null, ms: performance.now() - t };
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    return { error: err, ms: performance.now() - t };
  }
}

/** CPU seconds of one run of scenario data (load on other processes does not count). */
function cpuSecondsOfRun(data: unknown): { seconds: number; estimate: number } {
  const text = stringify(data, { aliasDuplicateObjects: false });
  const s = parseScenario(text, "case.yaml");
  const before = process.cpuUsage();
  runScenario(compileScenario(s), { seed: 11 });
  const used = process.cpuUsage(before);
  return { seconds: (used.user + used.system) / 1e6, estimate: estimateRun(s).seconds };
}

const figures: Record<string, unknown> = {};
afterAll(() => report("DoS suite", figures));

describe("denial-of-service cases in scenario files: refused before anything runs", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["a calendar to 9999-12-31", () => C.endOfTime(base), /calendar\.end/],
    ["13 exact copies of a leader, seated", () => C.copiedLeaders(base, 8), /maxSeats/],
    ["16 extra seated leaders", () => C.seatedLeaders(base, 16), /maxSeats/],
    ["more than 24 contenders", () => C.seatedLeaders(base, 20), /maxSeats/],
    // As a file it is 14 MB: refused by its size before it is parsed.
    ["10,000 leaders", () => C.leaders(base, 10_000), /^\(file\)$/],
    ["10^9 committee seats", () => C.committeeSeats(base, 1e9), /independents/],
    ["10^9 individual members", () => C.individualMembers(base, 1e9), /members\.fidelity/],
    ["10^12 individual members", () => C.individualMembers(base, 1e12), /members\.fidelity/],
    ["a coalition rule of 1/3", () => C.rule(base, 1, 3), /coalitions\.params\.rule/],
    ["a weekly congress doubling the committee", () => C.weeklyCongress(base), /enlargementCap/],
    [
      "runaway recruitment, every member an agent, 30 years",
      () => C.runawayRecruitment(base, 30),
      /fidelity/,
    ],
  ];
  // A 2 MB file of 5,000 regions is parsed before it is refused (10,000 make a file over the size limit):
  // seconds on a busy machine, so nightly.
  if (NIGHTLY) cases.push(["5,000 regions", () => C.regions(base, 5_000), /^regions$/]);
  it.each(cases)("%s", (what, make, path) => {
    const { error, ms } = load(make());
    expect(error, what).not.toBeNull();
    expect(
      error!.issues.some((i) => path.test(i.path) && (i.line !== undefined || i.path === "(file)")),
      JSON.stringify(error!.issues),
    ).toBe(true);
    expect(error!.message).toMatch(/limit|must|larger than/);
    figures[`refused: ${what}`] = `${Math.round(ms)} ms`;
    // Refused in the time it takes to read the file, not to run it.
    expect(ms).toBeLessThan(15_000);
  });
});

describe("denial-of-service cases as data (a patch, a request): refused at once by their size", () => {
  it.each([
    ["10,000 leaders", () => C.leaders(base, 10_000), "people"],
    ["10,000 regions", () => C.regions(base, 10_000), "regions"],
    ["100,000 officials", () => C.officials(base, 100_000), "people"],
  ] as const)("%s", (what, make, path) => {
    const data = make();
    const t = performance.now();
    let error: unknown;
    try {
      validateScenarioData(data, "data");
    } catch (err) {
      error = err;
    }
    const ms = performance.now() - t;
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).issues[0]!.path).toBe(path);
    figures[`refused as data: ${what}`] = `${Math.round(ms)} ms`;
    expect(ms).toBeLessThan(5000);
  });
});

describe("denial-of-service cases through the API: refused before anything runs", () => {
  const replays: [string, { path: string; value: unknown }[]][] = [
    ["calendar to 9999-12-31", [{ path: "calendar.end", value: "9999-12-31" }]],
    ["rule outside [1/2, 1)", [{ path: "mechanisms.coalitions.params.rule.den", value: 3 }]],
    [
      "individual fidelity for 68 years",
      [
        { path: "members.fidelity", value: "individual" },
        { path: "calendar.end", value: "1990-01-01" },
      ],
    ],
  ];
  it.each(replays)("a replay with %s", async (what, changes) => {
    const t = performance.now();
    const res = await api.json("/api/replay", { scenario: "bolshevik-1922", seed: 1, changes });
    const ms = performance.now() - t;
    expect(res.status).toBe(400);
    expect(((await res.json()) as { field: string }).field).toBe("changes");
    figures[`API refused: replay with ${what}`] = `${Math.round(ms)} ms`;
  });

  it("an experiment of 2,000 runs with the calendar to 9999-12-31", async () => {
    const res = await api.json("/api/experiments", {
      kind: "mc",
      scenario: "bolshevik-1922",
      runs: 2000,
      changes: [{ path: "calendar.end", value: "9999-12-31" }],
    });
    expect(res.status).toBe(400);
    expect(api.store.list()).toEqual([]);
  });

  it("an experiment of 2,000 long runs within the calendar limit, refused by its estimated computing", async () => {
    const small = testApp({ maxExperimentSeconds: 3600 });
    const res = await small.json("/api/experiments", {
      kind: "whatif",
      scenario: "bolshevik-1922",
      runs: 2000,
      changes: [{ path: "calendar.end", value: "2020-01-01" }],
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/estimated at [\d.]+ CPU-hours/);
    await small.close();
  });
});

describe("the largest cases the limits allow finish within the run budget", () => {
  const cheap: [string, () => unknown][] = [
    ["9 contenders", () => C.seatedLeaders(base, 4)],
    ["2,000 committee seats", () => C.committeeSeats(base, LIMITS.maxCommitteeSeats - 30)],
    ["100,000 delegates", () => C.delegates(base, LIMITS.maxDelegates)],
  ];
  const heavy: [string, () => unknown][] = [
    [`${LIMITS.maxContenders} contenders`, () => C.seatedLeaders(base, LIMITS.maxContenders - 5)],
    ["a 99-year calendar", () => C.years(base, 99)],
    ["1,000 people", () => C.officials(base, LIMITS.maxPeople - base.people.length)],
    ["100 leaders", () => C.leaders(base, LIMITS.maxLeaders - 8)],
    ["500 regions", () => C.regions(base, LIMITS.maxRegions - base.regions.length)],
    ["1.2 million members, every one an agent", () => C.individualMembers(base, 1_200_000)],
  ];
  it.each(NIGHTLY ? [...cheap, ...heavy] : cheap)(
    "%s",
    (what, make) => {
      const { seconds, estimate } = cpuSecondsOfRun(make());
      figures[`ran: ${what}`] =
        `${seconds.toFixed(1)} s CPU (estimate ${estimate.toFixed(1)} s, budget ${LIMITS.maxRunSeconds} s)`;
      expect(estimate).toBeLessThanOrEqual(LIMITS.maxRunSeconds);
      expect(seconds).toBeLessThan(LIMITS.maxRunSeconds);
      expect(seconds).toBeLessThan(estimate * 1.5);
    },
    300_000,
  );

  it.runIf(NIGHTLY)(
    "a replay of a 99-year calendar through the server's worker, within its timeout and size",
    async () => {
      const pool = new ReplayPool({ threads: 1, timeoutMs: 30_000 });
      try {
        const scenario = parseScenario(stringify(C.years(base, 99)), "long.yaml");
        const t = performance.now();
        const out = await pool.run({ scenario, seed: 1, maxBytes: 16 * 1024 * 1024 });
        expect("json" in out).toBe(true);
        figures["replay: 99-year calendar"] =
          `${Math.round(performance.now() - t)} ms, ${"json" in out ? out.json.length : 0} bytes`;
      } finally {
        await pool.close();
      }
    },
  );
});
