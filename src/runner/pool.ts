/**
 * Runs batches on worker threads through piscina. Workers load the TypeScript sources through tsx, as the
 * CLI does, so there is no build step.
 */
import { randomUUID } from "node:crypto";
import { setMaxListeners } from "node:events";
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { RunTask } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import type { Executor } from "./executor.ts";
import type { PoolJob } from "./poolWorker.ts";

const WORKER = new URL("./poolWorker.ts", import.meta.url).href;
const TSX = import.meta.resolve("tsx");

/** Default worker count: one per core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

function hasTsx(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === "--import=tsx" || (a === "--import" && argv[i + 1] === "tsx"));
}

export class PoolExecutor implements Executor {
  readonly description: string;
  readonly #pool: Piscina<PoolJob, RunRow[]>;

  constructor(workers = defaultWorkers()) {
    if (!Number.isSafeInteger(workers) || workers < 1)
      throw new RangeError(`workers must be a positive integer, got ${workers}`);
    this.description = `${workers} worker thread${workers === 1 ? "" : "s"}`;
    this.#pool = new Piscina({
      filename: WORKER,
      minThreads: workers,
      maxThreads: workers,
      // Workers need the TypeScript loader; keep any flags the parent was started with.
      // Resolved here, not by name: a worker resolves bare names from the working directory.
      execArgv: hasTsx(process.execArgv) ? process.execArgv : [...process.execArgv, "--import", TSX],
      idleTimeout: 60_000,
    });
  }

  async run(plan: ExperimentPlan, batches: RunTask[][], onBatch: (rows: RunRow[]) => void): Promise<void> {
    const planKey = randomUUID();
    // On the first failure, cancel what has not started and wait for the rest, so no row arrives after
    // this call has returned (the caller may have closed its store by then).
    const cancel = new AbortController();
    // Every queued batch listens to the one signal.
    setMaxListeners(batches.length + 10, cancel.signal);
    let failure: unknown = null;
    const fail = (err: unknown) => {
      if (failure !== null) return;
      failure = err;
      cancel.abort();
    };
    await Promise.allSettled(
      batches.map((batch) =>
        this.#pool.run({ planKey, plan, batch }, { signal: cancel.signal }).then((rows) => {
          if (failure !== null) return;
          try {
            onBatch(rows);
          } catch (err) {
            fail(err);
          }
        }, fail),
      ),
    );
    if (failure !== null) throw failure;
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
