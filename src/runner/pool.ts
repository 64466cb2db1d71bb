/**
 * Runs batches on worker threads through piscina. Workers load the TypeScript sources through tsx, as the
 * CLI does, so there is no build step.
 */
import { randomUUID } from "node:crypto";
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
      // Workers need the TypeScript loader; keep any flags the parent was started with.
      // Resolved here, not by name: a worker resolves bare names from the working directory.
      execArgv: hasTsx(process.execArgv) ? process.execArgv : [...process.execArgv, "--import", TSX],
      idleTimeout: 60_000,
      // A run that outgrows this heap ends its thread (the experiment fails, saying so), not the process.
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    });
  }

  async run(plan: ExperimentPlan, batches: RunTask[][], onBatch: (rows: RunRow[]) => void): Promise<void> {
    const planKey = randomUUID();
    // Keep a few batches per thread in flight rather than queueing them all: after a failure nothing new
    // starts, and the batches already running finish before this call returns, so no row arrives after it
    // (the caller may have closed its store). Cancelling running tasks instead races inside the pool.
    const limit = 2 * this.#threads;
    let next = 0;
    let active = 0;
    let failure: unknown = null;
    await new Promise<void>((resolve) => {
      const pump = () => {
        while (failure === null && active < limit && next < batches.length) {
          const batch = batches[next++]!;
          active++;
          this.#pool
            .run({ planKey, plan, batch })
            .then((rows) => {
              if (failure === null) onBatch(rows);
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

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
