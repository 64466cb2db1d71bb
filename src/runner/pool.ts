/**
 * Runs tasks on worker threads through piscina. From the sources (a checkout, the tests) the workers load
 * the TypeScript through tsx, as the CLI does; from the compiled package they run its JavaScript.
 *
 * What keeps two workers near twice one worker's rate (bench/experiments.ts measures it):
 * - the plan is serialised once per experiment into shared memory, and each job carries only that handle, so
 *   neither the main thread nor a worker copies the scenario per job (a worker decodes it once per plan);
 * - tasks go out one run at a time with a short queue per thread, so no worker idles at the end while
 *   another finishes a long batch; rows are still handed back (and stored) per batch of the caller's.
 */
import { randomUUID } from "node:crypto";
import { serialize } from "node:v8";
import { Piscina } from "piscina";
import type { RunTask } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import type { Executor } from "./executor.ts";
import type { PoolJob } from "./poolWorker.ts";
import { defaultWorkers } from "./workers.ts";

export { defaultWorkers } from "./workers.ts";

/** Running from TypeScript sources (then workers need tsx too) or from the compiled package. */
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const WORKER = new URL(FROM_SOURCE ? "./poolWorker.ts" : "./poolWorker.js", import.meta.url).href;

/** Tasks queued per thread beyond the one it runs: enough that a worker never waits for the main thread. */
const QUEUED_PER_THREAD = 2;

function hasTsx(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === "--import=tsx" || (a === "--import" && argv[i + 1] === "tsx"));
}

/** Worker flags: the parent's, plus the TypeScript loader when running from sources. */
function workerExecArgv(): string[] {
  if (!FROM_SOURCE || hasTsx(process.execArgv)) return process.execArgv;
  // Resolved here, not by name: a worker resolves bare names from the working directory.
  return [...process.execArgv, "--import", import.meta.resolve("tsx")];
}

/** The plan as V8 serialisation bytes (what structured cloning sends) in shared memory. */
function sharedPlan(plan: ExperimentPlan): SharedArrayBuffer {
  const bytes = serialize(plan);
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  return shared;
}

export class PoolExecutor implements Executor {
  readonly description: string;
  readonly #pool: Piscina<PoolJob, RunRow>;
  readonly #threads: number;

  constructor(workers = defaultWorkers()) {
    if (!Number.isSafeInteger(workers) || workers < 1)
      throw new RangeError(`workers must be a positive integer, got ${workers}`);
    this.#threads = workers;
    this.description = `${workers} worker thread${workers === 1 ? "" : "s"}`;
    this.#pool = new Piscina({
      filename: WORKER,
      minThreads: workers,
      maxThreads: workers,
      execArgv: workerExecArgv(),
      idleTimeout: 60_000,
    });
  }

  async run(plan: ExperimentPlan, batches: RunTask[][], onBatch: (rows: RunRow[]) => void): Promise<void> {
    const planKey = randomUUID();
    const shared = sharedPlan(plan);
    // Every task, with the batch it belongs to; a batch's rows go to onBatch together, in its order.
    const tasks = batches.flatMap((batch, b) => batch.map((task, i) => ({ task, b, i })));
    const rows = batches.map((batch) => new Array<RunRow>(batch.length));
    const left = batches.map((batch) => batch.length);
    // A few tasks per thread in flight rather than all queued: after a failure nothing new starts, and the
    // tasks already running finish before this call returns, so no row arrives after it (the caller may
    // have closed its store). Cancelling running tasks instead races inside the pool.
    const limit = (1 + QUEUED_PER_THREAD) * this.#threads;
    let next = 0;
    let active = 0;
    let failure: unknown = null;
    await new Promise<void>((resolve) => {
      const pump = () => {
        while (failure === null && active < limit && next < tasks.length) {
          const { task, b, i } = tasks[next++]!;
          active++;
          this.#pool
            .run({ planKey, plan: shared, task })
            .then((row) => {
              if (failure !== null) return;
              rows[b]![i] = row;
              if (--left[b]! === 0) onBatch(rows[b]!);
            })
            .catch((err: unknown) => {
              failure ??= err;
            })
            .finally(() => {
              active--;
              pump();
            });
        }
        if (active === 0) resolve();
      };
      pump();
    });
    if (failure !== null) throw failure;
  }

  /** Busy share of the worker threads since the pool started (piscina's utilization), for benchmarks. */
  get utilization(): number {
    return this.#pool.utilization;
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
