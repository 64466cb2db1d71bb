/**
 * The 95 % intervals every experiment reports: Wilson for shares (it behaves at 0 % and 100 %, where the
 * normal approximation collapses), Student's t interval for means of per-seed values (honest at small
 * sizes, where the normal interval is far too narrow), and quantiles. Pure.
 */
/// <reference path="./jstat.d.ts" />
import jstat from "jstat";

export const Z95 = 1.959963984540054;

export { enoughForInterval, MIN_RUNS_FOR_INTERVAL } from "./minimum.ts";

/** The two-sided 95 % critical value of Student's t with `dof` degrees of freedom (12.71 for 1, 1.97 for 199). */
export function t95(dof: number): number {
  return jstat.jStat.studentt.inv(0.975, dof);
}

/**
 * Wilson score interval (95%) for k successes in n trials; [0, 1] when n is 0.
 *
 * @example
 * wilson(87, 100); // [0.790..., 0.922...]
 */
export function wilson(k: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [k === 0 ? 0 : Math.max(0, centre - half), k === n ? 1 : Math.min(1, centre + half)];
}

/** A mean with its 95 % interval. */
export interface MeanInterval {
  value: number;
  lo: number;
  hi: number;
  n: number;
}

/**
 * Mean of per-seed values with Student's t 95 % interval (t with n - 1 degrees of freedom times the sample
 * standard deviation / sqrt n). With common random numbers, per-seed differences between two variants give
 * a paired interval this way. One value has no spread to measure: its interval is NaN to NaN, not a point.
 *
 * @example
 * meanInterval([1, 0, 1, 1]); // { value: 0.75, lo: -0.046, hi: 1.546, n: 4 }
 */
export function meanInterval(xs: readonly number[]): MeanInterval {
  const n = xs.length;
  if (n === 0) return { value: Number.NaN, lo: Number.NaN, hi: Number.NaN, n };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  if (n === 1) return { value: mean, lo: Number.NaN, hi: Number.NaN, n };
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  const half = t95(n - 1) * Math.sqrt(ss / (n - 1) / n);
  return { value: mean, lo: mean - half, hi: mean + half, n };
}

/**
 * Mean of per-seed values known to lie in [lo, hi] (a chance, a difference of chances, a Shapley value of a
 * yes/no outcome), with Student's t 95 % interval that never collapses to a point. When the runs show no
 * spread at all (two seeds that agree), the spread is taken with one pseudo-value at each end of the range
 * added to the sample, as Agresti and Coull add successes and failures to a share: a wide interval instead of
 * the false certainty of [25.0, 25.0], narrowing as agreeing runs accumulate. Otherwise it is the plain t
 * interval. Clipped to the range; always contains the mean; one value gives the whole range.
 *
 * @example
 * boundedMeanInterval([0.25, 0.25], -1, 1); // { value: 0.25, lo: -1, hi: 1, n: 2 }: two equal values prove little
 */
export function boundedMeanInterval(xs: readonly number[], lo: number, hi: number): MeanInterval {
  const n = xs.length;
  if (n === 0) return { value: Number.NaN, lo: Number.NaN, hi: Number.NaN, n };
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / n;
  if (n === 1) return { value: mean, lo: Math.min(lo, mean), hi: Math.max(hi, mean), n };
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  let variance = ss / (n - 1);
  if (variance <= 1e-15 * Math.max(1, (hi - lo) ** 2)) {
    const centre = (sum + lo + hi) / (n + 2);
    let aug = (lo - centre) ** 2 + (hi - centre) ** 2;
    for (const x of xs) aug += (x - centre) ** 2;
    variance = aug / (n + 1);
  }
  const half = t95(n - 1) * Math.sqrt(variance / n);
  return {
    value: mean,
    lo: Math.max(Math.min(lo, mean), mean - half),
    hi: Math.min(Math.max(hi, mean), mean + half),
    n,
  };
}

/** The q-quantile (0..1) of sorted values, interpolating linearly; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
