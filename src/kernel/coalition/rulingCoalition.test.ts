import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  coalitionPower,
  isSelfEnforcing,
  isWinning,
  MAJORITY,
  maskOf,
  membersOf,
  type Rule,
  rulingCoalition,
} from "./rulingCoalition.ts";

const TWO_THIRDS: Rule = { num: 2, den: 3 };
const THREE_QUARTERS: Rule = { num: 3, den: 4 };

// ---------------------------------------------------------------------------------------------------
// Independent brute-force oracle: plain recursion over arrays of player indices, no memo, no bit tricks
// for the recursion itself. Implements the AES (2008) definition and the documented tie-break.

function oracleSum(powers: readonly number[], xs: readonly number[]): number {
  return xs.reduce((acc, i) => acc + powers[i]!, 0);
}

/** All subsets of xs (as ascending index arrays), including [] and xs itself. */
function oracleSubsets(xs: readonly number[]): number[][] {
  if (xs.length === 0) return [[]];
  const [head, ...tail] = xs;
  const rest = oracleSubsets(tail);
  return [...rest, ...rest.map((s) => [head!, ...s])];
}

/** The mask value 2^i summed, used only for the documented last-resort tie-break. */
function oracleMaskValue(xs: readonly number[]): number {
  return xs.reduce((acc, i) => acc + 2 ** i, 0);
}

function oraclePhi(powers: readonly number[], rule: Rule, xs: readonly number[]): number[] {
  if (xs.length === 1) return [...xs];
  const total = oracleSum(powers, xs);
  let best: number[] = [...xs];
  for (const ys of oracleSubsets(xs)) {
    if (ys.length === 0 || ys.length === xs.length) continue;
    const winning = rule.den * oracleSum(powers, ys) > rule.num * total;
    if (!winning) continue;
    const selfEnforcing = oraclePhi(powers, rule, ys).length === ys.length;
    if (!selfEnforcing) continue;
    const dy = oracleSum(powers, ys);
    const db = oracleSum(powers, best);
    const isBetter =
      dy < db ||
      (dy === db &&
        (ys.length < best.length ||
          (ys.length === best.length && oracleMaskValue(ys) < oracleMaskValue(best))));
    if (isBetter) best = ys;
  }
  return best;
}

function allPlayers(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

// ---------------------------------------------------------------------------------------------------
// Generators

const ruleArb = fc.constantFrom<Rule>(MAJORITY, TWO_THIRDS, THREE_QUARTERS);
const powersArb = fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 });
/** Powers plus a non-empty coalition over them. */
const caseArb = fc
  .tuple(powersArb, ruleArb)
  .chain(([powers, rule]) =>
    fc.integer({ min: 1, max: 2 ** powers.length - 1 }).map((within) => ({ powers, rule, within }) as const),
  );

const isSubset = (a: number, b: number): boolean => (a & ~b) === 0;

// ---------------------------------------------------------------------------------------------------
// Known cases

