/**
 * Percentile bootstrap intervals for statistics of n independent rows (Efron & Tibshirani 1993): resample the
 * rows with replacement, recompute, and take the 2.5th and 97.5th percentiles. Seeded, so the same rows give
 * the same interval. Pure.
 */
import { Rng, streamState } from "../kernel/random/rng.ts";
import { quantile } from "../stats/intervals.ts";
import { DEFAULT_RESAMPLES } from "./defaults.ts";

export { DEFAULT_RESAMPLES } from "./defaults.ts";

/**
 * 95 % percentile intervals of several statistics at once: `stat(rows)` returns one value per statistic for a
 * list of row indices (with repeats). Resamples whose value is not finite are left out of that statistic.
 *
 * @example
 * const [[lo, hi]] = bootstrapIntervals(n, (rows) => [mean(rows.map((r) => y[r]))], { seed: 1 });
 */
export function bootstrapIntervals(
  n: number,
  stat: (rows: Int32Array) => number[],
  o: { seed: number; resamples?: number; name?: string },
): [number, number][] {
  const B = o.resamples ?? DEFAULT_RESAMPLES;
  const rng = new Rng(streamState(o.seed, o.name ?? "bootstrap"));
  const draws: number[][] = [];
  const rows = new Int32Array(n);
  for (let b = 0; b < B; b++) {
    for (let i = 0; i < n; i++) rows[i] = rng.int(n);
    stat(rows).forEach((v, s) => {
      draws[s] ??= [];
      if (Number.isFinite(v)) draws[s]!.push(v);
    });
  }
  return draws.map((d) => {
    d.sort((a, b) => a - b);
    return [quantile(d, 0.025), quantile(d, 0.975)];
  });
}
