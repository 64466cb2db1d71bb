/** Server-side replays on worker threads: an answer, a size cap, a timeout that ends the thread, a busy queue. */
import { afterAll, describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { STRESS_CASES } from "../scenario/limits.cases.ts";
import { validateScenarioData } from "../scenario/load.ts";
import { estimateReplayBytes, makeReplay, ReplayPool, ReplayRefused } from "./replays.ts";

const scenario = bolshevikScenario();
const pools: ReplayPool[] = [];
afterAll(async () => {
  for (const p of pools) await p.close();
});

function pool(timeoutMs: number, maxQueued = 1): ReplayPool {
  const p = new ReplayPool({ threads: 1, timeoutMs, maxQueued });
  pools.push(p);
  return p;
}

describe("replays", () => {
  it("estimate their size generously before running", () => {
    const out = makeReplay({ scenario, seed: 1, maxBytes: 1e9 });
    const actual = "json" in out ? out.json.length : 0;
    expect(actual).toBeGreaterThan(100_000);
    expect(estimateReplayBytes(scenario)).toBeGreaterThan(actual);
    expect(estimateReplayBytes(scenario)).toBeLessThan(actual * 4);
    expect(estimateReplayBytes(scenario, "1923-01-01")).toBeLessThan(estimateReplayBytes(scenario) / 5);
    const wide = validateScenarioData(STRESS_CASES.regions(scenario, 200), "wide");
    const wideOut = makeReplay({ scenario: wide, seed: 1, maxBytes: 1e9, until: "1923-06-01" });
    expect(estimateReplayBytes(wide, "1923-06-01")).toBeGreaterThan(
      "json" in wideOut ? wideOut.json.length : 0,
    );
  });

  it("give their size instead of the JSON when over the cap", () => {
    expect(makeReplay({ scenario, seed: 1, maxBytes: 1000, until: "1923-01-01" })).toEqual({
      tooLarge: expect.any(Number),
    });
  });

  it("run on a worker thread, the same bytes as on this one", async () => {
    const job = { scenario, seed: 3, maxBytes: 1e8, until: "1924-01-01" };
    expect(await pool(60_000).run(job)).toEqual(makeReplay(job));
  });

  it("end a replay that runs past its time, and keep serving", async () => {
    const p = pool(150);
    const err = await p.run({ scenario, seed: 1, maxBytes: 1e8 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReplayRefused);
    expect((err as ReplayRefused).reason).toBe("timeout");
    expect((err as Error).message).toMatch(/longer than this server's limit of 0.15 s/);
    const quick = await pool(60_000).run({ scenario, seed: 1, maxBytes: 1e8, until: "1922-05-01" });
    expect("json" in quick).toBe(true);
  });

  it("refuse as busy beyond the queue", async () => {
    const p = pool(60_000, 1);
    const job = { scenario, seed: 1, maxBytes: 1e8, until: "1923-01-01" };
    const runs = [p.run(job), p.run(job), p.run(job), p.run(job)].map((r) => r.catch((e: unknown) => e));
    const out = await Promise.all(runs);
    const busy = out.filter((x) => x instanceof ReplayRefused && x.reason === "busy");
    expect(busy.length).toBeGreaterThan(0);
    expect(out.filter((x) => x && typeof x === "object" && "json" in x).length).toBeGreaterThan(0);
  });
});
