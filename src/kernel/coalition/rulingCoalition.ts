/**
 * The self-enforcing ruling coalition of Acemoglu, Egorov & Sonin, "Coalition Formation in
 * Non-Democracies" (Review of Economic Studies 75, 2008).
 *
 * Players are indexed 0..n-1 (n ≤ 24) and each has a power γᵢ > 0. A coalition is a bitmask over player
 * indices (bit i set ⇔ player i is a member). Under a rule α ∈ [1/2, 1), a subcoalition Y ⊆ X is
 * *winning within X* when γ(Y) > α·γ(X) (strictly). The ruling coalition Φ(X) is defined recursively:
 *
 * - a singleton is self-enforcing: Φ({i}) = {i};
 * - for |X| > 1, Φ(X) is the subcoalition of least total power among the proper, non-empty Y ⊊ X that are
 *   winning within X and self-enforcing (Φ(Y) = Y); if there is no such Y, Φ(X) = X;
 * - X is self-enforcing when Φ(X) = X.
 *
 * Tie-break (only reachable with non-generic powers, i.e. when two candidates have exactly the same total
 * power): prefer the candidate with fewer members, then the one with the smaller bitmask value. This makes
 * Φ a deterministic function of (powers, rule, X).
 *
 * All comparisons are exact integer arithmetic: "γ(Y) > (num/den)·γ(X)" is evaluated as
 * den·γ(Y) > num·γ(X), in plain numbers when den·γ(all players) ≤ 2^53 − 1 and in BigInt otherwise.
 *
 * Cost: Φ is memoised over the subsets of the coalition asked about within one call, so computing Φ(X)
 * for |X| = k enumerates at most the 3^k (subset, sub-subset) pairs, usually far fewer because candidates
 * that cannot beat the best one found so far are not examined recursively. k = 12 takes milliseconds;
 * the 24-player limit is a limit on the bitmask width, not a promise that Φ of a 24-player coalition is
 * cheap.
 *
 * The module is pure (no I/O, no Node imports; its only state is the last Φ worked out, a cache that changes
 * no answer) and runs unchanged in a browser.
 */

/**
 * A decision rule α = num/den with 1/2 ≤ α < 1; num and den are positive safe integers.
 *
 * @example
 * const twoThirds: Rule = { num: 2, den: 3 };
 */
export interface Rule {
  num: number;
  den: number;
}

/**
 * Simple majority, α = 1/2: Y wins within X when it holds strictly more than half of X's power.
 *
 * @example
 * rulingCoalition([1, 2], MAJORITY); // 0b10: the stronger player rules alone
 */
export const MAJORITY: Rule = Object.freeze({ num: 1, den: 2 });

/** Largest number of players a coalition bitmask may range over. */
const MAX_PLAYERS = 24;

// ---------------------------------------------------------------------------------------------------
// Validation

function validatePowers(powers: readonly number[]): void {
  if (!Array.isArray(powers)) throw new TypeError("powers must be an array of positive safe integers");
  if (powers.length > MAX_PLAYERS) {
    throw new RangeError(`at most ${MAX_PLAYERS} players are supported, got ${powers.length}`);
  }
  for (let i = 0; i < powers.length; i++) {
    const p = powers[i];
    if (typeof p !== "number" || !Number.isSafeInteger(p) || p <= 0) {
      throw new RangeError(`powers[${i}] must be a positive safe integer, got ${String(p)}`);
    }
  }
}

function validateRule(rule: Rule): void {
  if (rule === null || typeof rule !== "object") throw new TypeError("rule must be an object { num, den }");
  const { num, den } = rule;
  if (typeof num !== "number" || !Number.isSafeInteger(num) || num <= 0) {
    throw new RangeError(`rule.num must be a positive safe integer, got ${String(num)}`);
  }
  if (typeof den !== "number" || !Number.isSafeInteger(den) || den <= 0) {
    throw new RangeError(`rule.den must be a positive safe integer, got ${String(den)}`);
  }
  // 1/2 ≤ num/den ⇔ den ≤ 2·num (2·num is exact: num ≤ 2^53 − 1, so 2·num ≤ 2^54, a power-of-two scale).
  if (den > 2 * num || num >= den) {
    throw new RangeError(`rule must satisfy 1/2 <= num/den < 1, got ${num}/${den}`);
  }
}

