/**
 * The worker-thread side of the pool: runs a batch of tasks. Compiled variants are cached per plan, so a
 * worker compiles each variant once however many batches it gets.
 */
import { PlanRunner, type RunTask } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";

export interface PoolJob {
  /** Identifies the plan across jobs, so its compiled variants can be reused. */
  planKey: string;
  plan: ExperimentPlan;
  batch: RunTask[];
}

const runners = new Map<string, PlanRunner>();
/** Plans kept per worker: experiments run one at a time, a few spare cover overlap. */
const KEEP = 4;

export default function runBatch(job: PoolJob): RunRow[] {
  let runner = runners.get(job.planKey);
  if (!runner) {
    runner = new PlanRunner(job.plan);
    runners.set(job.planKey, runner);
    if (runners.size > KEEP) runners.delete(runners.keys().next().value!);
  }
  return job.batch.map((t) => runner.run(t));
}
