/**
 * Server-side replays off the main thread. A replay can take seconds and tens of megabytes; run on the thread
 * that answers requests it would stall every other request (a 93-second replay once blocked the health check
 * for 90 s). Replays therefore run on worker threads, at most a few queued, each with a wall-clock timeout
 * that ends its thread, a cap on its heap, and a cap on the size of the answer.
 */
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { workerExecArgv, workerScript } from "../runner/workerThreads.ts";
import { makeReplay, type ReplayJob, type ReplayOutcome } from "./replayJob.ts";

export { estimateReplayBytes, makeReplay, type ReplayJob, type ReplayOutcome } from "./replayJob.ts";

/** Why a replay could not be made: the server is busy, or the replay ran out of time. */
export class ReplayRefused extends Error {
  constructor(
    readonly reason: "busy" | "timeout" | "failed",
    message: string,
  ) {
    super(message);
    this.name = "ReplayRefused";
  }
}

export interface ReplayRunner {
  run(job: ReplayJob): Promise<ReplayOutcome>;
  close(): Promise<void>;
}

/** Runs replays on this thread: for tests of the API, never for a server. */
export const inProcessReplays: ReplayRunner = {
  run: async (job) => makeReplay(job),
  close: async () => {},
};

const WORKER = workerScript("./replayWorker", import.meta.url);

export interface ReplayPoolOptions {
  /** Replays running at once (default: one per core, at most 2). */
  threads?: number;
  /** Replays waiting for a thread; one more is refused as busy. */
  maxQueued?: number;
  /** Wall-clock milliseconds a replay may take before its thread is ended. */
  timeoutMs: number;
  /** Heap of a replay thread, in MB: a runaway replay ends its thread, not the server. */
  maxHeapMb?: number;
}

/**
 * Replays on worker threads (piscina).
 *
 * @example
 * const replays = new ReplayPool({ timeoutMs: 20_000 });
 * const out = await replays.run({ scenario, seed: 7, maxBytes: 16 << 20 });
 */
export class ReplayPool implements ReplayRunner {
  readonly #pool: Piscina<ReplayJob, ReplayOutcome>;
  readonly #timeoutMs: number;

  constructor(o: ReplayPoolOptions) {
    const threads = o.threads ?? Math.min(2, availableParallelism());
    this.#timeoutMs = o.timeoutMs;
    this.#pool = new Piscina({
      filename: WORKER,
      minThreads: threads,
      maxThreads: threads,
      maxQueue: o.maxQueued ?? 4 * threads,
      idleTimeout: 30_000,
      execArgv: workerExecArgv(),
      resourceLimits: { maxOldGenerationSizeMb: o.maxHeapMb ?? 1024 },
    });
  }

  async run(job: ReplayJob): Promise<ReplayOutcome> {
    if (this.#pool.queueSize >= this.#pool.options.maxQueue)
      throw new ReplayRefused(
        "busy",
        "the server is making as many replays as it can; try again in a moment",
      );
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.#timeoutMs);
    try {
      return await this.#pool.run(job, { signal: abort.signal });
    } catch (error) {
      if (abort.signal.aborted)
        throw new ReplayRefused(
          "timeout",
          `the replay took longer than this server's limit of ${this.#timeoutMs / 1000} s and was stopped`,
        );
      const message = error instanceof Error ? error.message : String(error);
      if (/queue.*limit|maximum queue/i.test(message))
        throw new ReplayRefused(
          "busy",
          "the server is making as many replays as it can; try again in a moment",
        );
      throw new ReplayRefused("failed", `the replay failed: ${message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.#pool.destroy();
  }
}
