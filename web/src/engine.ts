// The engine in the browser: a pool of Web Workers (one per core but one), requests answered by id. A replay
// takes one worker; an experiment plan's runs are spread over all of them in small chunks. Each run's row depends
// only on its task, so the rows are the same bytes on one worker or many (and as the Node executors make them).
import { type ExperimentPlan, type RunRow, type RunTask, type Scenario, tasksFor } from "../../src/index.ts";
import type { Action } from "../../src/kernel/decisions/action.ts";
import type { PlayState } from "../../src/kernel/decisions/session.ts";
import type { Replay } from "../../src/replay/timeline.ts";
import type { Change } from "../../src/server/contract.ts";
import type { EngineReply, EngineRequest } from "./engineTypes.ts";

export interface LocalRun {
  replay: Replay;
  digest: string;
  ms: number;
  seed: number;
  changes: Change[];
}

/** A run the engine refused (a value out of range, an unknown path), with its readable issues. */
export class EngineError extends Error {
  readonly issues: { path: string; message: string }[];
  constructor(message: string, issues: { path: string; message: string }[] = []) {
    super(message);
    this.name = "EngineError";
    this.issues = issues;
  }
}

/** What the pool needs of a worker: a Web Worker, or a stand-in in tests. */
export interface EngineWorker {
  postMessage(message: EngineRequest): void;
  onmessage: ((ev: { data: EngineReply }) => void) | null;
  onerror: ((ev: { message: string }) => void) | null;
  terminate(): void;
}

function webWorker(): EngineWorker {
  return new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module" }) as EngineWorker;
}

/**
 * One worker per core but one, at least one and at most eight. The core left over keeps the page and the
 * browser's own threads (messages, drawing, the collector's helpers) off the workers' cores: on a 2-core
 * machine two workers ran fewer runs per second than one in each of nine timings (bench/browser.ts, in
 * Chromium: 8-22 against 13-24 runs/s), while a CPU-only loop in two workers ran twice as fast as in one.
 */
export function defaultPoolSize(): number {
  const cores = typeof navigator === "undefined" ? 1 : (navigator.hardwareConcurrency ?? 1);
  return Math.min(8, Math.max(1, Math.floor(cores) - 1));
}

type Pending = { resolve: (reply: EngineReply) => void; reject: (error: Error) => void };

interface Slot {
  worker: EngineWorker;
  /** Requests sent to this worker and not yet answered. */
  pending: Map<number, Pending>;
  /** Plans this worker holds, by key. */
  plans: Set<string>;
}

interface Job {
  /** Messages to send before the request (a plan the worker does not hold yet). */
  before?: (slot: Slot) => EngineRequest[];
  request: (id: number) => EngineRequest;
  pending: Pending;
}

export interface PlanRunOptions {
  /** Runs per message to a worker (default: small enough that every worker stays busy to the end). */
  chunk?: number;
  /** Called as runs finish, with how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Stops handing out runs; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

let planKeys = 0;

/**
 * A pool of engine workers. Workers start when work needs them, up to `size`; a worker takes one request at
 * a time, the rest wait in order.
 *
 * @example
 * const pool = new EnginePool(4);
 * const rows = await pool.runPlan(planMonteCarlo({ scenario, seed: 1, replicates: 200, question }));
 * summarize(plan, rows);
 */
export class EnginePool {
  readonly size: number;
  readonly #makeWorker: () => EngineWorker;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 1;

  constructor(size = defaultPoolSize(), makeWorker: () => EngineWorker = webWorker) {
    if (!Number.isSafeInteger(size) || size < 1)
      throw new RangeError(`pool size must be at least 1, got ${size}`);
    this.size = size;
    this.#makeWorker = makeWorker;
  }

  /** Workers started so far. */
  get workers(): number {
    return this.#slots.length;
  }

