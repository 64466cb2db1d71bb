/**
 * Running an experiment into the store: create it (or reopen it to resume), run the runs not yet stored,
 * and store each batch in one transaction as it arrives. A process killed at any moment loses at most the
 * batches in flight; a resume runs exactly the missing indices, and the store refuses any index twice.
 */
import { type RunTask, tasksFor } from "../experiments/execute.ts";
import { totalRuns, variantScenario } from "../experiments/plan.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import { validateScenarioData } from "../scenario/load.ts";
import type { ResultsStore } from "../store/store.ts";
import { batches, type Executor } from "./executor.ts";

export interface ExperimentProgress {
  /** Runs stored, including those stored before a resume. */
  done: number;
  total: number;
  /** Runs made by this process so far, and since when (ms), for the rate. */
  ranNow: number;
  startedAt: number;
}

export interface RunExperimentOptions {
  store: ResultsStore;
  executor: Executor;
  /** A new experiment's plan, or the id of a stored one to resume. */
  plan?: ExperimentPlan;
  resume?: number;
  /** Runs per batch handed to a worker (default 4: small enough for smooth progress). */
  batchSize?: number;
  onStart?: (id: number, progress: ExperimentProgress) => void;
  onProgress?: (progress: ExperimentProgress) => void;
}

export interface ExperimentOutcome {
  id: number;
  plan: ExperimentPlan;
  rows: RunRow[];
  /** Runs this process made (the rest were stored already). */
  ran: number;
  seconds: number;
}

/** Checks a stored plan's scenario and every variant of it, as a new plan is checked when it is made. */
function checkPlan(plan: ExperimentPlan): void {
  const base = validateScenarioData(plan.scenario, `stored plan of "${plan.name}"`);
  for (const v of plan.variants) variantScenario(base, v);
}

/**
 * Runs (or resumes) an experiment to completion and returns every stored row in index order.
 *
 * @example
 * const out = await runExperiment({ store, executor: new PoolExecutor(2), plan });
 * summarize(out.plan, out.rows);
 */
export async function runExperiment(o: RunExperimentOptions): Promise<ExperimentOutcome> {
  const started = Date.now();
  let id: number;
  let plan: ExperimentPlan;
  if (o.resume !== undefined) {
    const record = o.store.experiment(o.resume);
    id = record.id;
    plan = record.plan;
    if (record.status === "finished" && record.done >= record.total) {
      // Nothing to run; the stored rows are the outcome.
      return { id, plan, rows: o.store.runs(id), ran: 0, seconds: (Date.now() - started) / 1000 };
    }
    // A stored plan is checked again as this version reads scenarios (limits included) before any run.
    try {
      checkPlan(plan);
    } catch (error) {
      o.store.markFailed(id, `its stored plan cannot run: ${(error as Error).message}`);
      throw error;
    }
    o.store.markRunning(id);
  } else if (o.plan) {
    plan = o.plan;
    id = o.store.createExperiment(plan, totalRuns(plan));
  } else throw new Error("runExperiment needs a plan or an experiment id to resume");

  const total = totalRuns(plan);
  const stored = o.store.storedIndices(id);
  const missing: number[] = [];
  for (let i = 0; i < total; i++) if (!stored.has(i)) missing.push(i);
  const progress: ExperimentProgress = { done: stored.size, total, ranNow: 0, startedAt: started };
  o.onStart?.(id, { ...progress });

  const tasks: RunTask[] = tasksFor(plan, missing);
  try {
    await o.executor.run(plan, batches(tasks, o.batchSize ?? 4), (rows) => {
      o.store.addRuns(id, rows);
      progress.done += rows.length;
      progress.ranNow += rows.length;
      o.onProgress?.({ ...progress });
    });
  } catch (error) {
    // A failed experiment says so in the store, with the reason, instead of showing as running for ever. The
    // runs stored so far stay, and a resume runs the rest.
    try {
      o.store.markFailed(id, error instanceof Error ? error.message : String(error));
    } catch {
      // The store itself failing is the error worth reporting: the original one.
    }
    throw error;
  }
  o.store.markFinished(id);
  return { id, plan, rows: o.store.runs(id), ran: progress.ranNow, seconds: (Date.now() - started) / 1000 };
}