/** Checks that `mask` is an integer bitmask over players 0..n-1. */
function validateMask(mask: number, n: number, name: string): void {
  if (typeof mask !== "number" || !Number.isInteger(mask) || mask < 0 || mask >= 2 ** n) {
    throw new RangeError(
      `${name} must be a bitmask over ${n} players (an integer in [0, 2^${n})), got ${mask}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------------
// Bit helpers

function popcount(mask: number): number {
  let v = mask - ((mask >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Index of the lowest set bit of a non-zero mask. */
function lowestBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

// ---------------------------------------------------------------------------------------------------
// Exact power arithmetic

/** Exact comparisons of coalition powers, specialised to one (powers, rule) pair. */
interface Weigher {
  /** Sign of γ(a) − γ(b). */
  compare(a: number, b: number): number;
  /** den·γ(sub) > num·γ(coalition). */
  winning(sub: number, coalition: number): boolean;
}

const LOW_BITS = 12;
const LOW_MASK = (1 << LOW_BITS) - 1;

/**
 * Subset-sum tables split into the low 12 and the high (n − 12) bits, so γ(mask) is two lookups and an
 * addition: γ(mask) = low[mask & 0xfff] + high[mask >>> 12].
 */
function subsetSums<T>(powers: readonly T[], zero: T, add: (a: T, b: T) => T): { low: T[]; high: T[] } {
  const n = powers.length;
  const build = (from: number, count: number): T[] => {
    const table: T[] = new Array<T>(1 << count);
    table[0] = zero;
    for (let m = 1; m < 1 << count; m++) {
      table[m] = add(table[m & (m - 1)]!, powers[from + lowestBit(m)]!);
    }
    return table;
  };
  return { low: build(0, Math.min(n, LOW_BITS)), high: build(LOW_BITS, Math.max(n - LOW_BITS, 0)) };
}

/**
 * Whether den·γ(all players) fits in a safe integer, so every sum and product of a comparison is exact in
 * doubles. Decided in doubles when far from the limit (their sum and product are then exact or close enough
 * to tell), in BigInt otherwise.
 */
function fitsInDoubles(powers: readonly number[], den: number): boolean {
  let total = 0;
  for (const p of powers) total += p;
  if (total * den <= 2 ** 52) return true;
  let big = 0n;
  for (const p of powers) big += BigInt(p);
  return big * BigInt(den) <= BigInt(Number.MAX_SAFE_INTEGER);
}

function makeWeigher(powers: readonly number[], rule: Rule): Weigher {
  const { num, den } = rule;
  if (fitsInDoubles(powers, den)) {
    // Every γ(mask) ≤ total and every product num·γ < den·γ ≤ den·total stays exact in doubles.
    const { low, high } = subsetSums(powers, 0, (a, b) => a + b);
    const w = (m: number): number => low[m & LOW_MASK]! + high[m >>> LOW_BITS]!;
    return {
      compare: (a, b) => w(a) - w(b),
      winning: (sub, coalition) => den * w(sub) > num * w(coalition),
    };
  }
  const { low, high } = subsetSums(
    powers.map((p) => BigInt(p)),
    0n,
    (a, b) => a + b,
  );
  const w = (m: number): bigint => low[m & LOW_MASK]! + high[m >>> LOW_BITS]!;
  const bigNum = BigInt(num);
  const bigDen = BigInt(den);
  return {
    compare: (a, b) => {
      const d = w(a) - w(b);
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    },
    winning: (sub, coalition) => bigDen * w(sub) > bigNum * w(coalition),
  };
}

// ---------------------------------------------------------------------------------------------------
// Φ

/**
 * Returns Φ restricted to one (powers, rule) pair, memoised over masks for the lifetime of the returned
 * function (i.e. one public call).
 */
function makePhi(powers: readonly number[], rule: Rule): (coalition: number) => number {
  const weigher = makeWeigher(powers, rule);
  const memo = new Map<number, number>();

  /** Is `a` a strictly better candidate than `b`: less power, then fewer members, then smaller mask. */
  const better = (a: number, b: number): boolean => {
    const c = weigher.compare(a, b);
    if (c !== 0) return c < 0;
    const pa = popcount(a);
    const pb = popcount(b);
    if (pa !== pb) return pa < pb;
    return a < b;
  };

  const phi = (x: number): number => {
    if ((x & (x - 1)) === 0) return x; // singleton: self-enforcing by definition
    const cached = memo.get(x);
    if (cached !== undefined) return cached;
    // X itself has strictly more power than any proper subcoalition (powers are positive), so it is
    // beaten by any candidate; it stands as the answer only if there is no candidate at all.
    let best = x;
    for (let y = (x - 1) & x; y > 0; y = (y - 1) & x) {
      // Cheap tests first; the recursive self-enforcement test only for candidates that would win.
      if (!weigher.winning(y, x)) continue;
      if (!better(y, best)) continue;
      if (phi(y) === y) best = y;
    }
    memo.set(x, best);
    return best;
  };
  return phi;
}

// ---------------------------------------------------------------------------------------------------
// Public API

/**
 * The ruling coalition Φ(within): the least powerful self-enforcing subcoalition that is winning within
 * `within` under `rule`, or `within` itself when it is self-enforcing. `within` defaults to all players.
 * Ties in total power go to fewer members, then to the smaller bitmask.
 *
 * @throws RangeError if a power is not a positive safe integer, the rule is not in [1/2, 1), there are more
 *   than 24 players, or `within` is empty or names a player that does not exist.
 *
 * @example
 * // Players of power 3, 4, 5 and 10 under majority: the three weak players (power 12 > 22/2) rule and
 * // exclude the strongest.
 * rulingCoalition([3, 4, 5, 10], MAJORITY); // 0b0111
 */
export function rulingCoalition(powers: readonly number[], rule: Rule, within?: number): number {
  validatePowers(powers);
  validateRule(rule);
  const n = powers.length;
  const x = within ?? 2 ** n - 1;
  validateMask(x, n, "within");
  if (x === 0) throw new RangeError("within must be a non-empty coalition");
  return phiFor(powers, rule)(x);
}

/**
 * Φ of the last (powers, rule) pair asked about, kept with its memo: callers ask about many coalitions of
 * one set of powers in a row (a proposer tries his candidates one by one). Φ is a function of the powers and
 * the rule alone, so reusing it changes no answer.
 */
let lastPhi: { powers: number[]; num: number; den: number; phi: (coalition: number) => number } | null = null;

function phiFor(powers: readonly number[], rule: Rule): (coalition: number) => number {
  const last = lastPhi;
  if (
    last !== null &&
    last.num === rule.num &&
    last.den === rule.den &&
    last.powers.length === powers.length &&
    last.powers.every((p, i) => p === powers[i])
  )
    return last.phi;
  const phi = makePhi(powers, rule);
  lastPhi = { powers: [...powers], num: rule.num, den: rule.den, phi };
  return phi;
}

/**
 * Whether `coalition` is self-enforcing: no proper subcoalition is both winning within it and itself
 * self-enforcing, i.e. Φ(coalition) = coalition. Every singleton is self-enforcing.
 *
 * @throws RangeError on the same invalid inputs as {@link rulingCoalition} (including an empty coalition).
 *
 * @example
 * isSelfEnforcing([10, 11, 12], MAJORITY, 0b111); // true
 * isSelfEnforcing([10, 11, 12], MAJORITY, 0b110); // false: 12 alone holds more than half of 23
 */
export function isSelfEnforcing(powers: readonly number[], rule: Rule, coalition: number): boolean {
  return rulingCoalition(powers, rule, coalition) === coalition;
}

/**
 * Whether `sub` is winning within `coalition`: γ(sub) > α·γ(coalition), compared exactly as
 * den·γ(sub) > num·γ(coalition). The empty subcoalition never wins.
 *
 * @throws RangeError on invalid powers or rule, on masks naming non-existent players, or if `sub` is not a
 *   subset of `coalition`.
 *
 * @example
 * isWinning([3, 4, 5], MAJORITY, 0b011, 0b111); // true: 7 > 12/2
 * isWinning([3, 4, 5], { num: 2, den: 3 }, 0b011, 0b111); // false: 7 is not > 8
 */
export function isWinning(powers: readonly number[], rule: Rule, sub: number, coalition: number): boolean {
  validatePowers(powers);
  validateRule(rule);
  const n = powers.length;
  validateMask(sub, n, "sub");
  validateMask(coalition, n, "coalition");
  if ((sub & ~coalition) !== 0) {
    throw new RangeError(`sub (${sub}) must be a subset of coalition (${coalition})`);
  }
  if (fitsInDoubles(powers, rule.den)) {
    let s = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const p = powers[i]!;
      if (coalition & (1 << i)) c += p;
      if (sub & (1 << i)) s += p;
    }
    return rule.den * s > rule.num * c;
  }
  let s = 0n;
  let c = 0n;
  for (let i = 0; i < n; i++) {
    const p = BigInt(powers[i]!);
    if (coalition & (1 << i)) c += p;
    if (sub & (1 << i)) s += p;
  }
  return BigInt(rule.den) * s > BigInt(rule.num) * c;
}

/**
 * Total power γ(mask) of the players in `mask` (0 for the empty coalition).
 *
 * @throws RangeError on invalid powers, a mask naming non-existent players, or a total above
 *   Number.MAX_SAFE_INTEGER (which a number could not represent exactly).
 *
 * @example
 * coalitionPower([3, 4, 5], 0b101); // 8
 */
export function coalitionPower(powers: readonly number[], mask: number): number {
  validatePowers(powers);
  validateMask(mask, powers.length, "mask");
  let sum = 0;
  for (let i = 0; i < powers.length; i++) if (mask & (1 << i)) sum += powers[i]!;
  // Partial sums only grow, so any overflow past 2^53 − 1 leaves the (rounded) total unsafe.
  if (!Number.isSafeInteger(sum)) {
    throw new RangeError(`coalition power exceeds Number.MAX_SAFE_INTEGER for mask ${mask}`);
  }
  return sum;
}

/**
 * The bitmask of a set of player indices (duplicates are harmless).
 *
 * @throws RangeError if an index is not an integer in [0, 24).
 *
 * @example
 * maskOf([0, 2]); // 0b101 === 5
 */
export function maskOf(indices: readonly number[]): number {
  let mask = 0;
  for (const i of indices) {
    if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= MAX_PLAYERS) {
      throw new RangeError(`player index must be an integer in [0, ${MAX_PLAYERS}), got ${String(i)}`);
    }
    mask |= 1 << i;
  }
  return mask;
}

/**
 * The player indices in `mask`, ascending.
 *
 * @throws RangeError if `mask` is not an integer in [0, 2^24).
 *
 * @example
 * membersOf(0b101); // [0, 2]
 */
export function membersOf(mask: number): number[] {
  validateMask(mask, MAX_PLAYERS, "mask");
  const out: number[] = [];
  for (let m = mask; m !== 0; m &= m - 1) out.push(lowestBit(m));
  return out;
}
