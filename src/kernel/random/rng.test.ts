import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng, Streams, streamState } from "./rng.ts";

describe("Rng", () => {
  it("gives the same sequence for the same seed and name", () => {
    const a = new Streams(7).get("x");
    const b = new Streams(7).get("x");
    for (let i = 0; i < 100; i++) expect(a.float()).toBe(b.float());
  });

  it("keeps streams independent: draws in one stream do not shift another", () => {
    const s1 = new Streams(3);
    const s2 = new Streams(3);
    for (let i = 0; i < 50; i++) s1.get("noise").float();
    const a = Array.from({ length: 20 }, () => s1.get("patronage").float());
    const b = Array.from({ length: 20 }, () => s2.get("patronage").float());
    expect(a).toEqual(b);
  });

  it("differs across seeds and names", () => {
    expect(new Streams(1).get("x").float()).not.toBe(new Streams(2).get("x").float());
    expect(new Streams(1).get("x").float()).not.toBe(new Streams(1).get("y").float());
  });

  it("draws floats in [0,1) with a sane mean", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const r = new Rng(streamState(seed, "t"));
        let sum = 0;
        for (let i = 0; i < 2000; i++) {
          const x = r.float();
          if (x < 0 || x >= 1) return false;
          sum += x;
        }
        return Math.abs(sum / 2000 - 0.5) < 0.05;
      }),
      { numRuns: 30 },
    );
  });

  it("binomial stays within [0, n]", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 0, max: 100000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, n, p) => {
          const k = new Rng(streamState(seed, "b")).binomial(n, p);
          return Number.isInteger(k) && k >= 0 && k <= n;
        },
      ),
    );
  });

  it("weighted never picks a zero weight", () => {
    const r = new Streams(5).get("w");
    for (let i = 0; i < 500; i++) expect([1, 3]).toContain(r.weighted([0, 2, 0, 1]));
    expect(r.weighted([0, 0])).toBe(-1);
  });

  it("rejects bad seeds", () => {
    expect(() => streamState(-1, "x")).toThrow(/seed/);
    expect(() => streamState(1.5, "x")).toThrow(/seed/);
  });
});

describe("Rng.binomial", () => {
  it("keeps the true chance of no event at all when few are expected", () => {
    const r = new Streams(9).get("b");
    let zeros = 0;
    const draws = 20000;
    for (let i = 0; i < draws; i++) if (r.binomial(1000, 0.0005) === 0) zeros++;
    // P(0) = (1 - 0.0005)^1000 ≈ 0.6064; four standard errors is about 0.014.
    expect(Math.abs(zeros / draws - 0.6064)).toBeLessThan(0.014);
  });

  it("has the right mean and variance across the exact and approximate regimes", () => {
    for (const [n, p] of [
      [50, 0.3],
      [1000, 0.01],
      [100000, 0.3],
      [100000, 0.9995],
    ] as const) {
      const r = new Streams(n).get("m");
      const xs = Array.from({ length: 4000 }, () => r.binomial(n, p));
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(mean - n * p)).toBeLessThan((5 * sd) / Math.sqrt(xs.length) + 0.5);
      expect(v / (sd * sd)).toBeGreaterThan(0.85);
      expect(v / (sd * sd)).toBeLessThan(1.15);
    }
  });
});
