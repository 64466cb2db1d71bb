/**
 * The conformance suite every executor runs (in-process, worker pool, queue): the rows it returns must equal
 * the reference rows byte for byte, every task must come back exactly once, and a failing run must fail the
 * experiment instead of vanishing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { PlanRunner, tasksFor } from "../experiments/execute.ts";
import { planMonteCarlo, planSensitivity, planWhatIf } from "../experiments/plan.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import { scenarioEstimates } from "../sensitivity/parameters.ts";
import { batches, type Executor } from "./executor.ts";

const question = { text: "q", leader: "stalin", by: "1930-01-01" };

export function casePlans(): ExperimentPlan[] {
  const scenario = bolshevikScenario();
  return [
    planMonteCarlo({ scenario, seed: 11, replicates: 5, question }),
    planWhatIf({
      scenario,
      seed: 12,
      replicates: 3,
      question,
      sets: [{ path: "mechanisms.patronage.enabled", value: false }],
    }),
    // Kept series travel with the rows, and a sensitivity design is a plan like any other.
    planMonteCarlo({ scenario, seed: 13, replicates: 2, question, series: ["members", "committeeVotes"] }),
    planSensitivity({
      scenario,
      seed: 14,
      replicates: 1,
      question,
      method: "morris",
      parameters: scenarioEstimates(scenario).slice(0, 2),
      samples: 2,
    }),
  ];
}

/** Reference rows: each task run directly, in index order. */
export function referenceRows(plan: ExperimentPlan): RunRow[] {
  const runner = new PlanRunner(plan);
  return tasksFor(plan).map((t) => runner.run(t));
}

/** Every row an executor returns for a plan run in batches of `size`, in index order. */
export async function collect(executor: Executor, plan: ExperimentPlan, size = 2): Promise<RunRow[]> {
  const rows: RunRow[] = [];
  await executor.run(plan, batches(tasksFor(plan), size), (batch) => rows.push(...batch));
  return rows.sort((a, b) => a.index - b.index);
}

export function executorCases(name: string, make: () => Promise<Executor>): void {
  describe(`executor conformance: ${name}`, () => {
    let executor: Executor;
    const plans = casePlans();
    const reference = plans.map(referenceRows);

    beforeAll(async () => {
      executor = await make();
    });
    afterAll(async () => {
      await executor?.close();
    });

    it("returns every task exactly once, with the reference rows byte for byte", async () => {
      for (const [i, plan] of plans.entries()) {
        const rows = await collect(executor, plan, 2);
        expect(rows.map((r) => r.index)).toEqual(reference[i]!.map((r) => r.index));
        expect(JSON.stringify(rows)).toBe(JSON.stringify(reference[i]));
      }
    });

    it("gives the same rows whatever the batch size", async () => {
      const rows = await collect(executor, plans[0]!, 1);
      expect(JSON.stringify(rows)).toBe(JSON.stringify(reference[0]));
    });

    it("hands back each batch whole, its rows in the batch's order (the store writes one batch at a time)", async () => {
      const plan = plans[0]!;
      const sent = batches(tasksFor(plan), 3);
      const got: number[][] = [];
      await executor.run(plan, sent, (rows) => got.push(rows.map((r) => r.index)));
      const expected = sent.map((b) => b.map((t) => t.index));
      expect(got.sort((a, b) => a[0]! - b[0]!)).toEqual(expected);
    });

    it("fails the experiment when a run cannot be made", async () => {
      const plan = structuredClone(plans[0]!);
      // A variant that no longer applies: the failure must surface, not drop the runs silently.
      plan.variants[0]!.sets = [{ path: "mechanisms.nosuch.enabled", value: false }];
      await expect(collect(executor, plan, 2)).rejects.toThrow(/nosuch/);
    });
  });
}
