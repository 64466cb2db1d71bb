/** The simplest executor: every run on this thread, one after another. The reference the others must match. */
import { PlanRunner, type RunTask } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import type { Executor } from "./executor.ts";

export class InProcessExecutor implements Executor {
  readonly description = "this thread";

  async run(plan: ExperimentPlan, batches: RunTask[][], onBatch: (rows: RunRow[]) => void): Promise<void> {
    const runner = new PlanRunner(plan);
    for (const batch of batches) {
      onBatch(batch.map((t) => runner.run(t)));
      // Yield between batches so signals and progress redraws get a turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {}
}
