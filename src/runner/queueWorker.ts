/**
 * The worker side of the Redis queue (`apparat worker --queue URL`): takes batches off the queue, fetches
 * their plan from Redis by key, runs them and returns the rows. Compiled variants are cached per plan, so a
 * worker compiles each variant once however many batches of the plan it gets. Runs are CPU-bound on one
 * thread: run one worker process per core rather than raising the concurrency.
 */
import { Worker } from "bullmq";
import { Redis } from "ioredis";
import { type PlanRunner, PlanRunnerCache } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import { DEFAULT_QUEUE, PLAN_PREFIX, type QueueJob, redisOptions, safeRedisUrl } from "./queue.ts";

export interface QueueWorkerOptions {
  /** Batches run at once (default 1: runs are CPU-bound on one thread). */
  concurrency?: number;
  /** BullMQ queue name (default `apparat-runs`); must match the submitter's. */
  queueName?: string;
  /** Called after each batch with the number of runs it held. */
  onBatch?: (n: number) => void;
  /** Called on connection and job errors (default: a line on stderr). BullMQ retries connections itself. */
  onError?: (error: Error) => void;
}

export interface QueueWorker {
  /** Stops taking jobs, lets the running ones finish and closes the connections. */
  close(): Promise<void>;
}

/**
 * Starts a worker on the queue at `url` and resolves once it is connected and taking jobs.
 *
 * @example
 * const worker = await startQueueWorker("redis://127.0.0.1:6379", { onBatch: (n) => (done += n) });
 * process.once("SIGINT", () => void worker.close());
 */
export async function startQueueWorker(url: string, options: QueueWorkerOptions = {}): Promise<QueueWorker> {
  const connection = redisOptions(url);
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${options.concurrency}`);
  const redis = new Redis({ ...connection });
  // Errors also reject the command that met them; the event must not crash the process.
  redis.on("error", () => {});
  try {
    await redis.ping();
  } catch (e) {
    redis.disconnect();
    throw new Error(
      `cannot reach Redis at ${safeRedisUrl(url)}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }

  const runners = new PlanRunnerCache();
  const runnerFor = async (planKey: string): Promise<PlanRunner> => {
    const cached = runners.get(planKey);
    if (cached) return cached;
    if (typeof planKey !== "string" || !planKey.startsWith(PLAN_PREFIX))
      throw new Error(`job has no valid plan key (got ${JSON.stringify(planKey)})`);
    const text = await redis.get(planKey);
    if (text === null)
      throw new Error(
        `plan ${planKey} is not in Redis: it expired or its submitter ended; submit the experiment again`,
      );
    return runners.add(planKey, JSON.parse(text) as ExperimentPlan);
  };

  const worker = new Worker<QueueJob, RunRow[]>(
    options.queueName ?? DEFAULT_QUEUE,
    async (job) => {
      const { planKey, batch } = job.data;
      const runner = await runnerFor(planKey);
      const rows: RunRow[] = [];
      for (const task of batch) {
        rows.push(runner.run(task));
        // Yield between runs so the job's lock is renewed during long batches.
        await new Promise((resolve) => setImmediate(resolve));
      }
      options.onBatch?.(rows.length);
      return rows;
    },
    { connection: { ...connection }, concurrency, autorun: false },
  );
  // Connection trouble is retried by BullMQ; report it rather than crash the process.
  const onError = options.onError ?? ((e: Error) => console.error(`queue worker: ${e.message}`));
  worker.on("error", onError);
  void worker.run().catch(() => {});
  await worker.waitUntilReady();

  return {
    async close() {
      await worker.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
