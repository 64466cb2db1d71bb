/**
 * Runs tasks on worker threads through piscina. From the sources (a checkout, the tests) the workers load
 * the TypeScript through tsx, as the CLI does; from the compiled package they run its JavaScript.
 *
 * What keeps two workers near twice one worker's rate (bench/experiments.ts measures it):
 * - the plan is serialised once per experiment into shared memory, and each job carries only that handle, so
 *   neither the main thread nor a worker copies the scenario per job (a worker decodes it once per plan);
 * - tasks go out one run at a time with a short queue per thread, so no worker idles at the end while
 *   another finishes a long batch; rows are still handed back (and stored) per batch of the caller's;
 * - each thread is a pool of its own, so a task can go to the thread that already compiled its variant:
 *   a variant is compiled once rather than once per thread (that doubled the compiling of a sweep or an
 *   attribution with few runs per variant).
 */
import { randomUUID } from "node:crypto";
import { serialize } from "node:v8";
import { Piscina } from "piscina";
import type { RunTask } from "../experiments/execute.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import type { Executor } from "./executor.ts";
import type { PoolJob } from "./poolWorker.ts";
import { defaultWorkers } from "./workers.ts";
import { workerExecArgv, workerScript } from "./workerThreads.ts";

export { defaultWorkers } from "./workers.ts";

const WORKER = workerScript("./poolWorker", import.meta.url);

/** Tasks queued per thread beyond the one it runs: enough that a worker never waits for the main thread. */
const QUEUED_PER_THREAD = 2;

/**
 * How far past the first task not yet handed out a thread looks for one of a variant it has compiled. Rows
 * wait for the rest of their batch before they are stored, so this also bounds how many finished runs a
 * killed process can lose (they are run again on resume).
 */
const AFFINITY_LOOKAHEAD = 64;

/** The plan as V8 serialisation bytes (what structured cloning sends) in shared memory. */
function sharedPlan(plan: ExperimentPlan): SharedArrayBuffer {
  const bytes = serialize(plan);
  const shared = new SharedArrayBuffer(bytes.byteLength);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/**
 * Tasks in order, handed out one at a time: to a thread, preferably the first one near the front of a
 * variant it has compiled, else the front one. Exported for tests.
 */
export class AffinityQueue {
  readonly #variants: readonly number[];
  readonly #taken: Uint8Array;
  #head = 0;
  #left: number;

  constructor(variants: readonly number[]) {
    this.#variants = variants;
    this.#taken = new Uint8Array(variants.length);
    this.#left = variants.length;
  }

  get left(): number {
    return this.#left;
  }

  /** The index of the next task for a thread that has compiled `compiled`; it is then taken. */
  take(compiled: ReadonlySet<number>): number {
    let j = this.#head;
    for (let k = this.#head, seen = 0; k < this.#variants.length && seen < AFFINITY_LOOKAHEAD; k++) {
      if (this.#taken[k]) continue;
      if (compiled.has(this.#variants[k]!)) {
        j = k;
        break;
      }
      seen++;
    }
    this.#taken[j] = 1;
    this.#left--;
    while (this.#head < this.#variants.length && this.#taken[this.#head]) this.#head++;
    return j;
  }
}

/** One worker thread (a one-thread piscina pool) and what it is doing. */
interface Lane {
  pool: Piscina<PoolJob, RunRow>;
  /** Tasks handed to it and not finished. */
  active: number;
  /** Variants of the current plan it has been given, hence compiled. */
  variants: Set<number>;
}

export class PoolExecutor implements Executor {
  readonly description: string;
  readonly #lanes: Lane[];

  constructor(workers = defaultWorkers()) {
    if (!Number.isSafeInteger(workers) || workers < 1)
      throw new RangeError(`workers must be a positive integer, got ${workers}`);
    this.description = `${workers} worker thread${workers === 1 ? "" : "s"}`;
    const execArgv = workerExecArgv();
    this.#lanes = Array.from({ length: workers }, () => ({
      pool: new Piscina<PoolJob, RunRow>({
        filename: WORKER,
        minThreads: 1,
        maxThreads: 1,
        execArgv,
        idleTimeout: 60_000,
        // A run that outgrows this heap ends its thread (the experiment fails, saying so), not the process.
        resourceLimits: { maxOldGenerationSizeMb: 2048 },
      }),
      active: 0,
      variants: new Set<number>(),
    }));
  }

  async run(plan: ExperimentPlan, batches: RunTask[][], onBatch: (rows: RunRow[]) => void): Promise<void> {
    const planKey = randomUUID();
    const shared = sharedPlan(plan);
    // Every task, with the batch it belongs to; a batch's rows go to onBatch together, in its order.
    const tasks = batches.flatMap((batch, b) => batch.map((task, i) => ({ task, b, i })));
    const rows = batches.map((batch) => new Array<RunRow>(batch.length));
    const left = batches.map((batch) => batch.length);
    const queue = new AffinityQueue(tasks.map((t) => t.task.variant));
    for (const lane of this.#lanes) lane.variants.clear();
    // A few tasks per thread in flight rather than all queued: after a failure nothing new starts, and the
    // tasks already running finish before this call returns, so no row arrives after it (the caller may
    // have closed its store). Cancelling running tasks instead races inside the pool.
    const perLane = 1 + QUEUED_PER_THREAD;
    let active = 0;
    let failure: unknown = null;
    await new Promise<void>((resolve) => {
      const pump = () => {
        for (const lane of this.#lanes) {
          while (failure === null && lane.active < perLane && queue.left > 0) {
            const { task, b, i } = tasks[queue.take(lane.variants)]!;
            lane.variants.add(task.variant);
            lane.active++;
            active++;
            lane.pool
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
                lane.active--;
                active--;
                pump();
              });
          }
        }
        if (active === 0) resolve();
      };
      pump();
    });
    if (failure !== null) throw failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.#lanes.map((lane) => lane.pool.destroy()));
  }
}
