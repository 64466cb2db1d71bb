/**
 * Sobol' low-discrepancy sequences (Sobol' 1967; Bratley & Fox 1988, Algorithm 659) with the direction numbers
 * of Joe & Kuo (2008), in Gray-code order with 32-bit integers, as in SciPy's `qmc.Sobol(scramble=False)`:
 * point 0 is the origin and the first 2^m points of any one dimension are the 2^m multiples of 2^-m. Pure.
 */
import { JOE_KUO_D6 } from "./joeKuo.ts";

/** Bits per coordinate: 2^32 points before the sequence repeats. */
const BITS = 32;

/** Most dimensions available (the direction numbers shipped). */
export const MAX_SOBOL_DIMENSIONS = JOE_KUO_D6.length + 1;

/** The 32 direction integers of one dimension (dimension 0 is the van der Corput sequence). */
function directionIntegers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let j = 0; j < BITS; j++) v[j] = 2 ** (BITS - 1 - j);
    return v;
  }
  const entry = JOE_KUO_D6[dimension - 1]!.split(" ").map((x) => Number.parseInt(x, 36));
  const a = entry[0]!;
  const m = entry.slice(1);
  const s = m.length;
  for (let j = 0; j < Math.min(s, BITS); j++) v[j] = m[j]! * 2 ** (BITS - 1 - j);
  // Recurrence of Bratley & Fox: v_j = v_{j-s} ^ (v_{j-s} >> s) ^ sum_k a_k v_{j-k}, a_k the polynomial's bits.
  for (let j = s; j < BITS; j++) {
    let x = v[j - s]! ^ (v[j - s]! >>> s);
    for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x ^= v[j - k]!;
    v[j] = x >>> 0;
  }
  return v;
}

/**
 * The first `n` points of the `dimensions`-dimensional Sobol' sequence, starting at point `skip`, each a row of
 * coordinates in [0, 1).
 *
 * @example
 * sobolPoints(4, 2); // [[0, 0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75]]
 */
export function sobolPoints(n: number, dimensions: number, skip = 0): number[][] {
  if (!Number.isSafeInteger(dimensions) || dimensions < 1 || dimensions > MAX_SOBOL_DIMENSIONS)
    throw new RangeError(
      `Sobol' sequences here have 1 to ${MAX_SOBOL_DIMENSIONS} dimensions, not ${dimensions}`,
    );
  if (!Number.isSafeInteger(n) || n < 0 || !Number.isSafeInteger(skip) || skip < 0 || n + skip > 2 ** BITS)
    throw new RangeError(`cannot take ${n} points after ${skip} of a Sobol' sequence`);
  const directions = Array.from({ length: dimensions }, (_, d) => directionIntegers(d));
  const x = new Uint32Array(dimensions);
  const out: number[][] = [];
  // Gray-code order: point i+1 flips the direction integer of the lowest zero bit of i.
  for (let i = 0; i < n + skip; i++) {
    if (i >= skip) out.push(Array.from(x, (xi) => xi / 2 ** BITS));
    const c = lowestZeroBit(i);
    for (let d = 0; d < dimensions; d++) x[d] = (x[d]! ^ directions[d]![c]!) >>> 0;
  }
  return out;
}

/** Position of the lowest zero bit of a non-negative integer (0 for even numbers). */
function lowestZeroBit(i: number): number {
  let c = 0;
  let v = i;
  while (v % 2 === 1) {
    v = Math.floor(v / 2);
    c++;
  }
  return c;
}
