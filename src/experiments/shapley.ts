/**
 * Exact Shapley values. A factor's Shapley value is the change in the outcome that adding it makes,
 * averaged over every order in which the factors could be added; the values sum to v(all) - v(none).
 * Exact over all 2^n coalitions, which is cheap for the handful of groups an essay names. Pure.
 */

/** Shapley weights |S|! (n - |S| - 1)! / n! by coalition size |S|, for n players. */
function weights(n: number): number[] {
  const fact = [1];
  for (let k = 1; k <= n; k++) fact.push(fact[k - 1]! * k);
  return Array.from({ length: n }, (_, s) => (fact[s]! * fact[n - s - 1]!) / fact[n]!);
}

function popcount(x: number): number {
  let c = 0;
  for (let y = x; y; y &= y - 1) c++;
  return c;
}

/**
 * Shapley values of the game `v`, given for every coalition as a bit mask (v[mask], player i in the
 * coalition when bit i is set; v.length = 2^n).
 *
 * @example
 * shapley([0, 1, 1, 1], 2); // [0.5, 0.5]: either player alone achieves it
 */
export function shapley(v: ArrayLike<number>, n: number): number[] {
  if (v.length !== 1 << n) throw new RangeError(`need 2^${n} = ${1 << n} coalition values, got ${v.length}`);
  const w = weights(n);
  const phi = new Array<number>(n).fill(0);
  for (let mask = 0; mask < v.length; mask++) {
    const size = popcount(mask);
    for (let i = 0; i < n; i++) {
      const bit = 1 << i;
      if (mask & bit) continue;
      phi[i]! += w[size]! * (v[mask | bit]! - v[mask]!);
    }
  }
  return phi;
}
