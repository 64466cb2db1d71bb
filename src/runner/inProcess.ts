/** The simplest executor: every run on this thread, one after another. The reference the others must match. */
import { PlanRunner, type RunModel, type RunTask } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import type { Executor } from "./executor.ts";

export class InProcessExecutor implements Executor {
  readonly description = "this thread";
  readonly #model: RunModel | undefined;

  /** `model` replaces the scenario engine (a library user's model, or a test function). */
  constructor(model?: RunModel) {
    this.#model = model;
  }

  async run(plan: ExperimentPlan, batches: RunTask[][], onBatch: (rows: RunRow[]) => void): Promise<void> {
    const runner = new PlanRunner(plan, this.#model);
    for (const batch of batches) {
      onBatch(batch.map((t) => runner.run(t)));
      // Yield between batches so signals and progress redraws get a turn.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {}
}
