/**
 * Executors run batches of tasks of a plan somewhere (this thread, worker threads, machines behind a queue)
 * and hand back rows as batches finish, in any order. Each row depends only on its task, so where and in
 * which order tasks ran never changes the results.
 */
import type { RunTask } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";

export interface Executor {
  /** What the executor is, for progress lines and notes ("2 worker threads"). */
  readonly description: string;
  /** Runs every batch; `onBatch` receives each batch's rows as it finishes. Rejects on the first failure. */
  run(plan: ExperimentPlan, batches: RunTask[][], onBatch: (rows: RunRow[]) => void): Promise<void>;
  /** Frees threads and connections. */
  close(): Promise<void>;
}

/** Splits tasks into batches of `size` (the last may be shorter), keeping their order. */
export function batches<T>(tasks: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < tasks.length; i += size) out.push(tasks.slice(i, i + size));
  return out;
}
