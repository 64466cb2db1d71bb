/** Sweep designs: grid sizes, the Latin-hypercube stratum property, ranges respected, seeded repeatability. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { factorial, latinHypercube, levels, randomDesign } from "./design.ts";

describe("designs", () => {
  it("a factorial design has the product of the level counts, last parameter fastest", () => {
    const pts = factorial([
      { path: "a", values: [1, 2] },
      { path: "b", range: [0, 1], steps: 3 },
    ]);
    expect(pts).toHaveLength(6);
    expect(pts.slice(0, 3)).toEqual([
      { a: 1, b: 0 },
      { a: 1, b: 0.5 },
      { a: 1, b: 1 },
    ]);
    expect(levels({ path: "n", range: [1, 3], steps: 5, integer: true })).toEqual([1, 2, 3]);
  });

  it("a Latin hypercube uses every stratum of every parameter exactly once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.nat(), (n, seed) => {
        const pts = latinHypercube(
          [
            { path: "x", range: [0, 1] },
            { path: "y", range: [-2, 2] },
          ],
          n,
          seed,
        );
        const strata = (key: string, lo: number, hi: number) =>
          new Set(pts.map((p) => Math.min(n - 1, Math.floor((((p[key] as number) - lo) / (hi - lo)) * n))));
        // Rounding to 6 decimals can nudge a value across a stratum edge only when strata are tiny.
        expect(strata("x", 0, 1).size).toBeGreaterThanOrEqual(n - (n > 50 ? 1 : 0));
        expect(strata("y", -2, 2).size).toBeGreaterThanOrEqual(n - (n > 50 ? 1 : 0));
      }),
      { numRuns: 50 },
    );
  });

  it("random designs stay inside their ranges and repeat for the same seed", () => {
    const params = [
      { path: "x", range: [0.2, 0.4] as [number, number] },
      { path: "f", values: [true, false] },
    ];
    const a = randomDesign(params, 100, 3);
    expect(a.every((p) => (p.x as number) >= 0.2 && (p.x as number) <= 0.4)).toBe(true);
    expect(new Set(a.map((p) => p.f))).toEqual(new Set([true, false]));
    expect(randomDesign(params, 100, 3)).toEqual(a);
    expect(randomDesign(params, 100, 4)).not.toEqual(a);
  });
});
