import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { morrisDesign, morrisEffects } from "./morris.ts";
import { saltelliDesign, sobolIndices } from "./sobolIndices.ts";

describe("Morris trajectories", () => {
  it("move one factor at a time by exactly Δ = p / (2 (p - 1)), staying on the grid of p levels", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2, max: 8 }),
        fc.constantFrom(2, 4, 6, 8),
        fc.nat(1000),
        (k, r, p, seed) => {
          const design = morrisDesign(k, r, p, seed);
          expect(design.length).toBe(r * (k + 1));
          const delta = p / (2 * (p - 1));
          for (let t = 0; t < r; t++) {
            const moved = new Set<number>();
            for (let s = 0; s < k; s++) {
              const a = design[t * (k + 1) + s]!;
              const b = design[t * (k + 1) + s + 1]!;
              const changed = a.map((v, i) => (v === b[i] ? -1 : i)).filter((i) => i >= 0);
              expect(changed.length).toBe(1);
              expect(Math.abs(b[changed[0]!]! - a[changed[0]!]!)).toBeCloseTo(delta, 12);
              moved.add(changed[0]!);
            }
            expect(moved.size).toBe(k);
          }
          for (const row of design)
            for (const v of row) expect(Math.abs(v * (p - 1) - Math.round(v * (p - 1)))).toBeLessThan(1e-12);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("are the same for the same seed and differ for another", () => {
    expect(morrisDesign(3, 5, 4, 9)).toEqual(morrisDesign(3, 5, 4, 9));
    expect(morrisDesign(3, 5, 4, 9)).not.toEqual(morrisDesign(3, 5, 4, 10));
  });

  it("refuses odd levels, one trajectory, and outputs that do not fit the design", () => {
    expect(() => morrisDesign(2, 4, 3, 1)).toThrow(/even/);
    expect(() => morrisDesign(2, 1, 4, 1)).toThrow(/at least 2 trajectories/);
    expect(() => morrisEffects(morrisDesign(2, 4, 4, 1), [1, 2, 3], 2, { seed: 1 })).toThrow(/trajectories/);
  });
});

describe("Saltelli design and estimators", () => {
  it("lays out blocks of A, B and the k matrices AB_i, each AB_i equal to A but for column i from B", () => {
    const k = 4;
    const d = saltelliDesign(k, 16);
    expect(d.length).toBe(16 * (k + 2));
    for (let j = 0; j < 16; j++) {
      const [a, b] = [d[j * (k + 2)]!, d[j * (k + 2) + 1]!];
      for (let i = 0; i < k; i++) {
        const ab = d[j * (k + 2) + 2 + i]!;
        ab.forEach((v, c) => {
          expect(v).toBe(c === i ? b[c] : a[c]);
        });
      }
    }
  });

  it("gives an additive function's indices as each term's share of the variance, with S1 = ST", () => {
    // f = x1 + 2 x2 on [0, 1]^3: variances 1/12 and 4/12, so S = 0.2, 0.8, 0.
    const d = saltelliDesign(3, 2048);
    const r = sobolIndices(
      d.map(([a, b]) => a! + 2 * b!),
      3,
      { seed: 1, resamples: 100 },
    );
    [0.2, 0.8, 0].forEach((s, i) => {
      expect(r.first[i]!.value).toBeCloseTo(s, 2);
      expect(r.total[i]!.value).toBeCloseTo(s, 2);
    });
  });

  it("gives NaN, not a crash, when the output never varies", () => {
    const r = sobolIndices(new Array(5 * 8).fill(1), 3, { seed: 1, resamples: 10 });
    expect(r.variance).toBe(0);
    expect(Number.isNaN(r.first[0]!.value)).toBe(true);
  });
});