describe("rulingCoalition: known cases", () => {
  it("a pair with distinct powers is never self-enforcing under majority: the stronger rules alone", () => {
    expect(rulingCoalition([1, 2], MAJORITY)).toBe(0b10);
    expect(rulingCoalition([7, 3], MAJORITY)).toBe(0b01);
    expect(rulingCoalition([500, 501], MAJORITY)).toBe(0b10);
    expect(isSelfEnforcing([500, 501], MAJORITY, 0b11)).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 1000 }), (a, b) => {
        fc.pre(a !== b);
        const stronger = a > b ? 0b01 : 0b10;
        expect(rulingCoalition([a, b], MAJORITY)).toBe(stronger);
      }),
    );
  });

  it("an equal pair is self-enforcing under majority (neither holds more than half)", () => {
    expect(isSelfEnforcing([5, 5], MAJORITY, 0b11)).toBe(true);
  });

  it("a close pair is self-enforcing under a supermajority", () => {
    // 11 is not > (2/3)·21 = 14, so neither singleton wins within the pair.
    expect(rulingCoalition([10, 11], TWO_THIRDS)).toBe(0b11);
    // 30 > (2/3)·40 ≈ 26.7: the stronger rules alone.
    expect(rulingCoalition([10, 30], TWO_THIRDS)).toBe(0b10);
  });

  it("three roughly equal players (10, 11, 12) are self-enforcing", () => {
    // Within {10,11,12} (total 33) every pair wins but no pair is self-enforcing, and no singleton wins.
    expect(rulingCoalition([10, 11, 12], MAJORITY)).toBe(0b111);
    expect(isSelfEnforcing([10, 11, 12], MAJORITY, 0b111)).toBe(true);
    // Under 2/3 the triple is not self-enforcing: {11,12} has 23 > 22 = (2/3)·33, and that pair is itself
    // self-enforcing (12 is not > (2/3)·23 ≈ 15.3), so it rules.
    expect(rulingCoalition([10, 11, 12], TWO_THIRDS)).toBe(0b110);
  });

  it("excludes the strongest player: powers 3, 4, 5, 10 under majority rule to {3,4,5}", () => {
    // Verified by hand. Total power 22, so a winning coalition needs more than 11.
    // - Singletons: the largest has 10 ≤ 11, none wins.
    // - Pairs: all powers are distinct, so under majority no pair is self-enforcing (its stronger member
    //   has more than half of the pair).
    // - {3,4,5}: total 12 > 11, winning. Within it a winner needs > 6; the pairs (7, 8, 9) win but are not
    //   self-enforcing and no singleton (≤ 5) wins, so {3,4,5} is self-enforcing.
    // - Any triple with 10: the other two sum to at most 4+5 = 9 < 10, so {10} alone holds more than half
    //   of it and is a winning self-enforcing subcoalition: such triples are not self-enforcing.
    // - The grand coalition is not a proper subcoalition of itself.
    // So the only candidate is {3,4,5} (power 12), and Φ excludes the strongest player (power 10).
    const powers = [3, 4, 5, 10];
    const ruling = rulingCoalition(powers, MAJORITY);
    expect(ruling).toBe(maskOf([0, 1, 2]));
    expect(membersOf(ruling)).toEqual([0, 1, 2]);
    expect(ruling & maskOf([3])).toBe(0);
    expect(coalitionPower(powers, ruling)).toBe(12);
    expect(isWinning(powers, MAJORITY, ruling, 0b1111)).toBe(true);
    expect(isSelfEnforcing(powers, MAJORITY, ruling)).toBe(true);
    for (const triple of [maskOf([0, 1, 3]), maskOf([0, 2, 3]), maskOf([1, 2, 3])]) {
      expect(rulingCoalition(powers, MAJORITY, triple)).toBe(maskOf([3]));
    }
  });

  it("a player with more than α of total power rules alone", () => {
    expect(rulingCoalition([60, 10, 10, 10, 10], MAJORITY)).toBe(0b1);
    expect(rulingCoalition([10, 70, 10, 10], TWO_THIRDS)).toBe(0b10);
    expect(rulingCoalition([5, 5, 91], { num: 9, den: 10 })).toBe(0b100);
    // Exactly α is not enough: 75 is not > (3/4)·100, and 25 does not win either, so the pair rules.
    expect(rulingCoalition([75, 25], THREE_QUARTERS)).toBe(0b11);
    fc.assert(
      fc.property(powersArb, ruleArb, fc.nat(), (others, rule, pos) => {
        const rest = oracleSum(others, allPlayers(others.length));
        // d·γ > n·(γ + rest) ⇔ γ > n·rest / (d − n); choose the smallest such integer.
        const dominant = Math.floor((rule.num * rest) / (rule.den - rule.num)) + 1;
        const at = pos % (others.length + 1);
        const powers = [...others.slice(0, at), dominant, ...others.slice(at)];
        expect(rulingCoalition(powers, rule)).toBe(1 << at);
      }),
    );
  });

  it("the ruling coalition of a singleton is that singleton", () => {
    expect(rulingCoalition([42], MAJORITY)).toBe(1);
    expect(rulingCoalition([1, 2, 3], MAJORITY, 0b100)).toBe(0b100);
    expect(isSelfEnforcing([1, 2, 3], THREE_QUARTERS, 0b010)).toBe(true);
  });

  it("breaks exact ties by fewer members, then by smaller mask", () => {
    // Powers 1,1,1 under majority: total 3, winners need > 1.5, i.e. a pair (power 2). Pairs of equal
    // powers are self-enforcing. All three pairs tie on power and size; the smallest mask is {0,1}.
    expect(rulingCoalition([1, 1, 1], MAJORITY)).toBe(0b011);
    // Powers 2,1,1,2 under majority: total 6, winners need power > 3, so at least 4. Three candidates have
    // exactly 4: {0,3} (an equal pair, self-enforcing) and {0,1,2}, {1,2,3} (within e.g. {0,1,2}, total 4,
    // a winner needs > 2: the pairs {0,1}, {0,2} of power 3 win but are unequal pairs, not self-enforcing;
    // {1,2} and {0} have only 2; so the triple is self-enforcing). The tie on power 4 goes to the pair.
    expect(isSelfEnforcing([2, 1, 1, 2], MAJORITY, 0b0111)).toBe(true);
    expect(rulingCoalition([2, 1, 1, 2], MAJORITY)).toBe(0b1001);
  });

  it("handles powers whose products exceed 2^53 exactly", () => {
    const big = Number.MAX_SAFE_INTEGER; // 2^53 − 1, odd
    // Two equal huge players: neither alone has more than half, so the pair is self-enforcing.
    expect(rulingCoalition([big, big], MAJORITY)).toBe(0b11);
    // big vs big − 1: the stronger has strictly more than half, a difference invisible in doubles after
    // summing but exact in BigInt.
    expect(rulingCoalition([big - 1, big], MAJORITY)).toBe(0b10);
    expect(isWinning([big - 1, big], MAJORITY, 0b10, 0b11)).toBe(true);
    expect(isWinning([big, big], MAJORITY, 0b10, 0b11)).toBe(false);
    // Same structure as the 3,4,5,10 example, scaled by a huge factor (still safe integers).
    const k = 2 ** 40;
    expect(rulingCoalition([3 * k, 4 * k, 5 * k, 10 * k], MAJORITY)).toBe(0b0111);
    expect(rulingCoalition([3 * k, 4 * k, 5 * k, 10 * k], { num: 2 ** 30, den: 2 ** 31 })).toBe(0b0111);
  });

  it("handles 12 players", () => {
    const powers = [101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157];
    for (const rule of [MAJORITY, TWO_THIRDS, THREE_QUARTERS]) {
      const ruling = rulingCoalition(powers, rule);
      expect(isSelfEnforcing(powers, rule, ruling)).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// Helpers

describe("coalition helpers", () => {
  it("maskOf and membersOf round-trip", () => {
    expect(maskOf([])).toBe(0);
    expect(maskOf([0, 2])).toBe(5);
    expect(maskOf([2, 0, 2])).toBe(5);
    expect(maskOf([23])).toBe(2 ** 23);
    expect(membersOf(0)).toEqual([]);
    expect(membersOf(0b101)).toEqual([0, 2]);
    expect(membersOf(2 ** 24 - 1)).toEqual(allPlayers(24));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 23 })), (xs) => {
        expect(membersOf(maskOf(xs))).toEqual([...xs].sort((a, b) => a - b));
      }),
    );
  });

  it("coalitionPower sums the members' powers", () => {
    expect(coalitionPower([3, 4, 5], 0)).toBe(0);
    expect(coalitionPower([3, 4, 5], 0b101)).toBe(8);
    expect(coalitionPower([3, 4, 5], 0b111)).toBe(12);
  });

  it("isWinning is strict", () => {
    expect(isWinning([3, 4, 5], MAJORITY, 0b011, 0b111)).toBe(true); // 7 > 6
    expect(isWinning([3, 3], MAJORITY, 0b01, 0b11)).toBe(false); // 3 = 3
    expect(isWinning([3, 4, 5], TWO_THIRDS, 0b011, 0b111)).toBe(false); // 7 < 8
    expect(isWinning([3, 4, 5], TWO_THIRDS, 0b110, 0b111)).toBe(true); // 9 > 8
    expect(isWinning([3, 4, 5], TWO_THIRDS, 0, 0b111)).toBe(false);
    expect(isWinning([3, 4, 5], TWO_THIRDS, 0b111, 0b111)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Validation

describe("validation", () => {
  it("rejects non-positive or non-safe-integer powers, naming the index and value", () => {
    expect(() => rulingCoalition([1, 0, 2], MAJORITY)).toThrow(RangeError);
    expect(() => rulingCoalition([1, 0, 2], MAJORITY)).toThrow(/powers\[1\].*0/);
    expect(() => rulingCoalition([1, 2, -3], MAJORITY)).toThrow(/powers\[2\].*-3/);
    expect(() => rulingCoalition([1.5], MAJORITY)).toThrow(/powers\[0\].*1\.5/);
    expect(() => rulingCoalition([Number.NaN], MAJORITY)).toThrow(/powers\[0\].*NaN/);
    expect(() => rulingCoalition([1, 2 ** 53], MAJORITY)).toThrow(/powers\[1\]/);
    expect(() => coalitionPower([1, Number.POSITIVE_INFINITY], 1)).toThrow(RangeError);
    expect(() => isWinning([0], MAJORITY, 1, 1)).toThrow(RangeError);
    expect(() => isSelfEnforcing([-1], MAJORITY, 1)).toThrow(RangeError);
  });

  it("rejects rules outside [1/2, 1)", () => {
    const bad: Rule[] = [
      { num: 1, den: 3 },
      { num: 1, den: 1 },
      { num: 3, den: 2 },
      { num: 0, den: 2 },
      { num: 1, den: 0 },
      { num: -1, den: 2 },
      { num: 0.5, den: 1 },
      { num: 1, den: 2.5 },
    ];
    for (const rule of bad) {
      expect(() => rulingCoalition([1, 2], rule)).toThrow(RangeError);
      expect(() => isWinning([1, 2], rule, 1, 3)).toThrow(RangeError);
    }
    // Boundaries: 1/2 and anything just below 1 are fine.
    expect(() => rulingCoalition([1, 2], { num: 2, den: 4 })).not.toThrow();
    expect(() => rulingCoalition([1, 2], { num: 99, den: 100 })).not.toThrow();
  });

  it("rejects more than 24 players and bad masks", () => {
    const many = Array.from({ length: 25 }, () => 1);
    expect(() => rulingCoalition(many, MAJORITY, 1)).toThrow(RangeError);
    expect(() => coalitionPower(many, 1)).toThrow(RangeError);
    // 24 players is allowed (for a small coalition within them).
    const ok = Array.from({ length: 24 }, (_, i) => i + 1);
    expect(rulingCoalition(ok, MAJORITY, maskOf([20, 21, 22]))).toBe(maskOf([20, 21, 22]));
    expect(() => rulingCoalition([1, 2], MAJORITY, 0)).toThrow(RangeError);
    expect(() => rulingCoalition([], MAJORITY)).toThrow(RangeError);
    expect(() => rulingCoalition([1, 2], MAJORITY, 0b100)).toThrow(RangeError);
    expect(() => rulingCoalition([1, 2], MAJORITY, -1)).toThrow(RangeError);
    expect(() => rulingCoalition([1, 2], MAJORITY, 1.5)).toThrow(RangeError);
    expect(() => isSelfEnforcing([1, 2], MAJORITY, 0)).toThrow(RangeError);
    expect(() => isWinning([1, 2, 3], MAJORITY, 0b100, 0b011)).toThrow(RangeError);
    expect(() => coalitionPower([1, 2], 0b100)).toThrow(RangeError);
    expect(() => maskOf([24])).toThrow(RangeError);
    expect(() => maskOf([-1])).toThrow(RangeError);
    expect(() => maskOf([0.5])).toThrow(RangeError);
    expect(() => membersOf(-1)).toThrow(RangeError);
    expect(() => membersOf(2 ** 24)).toThrow(RangeError);
    expect(() => membersOf(0.5)).toThrow(RangeError);
  });

  it("rejects a coalition power that a number cannot represent exactly", () => {
    const big = Number.MAX_SAFE_INTEGER;
    expect(() => coalitionPower([big, 1], 0b11)).toThrow(RangeError);
    expect(coalitionPower([big, 1], 0b01)).toBe(big);
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties

describe("rulingCoalition: properties", () => {
  it("Φ(X) is a non-empty subset of X", () => {
    fc.assert(
      fc.property(caseArb, ({ powers, rule, within }) => {
        const r = rulingCoalition(powers, rule, within);
        expect(r).toBeGreaterThan(0);
        expect(isSubset(r, within)).toBe(true);
      }),
    );
  });

  it("Φ(X) is winning within X, or equals X", () => {
    fc.assert(
      fc.property(caseArb, ({ powers, rule, within }) => {
        const r = rulingCoalition(powers, rule, within);
        expect(r === within || isWinning(powers, rule, r, within)).toBe(true);
      }),
    );
  });

  it("Φ(Φ(X)) = Φ(X): the ruling coalition is self-enforcing", () => {
    fc.assert(
      fc.property(caseArb, ({ powers, rule, within }) => {
        const r = rulingCoalition(powers, rule, within);
        expect(rulingCoalition(powers, rule, r)).toBe(r);
        expect(isSelfEnforcing(powers, rule, r)).toBe(true);
      }),
    );
  });

  it("is a pure function: same inputs, same output, inputs untouched, no state across calls", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 255 }), ({ powers, rule, within }, other) => {
        const powersCopy = [...powers];
        const ruleCopy = { ...rule };
        const first = rulingCoalition(powers, rule, within);
        // An unrelated call in between must not influence the next answer.
        rulingCoalition(powers, rule, other % 2 ** powers.length || 1);
        expect(rulingCoalition(powers, rule, within)).toBe(first);
        expect(rulingCoalition([...powers], { ...rule }, within)).toBe(first);
        expect(powers).toEqual(powersCopy);
        expect(rule).toEqual(ruleCopy);
      }),
    );
  });

  it("gives the same answers whether asked in a row of one game (its memo kept) or each time afresh", () => {
    fc.assert(
      fc.property(
        caseArb,
        fc.array(fc.integer({ min: 1, max: 255 }), { maxLength: 12 }),
        ({ powers, rule }, asks) => {
          const n = powers.length;
          const masks = asks.map((a) => a % 2 ** n || 1);
          const inARow = masks.map((m) => rulingCoalition(powers, rule, m));
          const afresh = masks.map((m) => {
            // Another game in between: the kept Φ is dropped.
            rulingCoalition([1, ...powers], rule);
            return rulingCoalition(powers, rule, m);
          });
          expect(inARow).toEqual(afresh);
        },
      ),
    );
  });

  it("depends only on the members of X (relabelling to a smaller game gives the same coalition)", () => {
    fc.assert(
      fc.property(caseArb, ({ powers, rule, within }) => {
        const members = membersOf(within);
        const sub = members.map((i) => powers[i]!);
        const local = rulingCoalition(sub, rule);
        const mapped = maskOf(membersOf(local).map((j) => members[j]!));
        expect(rulingCoalition(powers, rule, within)).toBe(mapped);
      }),
    );
  });

  it("agrees with an independent brute-force oracle (generic powers 1..1000)", () => {
    fc.assert(
      fc.property(caseArb, ({ powers, rule, within }) => {
        const expected = oraclePhi(powers, rule, membersOf(within));
        expect(membersOf(rulingCoalition(powers, rule, within))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("agrees with the oracle on tie-heavy powers 1..4 (exercises the tie-break)", () => {
    const tieArb = fc.record({
      powers: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 7 }),
      rule: ruleArb,
    });
    fc.assert(
      fc.property(tieArb, ({ powers, rule }) => {
        const expected = oraclePhi(powers, rule, allPlayers(powers.length));
        expect(membersOf(rulingCoalition(powers, rule))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("isSelfEnforcing agrees with the oracle on every subset of small games", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 5 }),
        ruleArb,
        (powers, rule) => {
          for (const xs of oracleSubsets(allPlayers(powers.length))) {
            if (xs.length === 0) continue;
            const expected = oraclePhi(powers, rule, xs).length === xs.length;
            expect(isSelfEnforcing(powers, rule, maskOf(xs))).toBe(expected);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
