/**
 * Morris screening by elementary effects (Morris 1991, "Factorial sampling plans for preliminary computational
 * experiments", Technometrics 33): r trajectories through a grid of p levels in the unit cube, each moving one
 * factor at a time by Δ = p / (2 (p - 1)), so k + 1 points give one elementary effect per factor,
 *
 *   EE_i = (f(after) - f(before)) / (x_i after - x_i before).
 *
 * Over the trajectories: μ (the mean effect), μ* (the mean absolute effect, Campolongo, Cariboni & Saltelli
 * 2007, "An effective screening design for sensitivity analysis of large models", Environmental Modelling &
 * Software 22, which does not let effects of opposite sign cancel) and σ (their standard deviation: large when
 * the factor interacts or acts non-linearly). Effects are per unit of the scaled range, so μ* reads as "the
 * change in the output when the factor moves across its whole range". Pure.
 */
import { Rng, streamState } from "../kernel/random/rng.ts";
import { bootstrapIntervals } from "./bootstrap.ts";
import type { IndexCI } from "./sobolIndices.ts";

export { DEFAULT_MORRIS_LEVELS } from "./defaults.ts";

/**
 * r trajectories of k + 1 points each, one after another (r (k + 1) points). The start of each is a random grid
 * point; factors move in a random order; a factor starting in the lower half of the levels moves up by Δ, in
 * the upper half down, so each level is equally likely and every point stays on the grid.
 *
 * @example
 * morrisDesign(2, 10, 4, 1).length; // 30
 */
export function morrisDesign(k: number, r: number, levels: number, seed: number): number[][] {
  if (!Number.isSafeInteger(k) || k < 1)
    throw new RangeError(`Morris screening needs at least one parameter, not ${k}`);
  if (!Number.isSafeInteger(r) || r < 2)
    throw new RangeError(`Morris screening needs at least 2 trajectories, not ${r}`);
  if (!Number.isSafeInteger(levels) || levels < 2 || levels % 2 !== 0)
    throw new RangeError(`Morris levels must be an even number of at least 2, not ${levels}`);
  const rng = new Rng(streamState(seed, "morris-design"));
  const delta = levels / (2 * (levels - 1));
  const out: number[][] = [];
  for (let t = 0; t < r; t++) {
    const x = Array.from({ length: k }, () => rng.int(levels) / (levels - 1));
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    out.push(x.slice());
    for (const i of order) {
      // Levels below the middle step up, the others down: lower-half levels + Δ and upper-half - Δ stay on grid.
      x[i] = x[i]! < 0.5 ? x[i]! + delta : x[i]! - delta;
      // Keep grid values exact (l / (p - 1)), whatever the float error of the sum.
      x[i] = Math.round(x[i]! * (levels - 1)) / (levels - 1);
      out.push(x.slice());
    }
  }
  return out;
}

export interface MorrisFactor {
  /** Mean elementary effect. */
  mu: number;
  /** Mean absolute elementary effect, with a 95 % bootstrap interval over trajectories. */
  muStar: IndexCI;
  /** Standard deviation of the elementary effects (n - 1). */
  sigma: number;
}

export interface MorrisResult {
  trajectories: number;
  factors: MorrisFactor[];
}

/** Elementary effects of one trajectory starting at design row `start`: effects[i] for factor i. */
function trajectoryEffects(
  design: readonly number[][],
  y: readonly number[],
  k: number,
  start: number,
): number[] {
  const effects = new Array<number>(k).fill(Number.NaN);
  for (let s = 0; s < k; s++) {
    const before = design[start + s]!;
    const after = design[start + s + 1]!;
    const i = after.findIndex((v, d) => v !== before[d]);
    if (i < 0)
      throw new RangeError(
        `design rows ${start + s} and ${start + s + 1} do not differ: not a Morris trajectory`,
      );
    effects[i] = (y[start + s + 1]! - y[start + s]!) / (after[i]! - before[i]!);
  }
  return effects;
}

/**
 * μ, μ* (with a bootstrap interval) and σ of each factor from the outputs `y` of a {@link morrisDesign}.
 *
 * @example
 * const design = morrisDesign(3, 20, 4, 1);
 * morrisEffects(design, design.map(f), 3, { seed: 1 }).factors[0].muStar.value;
 */
export function morrisEffects(
  design: readonly number[][],
  y: readonly number[],
  k: number,
  o: { seed: number; resamples?: number },
): MorrisResult {
  const r = design.length / (k + 1);
  if (!Number.isInteger(r) || y.length !== design.length)
    throw new RangeError(
      `${y.length} outputs for ${design.length} points do not make trajectories of ${k + 1} points`,
    );
  const ee = Array.from({ length: r }, (_, t) => trajectoryEffects(design, y, k, t * (k + 1)));
  const muStarOf = (rows: ArrayLike<number>) =>
    Array.from({ length: k }, (_, i) => {
      let s = 0;
      for (let t = 0; t < rows.length; t++) s += Math.abs(ee[rows[t]!]![i]!);
      return s / rows.length;
    });
  const all = Array.from({ length: r }, (_, t) => t);
  const muStar = muStarOf(all);
  const ci = bootstrapIntervals(r, muStarOf, {
    seed: o.seed,
    resamples: o.resamples,
    name: "morris-bootstrap",
  });
  return {
    trajectories: r,
    factors: Array.from({ length: k }, (_, i) => {
      const xs = ee.map((e) => e[i]!);
      const mu = xs.reduce((a, b) => a + b, 0) / r;
      const sigma = r > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mu) ** 2, 0) / (r - 1)) : 0;
      return { mu, muStar: { value: muStar[i]!, lo: ci[i]![0], hi: ci[i]![1] }, sigma };
    }),
  };
}
