/**
 * Ties stated as ties: two estimates are told apart only when the runs can tell them apart. Equal values, or
 * values each inside the other's 95 % interval, are tied; a ranking is claimed only when the intervals do not
 * overlap. Pure.
 */
import type { Estimate95 } from "./types.ts";

/** Values this close are equal whatever their intervals. */
const EQUAL = 1e-9;

const finite = (e: Estimate95) => Number.isFinite(e.lo) && Number.isFinite(e.hi);

/**
 * Whether two estimates are tied: equal, or each one's value inside the other's interval (the intervals
 * overlap so much that either order is as likely). Without intervals only equal values are tied.
 *
 * @example
 * tied({ value: 0.227, lo: 0.195, hi: 0.259 }, { value: 0.22, lo: 0.19, hi: 0.25 }); // true
 */
export function tied(a: Estimate95, b: Estimate95): boolean {
  if (Math.abs(a.value - b.value) <= EQUAL) return true;
  if (!finite(a) || !finite(b)) return false;
  return a.lo <= b.value && b.value <= a.hi && b.lo <= a.value && a.value <= b.hi;
}

/** Whether `a` is ahead of `b` beyond doubt: its interval lies wholly above b's. */
export function clearlyAhead(a: Estimate95, b: Estimate95): boolean {
  return finite(a) && finite(b) && a.lo > b.hi;
}

/**
 * Rank labels for estimates sorted largest first: "1", "2", ...; a group tied with its first member shares
 * that member's rank, written "=1", "=1", "3".
 *
 * @example
 * rankLabels([{ value: 0.2, lo: 0.1, hi: 0.3 }, { value: 0.2, lo: 0.1, hi: 0.3 }, { value: 0, lo: -0.01, hi: 0.01 }]);
 * // ["=1", "=1", "3"]
 */
export function rankLabels(sorted: readonly Estimate95[]): string[] {
  const rank: number[] = [];
  sorted.forEach((e, i) => {
    const first = i > 0 ? rank.indexOf(rank[i - 1]!) : -1;
    rank.push(i > 0 && tied(sorted[first]!, e) ? rank[i - 1]! : i + 1);
  });
  return rank.map((r) => (rank.filter((x) => x === r).length > 1 ? `=${r}` : String(r)));
}
