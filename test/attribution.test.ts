/**
 * Attribution on the shipped scenario and factor groups, over 12 seeds (384 runs): the essay's central
 * factor — the General Secretary's powers — must carry a clearly positive Shapley value, and the values
 * must add up to the difference between all factors present and none. Figures with 200 seeds are in
 * docs/results.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PlanRunner, tasksFor } from "../src/experiments/execute.ts";
import { parseFactors } from "../src/experiments/factors.ts";
import { planAttribution } from "../src/experiments/plan.ts";
import { summarize } from "../src/experiments/summarize.ts";
import { bolshevikScenario } from "./fixtures.ts";

const SEEDS = 12;

describe(`attribution over the essay factors (${SEEDS} seeds x 32 combinations)`, () => {
  const scenario = bolshevikScenario();
  const file = new URL("../factors/bolshevik-1922.yaml", import.meta.url);
  const factors = parseFactors(readFileSync(file, "utf8"), "factors/bolshevik-1922.yaml", scenario);
  const plan = planAttribution({
    scenario,
    seed: 1,
    replicates: SEEDS,
    question: factors.question,
    groups: factors.groups,
  });
  const runner = new PlanRunner(plan);
  const summary = summarize(
    plan,
    tasksFor(plan).map((t) => runner.run(t)),
  );
  if (summary.kind !== "attribute") throw new Error("not an attribution");
  const byId = new Map(summary.factors.map((f) => [f.id, f]));

  it("the General Secretary's powers raise the chance, with an interval clear of zero", () => {
    const gs = byId.get("general-secretary")!;
    expect(gs.shapley.lo).toBeGreaterThan(0);
    // Removing them costs more than half of the baseline chance.
    expect(gs.without.share).toBeLessThan(summary.baseline.yes.share / 2);
  });

  it("no single factor is enough on its own to make him sole leader in most runs", () => {
    for (const f of summary.factors) expect(f.alone.share).toBeLessThan(0.5);
  });

  it("the Shapley values add up to all present minus none present", () => {
    const total = summary.factors.reduce((a, f) => a + f.shapley.value, 0);
    expect(total).toBeCloseTo(summary.baseline.yes.share - summary.none.share, 9);
  });
});
