/**
 * Runs batches on machines behind a Redis queue (BullMQ), so an experiment can use any number of worker
 * processes anywhere that can reach the Redis. The plan is stored once under its own key, not copied into
 * every job; jobs carry only the plan's key and their tasks. Completed and failed jobs are removed as they
 * finish and the plan key expires on its own, so Redis does not grow. Results do not depend on which worker
 * ran what: each row depends only on its task.
 */
import { randomUUID } from "node:crypto";
import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import type { RunTask } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import type { Executor } from "./executor.ts";

/** Queue the CLI and workers use unless told otherwise. */
export const DEFAULT_QUEUE = "apparat-runs";
/** Prefix of the keys plans are stored under. */
export const PLAN_PREFIX = "apparat:plan:";
/** How long a stored plan lives if nobody deletes it (a crashed submitter): three days. */
export const PLAN_TTL_SECONDS = 3 * 24 * 3600;
/** How long a submission waits without any sign of a worker before giving up: ten minutes. */
export const DEFAULT_TIMEOUT_MS = 10 * 60_000;

/** Longest wait for cleaning up after a submission (Redis may be gone). */
const CLEANUP_MS = 5000;

/** What a queued job carries: the key of its plan in Redis and the tasks to run. */
export interface QueueJob {
  planKey: string;
  batch: RunTask[];
}

/** Where a Redis is and how to log in: fits both ioredis and BullMQ connection options. */
export interface RedisTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  /** Present for `rediss://`: connect over TLS. */
  tls?: { servername: string };
}

/**
 * Connection options for a `redis://` or `rediss://` URL (host, port, user, password, database number in
 * the path). Anything else is refused with an error naming the value.
 *
 * @example
 * redisOptions("redis://127.0.0.1:6379/2"); // { host: "127.0.0.1", port: 6379, db: 2 }
 */
export function redisOptions(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`not a Redis URL: "${url}" (expected redis://host:port or rediss://host:port)`);
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:")
    throw new Error(
      `not a Redis URL: "${url}" (the scheme must be redis:// or rediss://, got ${u.protocol}//)`,
    );
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
  if (!host) throw new Error(`not a Redis URL: "${url}" (no host)`);
  const options: RedisTarget = { host, port: u.port ? Number(u.port) : 6379 };
  if (u.username) options.username = decodeURIComponent(u.username);
  if (u.password) options.password = decodeURIComponent(u.password);
  const path = u.pathname.replace(/^\/+/, "");
  if (path) {
    if (!/^\d+$/.test(path))
      throw new Error(`not a Redis URL: "${url}" (the path must be a database number)`);
    options.db = Number(path);
  }
  if (u.protocol === "rediss:") options.tls = { servername: host };
  return options;
}

/** The URL with any password masked, for progress lines and notes that get stored. */
export function safeRedisUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.href.replace(/\/$/, "");
}

/** A returned value as rows: BullMQ hands it over parsed or as JSON text depending on the version. */
function rowsOf(value: unknown): RunRow[] {
  const rows = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (!Array.isArray(rows)) throw new Error(`a worker returned ${typeof rows} instead of rows`);
  return rows as RunRow[];
}

export interface QueueExecutorOptions {
  /** BullMQ queue name (default `apparat-runs`); workers must use the same. */
  queueName?: string;
  /** Give up after this long (ms) without any job on the queue starting or finishing (default 10 min). */
  timeoutMs?: number;
}

/**
 * Submits batches as BullMQ jobs and collects the rows workers return. Start workers with
 * `apparat worker --queue URL` (see queueWorker.ts) on any machine that reaches the Redis.
 *
 * @example
 * const executor = new QueueExecutor("redis://127.0.0.1:6379");
 * await runExperiment({ store, executor, plan });
 * await executor.close();
 */
export class QueueExecutor implements Executor {
  readonly description: string;
  readonly #url: string;
  readonly #options: RedisTarget;
  readonly #queueName: string;
  readonly #timeoutMs: number;
  #redis: Redis | undefined;
  #queue: Queue<QueueJob, RunRow[]> | undefined;

