/**
 * The essay's what-ifs as one experiment: variant 0 is the scenario as it is, variant i + 1 the i-th what-if
 * of the essay file, every variant on the same seeds. Each what-if's change in the chance of the question's
 * outcome is the mean of per-seed differences from the baseline (paired), with the bounded t interval. Pure.
 */

import type { EssayWhatIf } from "../experiments/essay.ts";
import { answersYes } from "../experiments/metrics.ts";
import { type PlanBase, planSweep } from "../experiments/plan.ts";
import { type ShareCI, shareOf } from "../experiments/summarize.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import { boundedMeanInterval, type MeanInterval } from "../stats/intervals.ts";

/**
 * The plan of the what-ifs: a design of one baseline point and one point per what-if (a sweep, so the store,
 * the worker pool and resuming treat it like any other design).
 *
 * @example
 * const plan = planEssayWhatIfs({ ...base, name: "essay what-ifs" }, essay.whatifs);
 */
export function planEssayWhatIfs(base: PlanBase, whatifs: readonly EssayWhatIf[]): ExperimentPlan {
  const point = (w: EssayWhatIf) =>
    Object.fromEntries(w.set.map((a) => [a.path, a.value as number | boolean | string]));
  const plan = planSweep({
    ...base,
    points: [{}, ...whatifs.map(point)],
    design: { kind: "essay-whatifs", whatifs: whatifs.map((w) => w.id) },
  });
  plan.variants.forEach((v, i) => {
    v.label = i === 0 ? "baseline" : whatifs[i - 1]!.label;
  });
  return plan;
}

/** One what-if's figures. */
export interface WhatIfFigure {
  id: string;
  label: string;
  meaning: string;
  kind: EssayWhatIf["kind"];
  sets: { path: string; value: unknown }[];
  /** Chance of the question's outcome with the change. */
  chance: ShareCI;
  /** Change from the baseline, paired by seed. */
  effect: MeanInterval;
  /** Who got the post, and how often he became sole leader with it. */
  newHolder?: { id: string; sole: ShareCI };
}

/**
 * The figures of every what-if from the experiment's rows (only seeds where every variant ran are paired).
 *
 * @example
 * const { baseline, whatIfs } = whatIfFigures(plan, store.runs(id), essay.whatifs);
 */
export function whatIfFigures(
  plan: ExperimentPlan,
  rows: readonly RunRow[],
  whatifs: readonly EssayWhatIf[],
): { baseline: ShareCI; pairedRuns: number; whatIfs: WhatIfFigure[] } {
  const V = whatifs.length + 1;
  const grid = new Map<number, (RunRow | undefined)[]>();
  for (const r of rows) {
    const line = grid.get(r.replicate) ?? new Array<RunRow | undefined>(V).fill(undefined);
    line[r.variant] = r;
    grid.set(r.replicate, line);
  }
  const complete = [...grid]
    .sort((a, b) => a[0] - b[0])
    .map(([, line]) => line)
    .filter((line): line is RunRow[] => line.every((r) => r !== undefined));
  const yes = (r: RunRow) => (answersYes(r.metrics, plan.question) ? 1 : 0);
  const n = complete.length;
  const count = (v: number, f: (r: RunRow) => number) => complete.reduce((s, line) => s + f(line[v]!), 0);
  return {
    baseline: shareOf(count(0, yes), n),
    pairedRuns: n,
    whatIfs: whatifs.map((w, i) => {
      const v = i + 1;
      return {
        id: w.id,
        label: w.label,
        meaning: w.meaning,
        kind: w.kind,
        sets: w.set,
        chance: shareOf(count(v, yes), n),
        effect: boundedMeanInterval(
          complete.map((line) => yes(line[v]!) - yes(line[0]!)),
          -1,
          1,
        ),
        ...(w.newHolder !== undefined
          ? {
              newHolder: {
                id: w.newHolder,
                sole: shareOf(
                  count(v, (r) =>
                    r.metrics.outcome === "sole-leader" && r.metrics.leader === w.newHolder ? 1 : 0,
                  ),
                  n,
                ),
              },
            }
          : {}),
      };
    }),
  };
}
