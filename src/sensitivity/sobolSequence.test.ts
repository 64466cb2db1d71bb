import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_SOBOL_DIMENSIONS, sobolPoints } from "./sobolSequence.ts";

describe("Sobol' sequence (Joe & Kuo direction numbers)", () => {
  it("matches SciPy 1.17's qmc.Sobol(scramble=False, bits=32) at points 1, 2, 3, 1000 and 1023", () => {
    // Reference values printed by SciPy for the same 1024-dimensional sequence (dimension index from 0).
    const reference: Record<number, number[]> = {
      0: [0.5, 0.75, 0.25, 0.2197265625, 0.0009765625],
      1: [0.5, 0.25, 0.75, 0.0966796875, 0.7529296875],
      2: [0.5, 0.25, 0.75, 0.5185546875, 0.6123046875],
      9: [0.5, 0.75, 0.25, 0.0693359375, 0.8505859375],
      100: [0.5, 0.25, 0.75, 0.7685546875, 0.2373046875],
      321: [0.5, 0.75, 0.25, 0.8876953125, 0.0439453125],
      640: [0.5, 0.25, 0.75, 0.9130859375, 0.5693359375],
      1023: [0.5, 0.75, 0.25, 0.7138671875, 0.9951171875],
    };
    const points = sobolPoints(1024, MAX_SOBOL_DIMENSIONS);
    for (const [d, values] of Object.entries(reference))
      expect([1, 2, 3, 1000, 1023].map((i) => points[i]![Number(d)])).toEqual(values);
  });

  it("starts at the origin, and skipping points gives the tail of the same sequence", () => {
    const all = sobolPoints(40, 7);
    expect(all[0]).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(sobolPoints(8, 7, 32)).toEqual(all.slice(32, 40));
  });

  it("puts exactly one of the first 2^m points in each interval of length 2^-m, in every dimension", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 1023 }), (m, d) => {
        const n = 2 ** m;
        const cells = sobolPoints(n, d + 1).map((p) => Math.floor(p[d]! * n));
        expect(new Set(cells).size).toBe(n);
      }),
      { numRuns: 40 },
    );
  });

  it("refuses dimensions and counts it cannot give", () => {
    expect(() => sobolPoints(4, 0)).toThrow(/1 to 1024 dimensions/);
    expect(() => sobolPoints(4, MAX_SOBOL_DIMENSIONS + 1)).toThrow(/not 1025/);
    expect(() => sobolPoints(-1, 2)).toThrow(RangeError);
  });
});
