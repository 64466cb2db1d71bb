/**
 * The worker-thread side of the pool: runs one task. The plan arrives as shared bytes with every task and is
 * decoded once per worker (then cached with its compiled variants by key), so a worker compiles each variant
 * once however many of its tasks it gets.
 */
import { deserialize } from "node:v8";
import { PlanRunnerCache, type RunTask } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";

export interface PoolJob {
  /** Identifies the plan across jobs, so its compiled variants can be reused. */
  planKey: string;
  /** The plan, V8-serialised into shared memory: passing it to a worker copies nothing. */
  plan: SharedArrayBuffer;
  task: RunTask;
}

const runners = new PlanRunnerCache();

export default function runTask(job: PoolJob): RunRow {
  const runner =
    runners.get(job.planKey) ??
    runners.add(job.planKey, deserialize(Buffer.from(new Uint8Array(job.plan))) as ExperimentPlan);
  return runner.run(job.task);
}
