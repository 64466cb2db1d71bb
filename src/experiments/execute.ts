/**
 * Running one task of a plan: prepare the variant (once per variant per process), run it from the task's seed,
 * keep the metrics (and the series the plan asks for). Every executor (in-process, worker threads, the
 * distributed queue) calls this, so they cannot disagree about what a run is. The model is the scenario engine
 * unless a caller injects another (a library user's model, or the analytic test functions of the sensitivity
 * tests, which then go through the same plans, executors, store and summaries). Pure.
 */
import { runScenario } from "../kernel/engine.ts";
import { type CompiledScenario, compileScenario } from "../scenario/compile.ts";
import { metricsOf } from "./metrics.ts";
import { variantScenario } from "./plan.ts";
import { runSeed, taskOf } from "./seeds.ts";
import { keepSeries } from "./series.ts";
import type { ExperimentPlan, RunMetrics, RunRow, RunSeries } from "./types.ts";

/** One run to make: which variant, which replicate, which seed. */
export interface RunTask {
  index: number;
  variant: number;
  replicate: number;
  seed: number;
}

/** What a model gives back for one run. */
export interface RunOutput {
  metrics: RunMetrics;
  series?: RunSeries;
}

/**
 * A model an experiment runs: `prepare` once per variant (compile it), `run` once per task. Must depend only on
 * its arguments, so any executor gives the same rows.
 */
export interface RunModel<P = unknown> {
  prepare(plan: ExperimentPlan, variant: number): P;
  run(prepared: P, task: RunTask, plan: ExperimentPlan): RunOutput;
}

/** The scenario engine: the variant's scenario compiled, run from the task's seed. */
export const scenarioModel: RunModel<CompiledScenario> = {
  prepare(plan, v) {
    const variant = plan.variants[v];
    if (!variant) throw new RangeError(`the plan has no variant ${v}`);
    return compileScenario(variantScenario(plan.scenario, variant));
  },
  run(sc, task, plan) {
    const result = runScenario(sc, { seed: task.seed });
    const metrics = metricsOf(result);
    return plan.series ? { metrics, series: keepSeries(result.series, plan.series) } : { metrics };
  },
};

/**
 * The tasks for some run indices of a plan (all of them by default), in the order given.
 *
 * @example
 * tasksFor(plan, [0, 1, 2]).map((t) => t.seed);
 */
export function tasksFor(plan: ExperimentPlan, indices?: readonly number[]): RunTask[] {
  const V = plan.variants.length;
  const all = indices ?? Array.from({ length: V * plan.replicates }, (_, i) => i);
  return all.map((index) => {
    const { variant, replicate } = taskOf(index, V);
    return { index, variant, replicate, seed: runSeed(plan.seed, replicate) };
  });
}

/** Runs tasks of one plan, preparing each variant the first time it is needed. */
export class PlanRunner {
  readonly plan: ExperimentPlan;
  readonly #model: RunModel;
  readonly #prepared = new Map<number, unknown>();

  constructor(plan: ExperimentPlan, model: RunModel = scenarioModel as RunModel) {
    this.plan = plan;
    this.#model = model;
  }

  #variant(v: number): unknown {
    if (!this.#prepared.has(v)) {
      if (!this.plan.variants[v]) throw new RangeError(`the plan has no variant ${v}`);
      this.#prepared.set(v, this.#model.prepare(this.plan, v));
    }
    return this.#prepared.get(v);
  }

  /** Runs one task. */
  run(task: RunTask): RunRow {
    const out = this.#model.run(this.#variant(task.variant), task, this.plan);
    return {
      index: task.index,
      variant: task.variant,
      replicate: task.replicate,
      seed: task.seed,
      metrics: out.metrics,
      ...(out.series ? { series: out.series } : {}),
    };
  }
}

/**
 * The runners of the last few plans a worker has seen, by plan key, so each variant is compiled once per
 * worker however many batches of its plan arrive. Experiments run one at a time; a few spare cover overlap.
 */
export class PlanRunnerCache {
  readonly #runners = new Map<string, PlanRunner>();
  readonly #keep: number;

  constructor(keep = 4) {
    this.#keep = keep;
  }

  get(planKey: string): PlanRunner | undefined {
    return this.#runners.get(planKey);
  }

  /** The runner for a plan, made (and the oldest dropped past the limit) on first sight of its key. */
  add(planKey: string, plan: ExperimentPlan): PlanRunner {
    const runner = new PlanRunner(plan);
    this.#runners.set(planKey, runner);
    if (this.#runners.size > this.#keep) this.#runners.delete(this.#runners.keys().next().value!);
    return runner;
  }
}
