/**
 * The server's experiments: at most a few running at once (more are refused, not queued, so a click never
 * waits behind a stranger's sweep), each stored in the same results store as the CLI's, with its progress
 * fanned out to every listener. A listener that joins late gets the latest progress at once.
 */
import type { ExperimentPlan } from "../experiments/types.ts";
import type { Executor } from "../runner/executor.ts";
import { type ExperimentProgress, runExperiment } from "../runner/experiment.ts";
import type { ResultsStore } from "../store/store.ts";
import type { ProgressMessage } from "./contract.ts";

export type ExperimentEvent =
  | { type: "progress"; progress: ProgressMessage }
  | { type: "done"; id: number }
  | { type: "failed"; id: number; error: string };

type Listener = (event: ExperimentEvent) => void;

interface Active {
  progress: ProgressMessage;
  listeners: Set<Listener>;
}

/** Too many experiments are running: the caller should answer 429. */
export class BusyError extends Error {
  override name = "BusyError";
}

export interface ExperimentManagerOptions {
  store: ResultsStore;
  /** A fresh executor for each experiment (closed when it ends). */
  executor: () => Executor;
  maxConcurrent: number;
  /** Fewest milliseconds between two progress messages of one experiment (the last one always goes). */
  progressEveryMs?: number;
}

function messageOf(id: number, p: ExperimentProgress): ProgressMessage {
  const seconds = (Date.now() - p.startedAt) / 1000;
  return {
    id,
    done: p.done,
    total: p.total,
    rate: seconds > 0 ? Math.round((p.ranNow / seconds) * 10) / 10 : 0,
  };
}

export class ExperimentManager {
  readonly #o: ExperimentManagerOptions;
  readonly #active = new Map<number, Active>();
  /** Slots taken by experiments being set up, before their id is known. */
  #starting = 0;

  constructor(o: ExperimentManagerOptions) {
    this.#o = o;
  }

  isActive(id: number): boolean {
    return this.#active.has(id);
  }

  /** Ids of the experiments running in this process now. */
  activeIds(): number[] {
    return [...this.#active.keys()];
  }

  get running(): number {
    return this.#active.size + this.#starting;
  }

  /**
   * Starts a new experiment (`plan`) or resumes a stored one (`resume`), and resolves with its id as soon as
   * it is stored; the runs go on in the background.
   *
   * @throws BusyError when `maxConcurrent` experiments are running already.
   */
  start(job: { plan: ExperimentPlan } | { resume: number }): Promise<number> {
    if (this.running >= this.#o.maxConcurrent)
      throw new BusyError(
        `${this.running} experiment${this.running === 1 ? " is" : "s are"} running, the most this server runs at once; try again when one has finished`,
      );
    if ("resume" in job && this.#active.has(job.resume))
      throw new BusyError(`experiment ${job.resume} is running already`);
    // Made before the slot is taken: a factory that throws leaves no slot held.
    const executor = this.#o.executor();
    this.#starting++;
    const every = this.#o.progressEveryMs ?? 250;
    return new Promise<number>((resolveId, rejectId) => {
      let active: Active | null = null;
      let id = -1;
      let lastSent = 0;
      // The experiment leaves the active list before its last event goes out, so a listener that arrives
      // after that event finds it in the store instead.
      void runExperiment({
        store: this.#o.store,
        executor,
        ...("plan" in job ? { plan: job.plan } : { resume: job.resume }),
        onStart: (started, p) => {
          id = started;
          this.#starting--;
          active = { progress: messageOf(id, p), listeners: new Set() };
          this.#active.set(id, active);
          resolveId(id);
        },
        onProgress: (p) => {
          if (!active) return;
          active.progress = messageOf(id, p);
          const now = Date.now();
          if (now - lastSent < every && p.done < p.total) return;
          lastSent = now;
          this.#emit(active, { type: "progress", progress: active.progress });
        },
      })
        .then(
          () => {
            this.#active.delete(id);
            if (active) this.#emit(active, { type: "done", id });
          },
          (error: unknown) => {
            this.#active.delete(id);
            const message = error instanceof Error ? error.message : String(error);
            if (active) this.#emit(active, { type: "failed", id, error: message });
            else {
              this.#starting--;
              rejectId(error);
            }
          },
        )
        .finally(() => executor.close().catch(() => {}));
    });
  }

  /**
   * Calls `listener` with the experiment's progress now and its events until it ends; returns the
   * unsubscribe function, or null when the experiment is not running in this process.
   */
  subscribe(id: number, listener: Listener): (() => void) | null {
    const active = this.#active.get(id);
    if (!active) return null;
    active.listeners.add(listener);
    listener({ type: "progress", progress: active.progress });
    return () => active.listeners.delete(listener);
  }

  /** Waits for every running experiment to end (for shutdown and tests). */
  async idle(): Promise<void> {
    while (this.#active.size > 0 || this.#starting > 0) await new Promise((r) => setTimeout(r, 20));
  }

  #emit(active: Active, event: ExperimentEvent): void {
    for (const l of active.listeners) l(event);
  }
}