  /** One history with its network on one worker. */
  replay(scenario: Scenario, seed: number, changes: Change[]): Promise<LocalRun> {
    return this.#submit({
      request: (id) => ({ kind: "replay", id, scenario, seed, changes }),
    }).then((reply) => {
      if (!("replay" in reply)) throw new Error("the engine answered a replay with something else");
      return { replay: reply.replay, digest: reply.digest, ms: reply.ms, seed, changes };
    });
  }

  /** A game in a leader's seat, replayed from its moves on one worker. */
  play(scenario: Scenario, seed: number, as: string, moves: Action[], finish = false): Promise<PlayState> {
    return this.#submit({
      request: (id) => ({ kind: "play", id, scenario, seed, as, moves, finish }),
    }).then((reply) => {
      if (!("play" in reply)) throw new Error("the engine answered a game with something else");
      return reply.play;
    });
  }

  /**
   * Every run of a plan, spread over the pool; rows in index order, the same bytes whatever the pool size.
   * A failing run rejects the whole plan (with its reason) and stops handing out the rest.
   */
  async runPlan(plan: ExperimentPlan, options: PlanRunOptions = {}): Promise<RunRow[]> {
    const tasks = tasksFor(plan);
    const key = `plan-${++planKeys}`;
    // About four chunks per worker: few messages, yet no worker idles long at the end.
    const chunk = options.chunk ?? Math.max(1, Math.min(8, Math.ceil(tasks.length / (4 * this.size))));
    const chunks: RunTask[][] = [];
    for (let i = 0; i < tasks.length; i += chunk) chunks.push(tasks.slice(i, i + chunk));
    const rows: RunRow[] = [];
    let stopped: Error | null = null;
    const stop = (error: Error) => {
      if (stopped) return;
      stopped = error;
      // Runs not yet handed out are dropped; those running finish and are ignored.
      for (let i = this.#queue.length - 1; i >= 0; i--)
        if (ours.has(this.#queue[i]!)) this.#queue.splice(i, 1)[0]!.pending.reject(error);
    };
    const ours = new Set<Job>();
    const abort = () =>
      stop(options.signal?.reason instanceof Error ? options.signal.reason : new Error("stopped"));
    options.signal?.addEventListener("abort", abort, { once: true });
    try {
      if (options.signal?.aborted) abort();
      const done = chunks.map((part) =>
        this.#submit(
          {
            before: (slot) => {
              if (slot.plans.has(key)) return [];
              slot.plans.add(key);
              return [{ kind: "plan", key, plan }];
            },
            request: (id) => ({ kind: "runs", id, key, tasks: part }),
          },
          ours,
        ).then(
          (reply) => {
            if (stopped) return;
            if (!("rows" in reply)) throw new Error("the engine answered runs with something else");
            rows.push(...reply.rows);
            options.onProgress?.(rows.length, tasks.length);
          },
          (error: Error) => stop(error),
        ),
      );
      await Promise.all(done);
      if (stopped) throw stopped;
      return rows.sort((a, b) => a.index - b.index);
    } finally {
      options.signal?.removeEventListener("abort", abort);
      for (const slot of this.#slots)
        if (slot.plans.delete(key)) slot.worker.postMessage({ kind: "forget", key });
    }
  }

  /** Stops every worker; requests still waiting or running are rejected. */
  terminate(): void {
    const error = new Error("the engine pool was stopped");
    for (const job of this.#queue.splice(0)) job.pending.reject(error);
    for (const slot of this.#slots.splice(0)) {
      slot.worker.terminate();
      for (const p of slot.pending.values()) p.reject(error);
    }
  }

  #submit(job: Omit<Job, "pending">, track?: Set<Job>): Promise<EngineReply> {
    return new Promise<EngineReply>((resolve, reject) => {
      const full: Job = {
        ...job,
        pending: {
          resolve: (reply) => {
            track?.delete(full);
            if ("error" in reply) reject(new EngineError(reply.error, reply.issues));
            else resolve(reply);
          },
          reject: (error) => {
            track?.delete(full);
            reject(error);
          },
        },
      };
      track?.add(full);
      this.#queue.push(full);
      this.#dispatch();
    });
  }

  /** Hands waiting jobs to idle workers, starting workers while the pool has room. */
  #dispatch(): void {
    while (this.#queue.length > 0) {
      let slot = this.#slots.find((s) => s.pending.size === 0);
      if (!slot && this.#slots.length < this.size) slot = this.#start();
      if (!slot) return;
      const job = this.#queue.shift()!;
      const id = this.#nextId++;
      slot.pending.set(id, job.pending);
      for (const message of job.before?.(slot) ?? []) slot.worker.postMessage(message);
      slot.worker.postMessage(job.request(id));
    }
  }

  #start(): Slot {
    const slot: Slot = { worker: this.#makeWorker(), pending: new Map(), plans: new Set() };
    slot.worker.onmessage = (ev) => {
      const p = slot.pending.get(ev.data.id);
      if (!p) return;
      slot.pending.delete(ev.data.id);
      p.resolve(ev.data);
      this.#dispatch();
    };
    slot.worker.onerror = (ev) => {
      // A worker that failed outright is replaced on the next request; what it held is lost, so say so.
      const i = this.#slots.indexOf(slot);
      if (i >= 0) this.#slots.splice(i, 1);
      slot.worker.terminate();
      for (const p of slot.pending.values()) p.reject(new Error(`the engine stopped: ${ev.message}`));
      slot.pending.clear();
      this.#dispatch();
    };
    this.#slots.push(slot);
    return slot;
  }
}

let pool: EnginePool | null = null;

/** The page's pool, started on first use. */
export function enginePool(): EnginePool {
  pool ??= new EnginePool();
  return pool;
}

/** Runs one history in the browser, on a worker of the page's pool. */
export function runLocal(scenario: Scenario, seed: number, changes: Change[]): Promise<LocalRun> {
  return enginePool().replay(scenario, seed, changes);
}

/**
 * Every run of an experiment plan (a Monte Carlo, a what-if, ...) in the browser, over the page's pool of
 * workers; `summarize(plan, rows)` gives the same summary as the server's for the same plan.
 */
export function runPlanLocal(plan: ExperimentPlan, options?: PlanRunOptions): Promise<RunRow[]> {
  return enginePool().runPlan(plan, options);
}

/** A game in a leader's seat, in the browser: replayed from its moves on a worker of the page's pool. */
export function playLocal(
  scenario: Scenario,
  seed: number,
  as: string,
  moves: Action[],
  finish = false,
): Promise<PlayState> {
  return enginePool().play(scenario, seed, as, moves, finish);
}
