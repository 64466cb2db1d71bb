/**
 * Counterfactuals over 100 seeds each: switching a factor off (or changing an exogenous shock) must move the
 * distribution of outcomes the way the source documents say the factor mattered. They assert directions and
 * sizes of effects against the baseline run with the same seeds, never a particular history.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { type RunResult, runScenario } from "../src/kernel/engine.ts";
import { bolshevik } from "./fixtures.ts";

const SEEDS = 100;
const GENERAL_SECRETARY = "stalin";
const BY = "1930-01-01";
/** Leaders who at some point stood against the General Secretary. */
const OPPONENTS = ["trotsky", "zinoviev", "kamenev", "bukharin", "rykov", "tomsky"];

function runs(sets: Record<string, unknown> = {}): RunResult[] {
  const sc = bolshevik(sets);
  return Array.from({ length: SEEDS }, (_, seed) => runScenario(sc, { seed }));
}

/** Share of runs where the General Secretary is sole leader before `BY`. */
function soleShare(results: RunResult[]): number {
  const hits = results.filter(
    (r) => r.outcome.kind === "sole-leader" && r.outcome.leader === GENERAL_SECRETARY && r.outcome.date! < BY,
  );
  return hits.length / results.length;
}

/** Mean years the opponents kept a full Politburo seat (to the end of the run when they never lost it). */
function meanTenure(results: RunResult[]): number {
  let total = 0;
  let n = 0;
  for (const r of results) {
    const dates = r.series.dates;
    for (const id of OPPONENTS) {
      const seat = r.series.leaders[id]!.politburo;
      const first = seat.indexOf(2);
      if (first < 0) continue;
      let last = first;
      for (let t = first; t < seat.length && seat[t] === 2; t++) last = t;
      total += (Date.parse(dates[last]!) - Date.parse(dates[first]!)) / (365.25 * 86_400_000);
      n++;
    }
  }
  return total / n;
}

describe("counterfactuals (100 seeds each)", () => {
  let baseline: RunResult[] = [];
  let base = 0;

  beforeAll(() => {
    baseline = runs();
    base = soleShare(baseline);
  });

  it("the baseline makes the General Secretary sole leader in most runs, not all", () => {
    expect(base).toBeGreaterThan(0.5);
    expect(base).toBeLessThan(0.95);
  });

  it("(a) with the founder never incapacitated, the chance falls by at least half", () => {
    const healthy = runs({
      "shocks.first-stroke.probability": 0,
      "shocks.second-stroke.probability": 0,
      "shocks.third-stroke.probability": 0,
      "shocks.lenin-dies.probability": 0,
    });
    expect(soleShare(healthy)).toBeLessThanOrEqual(base / 2);
  });

  it("(b) with the testament acted on at the first congress after it is written, the chance falls clearly", () => {
    const acted = soleShare(runs({ "mechanisms.testament.params.actOnAtFirstCongress": true }));
    // "Clearly": by more than three standard errors of the difference of two proportions.
    const se = Math.sqrt((base * (1 - base) + acted * (1 - acted)) / SEEDS);
    expect(base - acted).toBeGreaterThan(3 * se);
  });

  it("(c) with appointments and patronage off, the chance falls clearly", () => {
    const off = soleShare(runs({ "mechanisms.patronage.enabled": false }));
    const se = Math.sqrt((base * (1 - base) + off * (1 - off)) / SEEDS);
    expect(base - off).toBeGreaterThan(3 * se);
  });

  it("(d) without the ban on factions, opposition leaders keep their Politburo seats longer on average", () => {
    const without = meanTenure(runs({ "mechanisms.factionBan.enabled": false }));
    expect(without).toBeGreaterThan(meanTenure(baseline));
  });
});