  constructor(url: string, options: QueueExecutorOptions = {}) {
    this.#options = redisOptions(url);
    this.#url = safeRedisUrl(url);
    this.#queueName = options.queueName ?? DEFAULT_QUEUE;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!(this.#timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${options.timeoutMs}`);
    this.description = `queue ${this.#url} (BullMQ)`;
  }

  /** The plain connection (plans, the events stream's position), opened on first use. */
  #client(): Redis {
    if (!this.#redis) {
      this.#redis = new Redis({ ...this.#options });
      // Errors also reject the command that met them; the event must not crash the process.
      this.#redis.on("error", () => {});
    }
    return this.#redis;
  }

  #queueOf(): Queue<QueueJob, RunRow[]> {
    if (!this.#queue) {
      this.#queue = new Queue<QueueJob, RunRow[]>(this.#queueName, { connection: { ...this.#options } });
      this.#queue.on("error", () => {});
    }
    return this.#queue;
  }

  async run(plan: ExperimentPlan, batches: RunTask[][], onBatch: (rows: RunRow[]) => void): Promise<void> {
    if (batches.length === 0) return;
    const redis = this.#client();
    try {
      await redis.ping();
    } catch (e) {
      throw new Error(`cannot reach Redis at ${this.#url}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const queue = this.#queueOf();
    await queue.waitUntilReady();

    const submission = randomUUID();
    const planKey = `${PLAN_PREFIX}${submission}`;
    // BullMQ refuses custom ids with a single ":", so the batch number follows a "-".
    const ids = batches.map((_, n) => `${submission}-${n}`);
    const pending = new Set(ids);

    // Listen from the events stream's current end, so no completion is missed however fast workers are.
    const last = (await redis.xrevrange(queue.toKey("events"), "+", "-", "COUNT", 1))[0]?.[0] ?? "0-0";
    const events = new QueueEvents(this.#queueName, { connection: { ...this.#options }, lastEventId: last });
    let lastError: unknown;
    events.on("error", (e) => {
      lastError = e;
    });

    try {
      await events.waitUntilReady();
      await redis.set(planKey, JSON.stringify(plan), "EX", PLAN_TTL_SECONDS);
      await new Promise<void>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        const finish = (error?: Error) => {
          clearTimeout(timer);
          events.removeAllListeners("completed").removeAllListeners("failed").removeAllListeners("active");
          if (error) reject(error);
          else resolve();
        };
        const alive = () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            const why = lastError instanceof Error ? ` (last Redis error: ${lastError.message})` : "";
            finish(
              new Error(
                `no worker answered on queue "${this.#queueName}" at ${this.#url} for ${this.#timeoutMs / 1000} s, ` +
                  `${pending.size} of ${ids.length} batches still waiting${why}; start workers with ` +
                  `\`apparat worker --queue ${this.#url}\``,
              ),
            );
          }, this.#timeoutMs);
        };
        // Any job starting or finishing shows a worker is there (ours may wait behind other submissions).
        events.on("active", alive);
        events.on("completed", ({ jobId, returnvalue }) => {
          alive();
          if (!pending.delete(jobId)) return;
          try {
            onBatch(rowsOf(returnvalue));
          } catch (e) {
            finish(e instanceof Error ? e : new Error(String(e)));
            return;
          }
          if (pending.size === 0) finish();
        });
        events.on("failed", ({ jobId, failedReason }) => {
          if (pending.has(jobId))
            finish(new Error(`batch ${jobId} failed on a queue worker: ${failedReason}`));
        });
        alive();
        queue
          .addBulk(
            batches.map((batch, n) => ({
              name: "runs",
              data: { planKey, batch },
              opts: { jobId: ids[n]!, attempts: 1, removeOnComplete: true, removeOnFail: true },
            })),
          )
          .catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
      });
    } finally {
      // Jobs left after a failure or a timeout would only fail later without their plan: drop those not
      // yet started (running ones finish and are removed on their own). Bounded, in case Redis is gone.
      const cleanup = Promise.allSettled([
        ...[...pending].map((id) => queue.remove(id)),
        events.close(),
        redis.del(planKey),
      ]);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([cleanup, new Promise((resolve) => (timer = setTimeout(resolve, CLEANUP_MS)))]);
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.#queue?.close();
    this.#queue = undefined;
    await this.#redis?.quit().catch(() => this.#redis?.disconnect());
    this.#redis = undefined;
  }
}
