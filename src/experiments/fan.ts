/**
 * Fan charts' data: at each tick, quantiles of a series across the runs of an experiment (the median, the
 * middle 50 % and the middle 90 %), one fan per measure, leader and group of runs. Runs are grouped by variant
 * when an experiment has one or two (a Monte Carlo, a what-if), and pooled otherwise. Pure.
 */
import { quantile } from "../stats/intervals.ts";
import type { ExperimentPlan, RunSeries } from "./types.ts";

/** Runs a fan uses at most (the first ones by index), so memory stays bounded on huge experiments. */
export const MAX_FAN_RUNS = 2000;

export interface Fan {
  measure: string;
  leader: string | null;
  /** The variant's label, or "all runs" when variants are pooled. */
  group: string;
  runs: number;
  dates: string[];
  p05: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
}

/**
 * The fans of an experiment's kept series, given in index order.
 *
 * @example
 * const fans = fansOf(plan, store.series(id));
 * fans.find((f) => f.measure === "members")?.p50;
 */
export function fansOf(plan: ExperimentPlan, series: Iterable<{ index: number; series: RunSeries }>): Fan[] {
  const V = plan.variants.length;
  const byVariant = V <= 2;
  const groups = new Map<
    string,
    { measure: string; leader: string | null; group: string; values: number[][]; dates: string[] }
  >();
  let used = 0;
  for (const { index, series: s } of series) {
    if (used++ >= MAX_FAN_RUNS) break;
    const group = byVariant ? (plan.variants[index % V]?.label ?? "all runs") : "all runs";
    for (const line of s.lines) {
      const key = JSON.stringify([line.measure, line.leader, group]);
      let g = groups.get(key);
      if (!g) {
        g = { measure: line.measure, leader: line.leader, group, values: [], dates: [] };
        groups.set(key, g);
      }
      g.values.push(line.values);
      if (s.dates.length > g.dates.length) g.dates = s.dates;
    }
  }
  return [...groups.values()].map((g) => {
    const T = g.dates.length;
    const q = {
      p05: [] as number[],
      p25: [] as number[],
      p50: [] as number[],
      p75: [] as number[],
      p95: [] as number[],
    };
    for (let t = 0; t < T; t++) {
      const at = g.values
        .map((v) => v[t])
        .filter((v): v is number => v !== undefined && Number.isFinite(v))
        .sort((a, b) => a - b);
      q.p05.push(quantile(at, 0.05));
      q.p25.push(quantile(at, 0.25));
      q.p50.push(quantile(at, 0.5));
      q.p75.push(quantile(at, 0.75));
      q.p95.push(quantile(at, 0.95));
    }
    return {
      measure: g.measure,
      leader: g.leader,
      group: g.group,
      runs: g.values.length,
      dates: g.dates,
      ...q,
    };
  });
}
