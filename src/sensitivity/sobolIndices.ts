/**
 * Variance-based (Sobol') sensitivity indices by Saltelli's scheme (Saltelli et al. 2010, "Variance based
 * sensitivity analysis of model output. Design and estimator for the total sensitivity index", Computer Physics
 * Communications 181): two independent quasi-random matrices A and B of N points in k dimensions, and for each
 * factor i the matrix AB_i, which is A with column i taken from B. From the model's outputs
 *
 * - first-order index  S_i  = mean(f(B) (f(AB_i) - f(A))) / V        (Saltelli 2010, table 2, b)
 * - total index        ST_i = mean((f(A) - f(AB_i))^2) / (2 V)       (Jansen 1999, table 2, f)
 *
 * with V the variance of f over A and B together. N (k + 2) evaluations in all. Bootstrap intervals resample
 * the N base rows. Works in the unit cube: scaling to parameter ranges is the caller's. Pure.
 */
import { bootstrapIntervals } from "./bootstrap.ts";
import { MAX_SOBOL_DIMENSIONS, sobolPoints } from "./sobolSequence.ts";

/** Most factors a Saltelli design here can have: A and B take 2k dimensions of the sequence. */
export const MAX_SOBOL_FACTORS = Math.floor(MAX_SOBOL_DIMENSIONS / 2);

/**
 * The N (k + 2) points of a Saltelli design, in blocks of k + 2 per base row j: A_j, B_j, then AB_j^1..AB_j^k.
 * A and B are the first and last k coordinates of points 1..N of the 2k-dimensional Sobol' sequence (point 0,
 * the origin, would give A_0 = B_0 and carry no information).
 *
 * @example
 * saltelliDesign(3, 1024).length; // 5120
 */
export function saltelliDesign(k: number, N: number): number[][] {
  if (!Number.isSafeInteger(k) || k < 1 || k > MAX_SOBOL_FACTORS)
    throw new RangeError(`a Sobol' design takes 1 to ${MAX_SOBOL_FACTORS} parameters, not ${k}`);
  if (!Number.isSafeInteger(N) || N < 2)
    throw new RangeError(`a Sobol' design needs N >= 2 base samples, not ${N}`);
  const base = sobolPoints(N, 2 * k, 1);
  const out: number[][] = [];
  for (const p of base) {
    const a = p.slice(0, k);
    const b = p.slice(k);
    out.push(a, b);
    for (let i = 0; i < k; i++) {
      const ab = a.slice();
      ab[i] = b[i]!;
      out.push(ab);
    }
  }
  return out;
}

/** An index with its 95 % bootstrap interval. */
export interface IndexCI {
  value: number;
  lo: number;
  hi: number;
}

export interface SobolResult {
  /** Base samples used. */
  N: number;
  /** Variance of the output over A and B. */
  variance: number;
  mean: number;
  /** First-order and total index of each factor, in design order. */
  first: IndexCI[];
  total: IndexCI[];
}

/** S_i and ST_i of every factor from the outputs of the base rows listed (repeats allowed). */
function estimate(y: ArrayLike<number>, k: number, rows: ArrayLike<number>): number[] {
  const n = rows.length;
  const block = k + 2;
  let sum = 0;
  let sumSq = 0;
  for (let r = 0; r < n; r++) {
    const j = rows[r]! * block;
    const a = y[j]!;
    const b = y[j + 1]!;
    sum += a + b;
    sumSq += a * a + b * b;
  }
  const mean = sum / (2 * n);
  const V = sumSq / (2 * n) - mean * mean;
  const out = new Array<number>(2 * k).fill(0);
  for (let r = 0; r < n; r++) {
    const j = rows[r]! * block;
    const a = y[j]!;
    const b = y[j + 1]!;
    for (let i = 0; i < k; i++) {
      const ab = y[j + 2 + i]!;
      out[i]! += b * (ab - a);
      out[k + i]! += (a - ab) * (a - ab);
    }
  }
  for (let i = 0; i < k; i++) {
    out[i] = out[i]! / n / V;
    out[k + i] = out[k + i]! / (2 * n) / V;
  }
  return out;
}

/**
 * First-order and total Sobol' indices from the outputs `y` of a {@link saltelliDesign} (same order), with
 * 95 % percentile bootstrap intervals over the base rows. An output that never varies gives NaN indices.
 *
 * @example
 * const design = saltelliDesign(3, 1024);
 * const r = sobolIndices(design.map(ishigami), 3, { seed: 1 });
 * r.first[0].value; // close to 0.314
 */
export function sobolIndices(
  y: readonly number[],
  k: number,
  o: { seed: number; resamples?: number },
): SobolResult {
  const N = y.length / (k + 2);
  if (!Number.isInteger(N) || N < 2)
    throw new RangeError(`${y.length} outputs are not N (k + 2) for k = ${k} and some N >= 2`);
  const all = Int32Array.from({ length: N }, (_, j) => j);
  const point = estimate(y, k, all);
  let sum = 0;
  let sumSq = 0;
  for (let j = 0; j < N; j++) {
    const a = y[j * (k + 2)]!;
    const b = y[j * (k + 2) + 1]!;
    sum += a + b;
    sumSq += a * a + b * b;
  }
  const mean = sum / (2 * N);
  const variance = sumSq / (2 * N) - mean * mean;
  const ci = bootstrapIntervals(N, (rows) => estimate(y, k, rows), {
    seed: o.seed,
    resamples: o.resamples,
    name: "sobol-bootstrap",
  });
  const at = (s: number): IndexCI => ({
    value: point[s]!,
    lo: ci[s]?.[0] ?? Number.NaN,
    hi: ci[s]?.[1] ?? Number.NaN,
  });
  return {
    N,
    variance,
    mean,
    first: Array.from({ length: k }, (_, i) => at(i)),
    total: Array.from({ length: k }, (_, i) => at(k + i)),
  };
}
