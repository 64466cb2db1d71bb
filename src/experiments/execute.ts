/**
 * Running one task of a plan: compile the variant (once per variant per process), run it from the task's
 * seed, keep the metrics. Every executor (in-process, worker threads, the distributed queue) calls this, so
 * they cannot disagree about what a run is. Pure.
 */
import { runScenario } from "../kernel/engine.ts";
import { type CompiledScenario, compileScenario } from "../scenario/compile.ts";
import { metricsOf } from "./metrics.ts";
import { variantScenario } from "./plan.ts";
import { runSeed, taskOf } from "./seeds.ts";
import type { ExperimentPlan, RunRow } from "./types.ts";

/** One run to make: which variant, which replicate, which seed. */
export interface RunTask {
  index: number;
  variant: number;
  replicate: number;
  seed: number;
}

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

/** Runs tasks of one plan, compiling each variant the first time it is needed. */
export class PlanRunner {
  readonly plan: ExperimentPlan;
  readonly #compiled = new Map<number, CompiledScenario>();

  constructor(plan: ExperimentPlan) {
    this.plan = plan;
  }

  #variant(v: number): CompiledScenario {
    let sc = this.#compiled.get(v);
    if (!sc) {
      const variant = this.plan.variants[v];
      if (!variant) throw new RangeError(`the plan has no variant ${v}`);
      sc = compileScenario(variantScenario(this.plan.scenario, variant));
      this.#compiled.set(v, sc);
    }
    return sc;
  }

  /** Runs one task. */
  run(task: RunTask): RunRow {
    const result = runScenario(this.#variant(task.variant), { seed: task.seed });
    return {
      index: task.index,
      variant: task.variant,
      replicate: task.replicate,
      seed: task.seed,
      metrics: metricsOf(result),
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
