/**
 * The worker-thread side of the pool: runs a batch of tasks. Compiled variants are cached per plan, so a
 * worker compiles each variant once however many batches it gets.
 */
import { PlanRunnerCache, type RunTask } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";

export interface PoolJob {
  /** Identifies the plan across jobs, so its compiled variants can be reused. */
  planKey: string;
  plan: ExperimentPlan;
  batch: RunTask[];
}

const runners = new PlanRunnerCache();

export default function runBatch(job: PoolJob): RunRow[] {
  const runner = runners.get(job.planKey) ?? runners.add(job.planKey, job.plan);
  return job.batch.map((t) => runner.run(t));
}
