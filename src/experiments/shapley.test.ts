/** Shapley values against known games and their defining axioms, and against a permutation oracle. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { shapley } from "./shapley.ts";

/** Oracle: average marginal contribution over every order of the players. */
function byPermutations(v: number[], n: number): number[] {
  const phi = new Array<number>(n).fill(0);
  let orders = 0;
  const permute = (order: number[], rest: number[]) => {
    if (rest.length === 0) {
      orders++;
      let mask = 0;
      for (const i of order) {
        phi[i]! += v[mask | (1 << i)]! - v[mask]!;
        mask |= 1 << i;
      }
      return;
    }
    rest.forEach((r, k) => {
      permute([...order, r], [...rest.slice(0, k), ...rest.slice(k + 1)]);
    });
  };
  permute(
    [],
    Array.from({ length: n }, (_, i) => i),
  );
  return phi.map((x) => x / orders);
}

describe("shapley", () => {
  it("splits a unanimity game equally and gives a dummy nothing", () => {
    // Players 0 and 1 are both needed; player 2 never matters.
    const v = Array.from({ length: 8 }, (_, m) => ((m & 3) === 3 ? 1 : 0));
    const phi = shapley(v, 3);
    expect(phi[0]).toBeCloseTo(0.5, 12);
    expect(phi[1]).toBeCloseTo(0.5, 12);
    expect(phi[2]).toBeCloseTo(0, 12);
  });

  it("matches the average over all orders, and sums to v(all) - v(none)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1 << n, maxLength: 1 << n }),
            ),
          ),
        ([n, v]) => {
          const phi = shapley(v, n);
          const oracle = byPermutations(v, n);
          phi.forEach((x, i) => {
            expect(x).toBeCloseTo(oracle[i]!, 9);
          });
          expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(v[(1 << n) - 1]! - v[0]!, 9);
        },
      ),
    );
  });

  it("refuses values for the wrong number of coalitions", () => {
    expect(() => shapley([0, 1, 1], 2)).toThrow(/2\^2 = 4/);
  });
});
