/** Interval helpers against known values and their defining properties. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundedMeanInterval, meanInterval, quantile, t95, wilson } from "./intervals.ts";

describe("wilson", () => {
  it("matches known values", () => {
    const [lo, hi] = wilson(5, 10);
    expect(lo).toBeCloseTo(0.2366, 4);
    expect(hi).toBeCloseTo(0.7634, 4);
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(0, 10)[1]).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10)[1]).toBe(1);
    expect(wilson(0, 0)).toEqual([0, 1]);
  });

  it("always brackets the observed share inside [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, f) => {
          const k = Math.round(f * n);
          const [lo, hi] = wilson(k, n);
          return 0 <= lo && lo <= k / n + 1e-12 && k / n - 1e-12 <= hi && hi <= 1;
        },
      ),
    );
  });
});

describe("meanInterval", () => {
  it("matches a hand computation", () => {
    const m = meanInterval([1, 0, 1, 1]);
    expect(m.value).toBe(0.75);
    // sd = 0.5, se = 0.25, and Student's t with 3 degrees of freedom: 3.182
    expect(m.hi - m.value).toBeCloseTo(3.182446 * 0.25, 5);
    expect(m.n).toBe(4);
  });

  it("uses Student's t: far wider than the normal interval at two runs, the same at many", () => {
    expect(t95(1)).toBeCloseTo(12.7062, 4);
    expect(t95(9)).toBeCloseTo(2.2622, 4);
    expect(t95(1000)).toBeCloseTo(1.9623, 4);
    const two = meanInterval([0, 1]);
    expect(two.hi - two.value).toBeCloseTo(12.7062 * 0.5, 3);
  });

  it("gives no interval for a single value, rather than a point that looks certain", () => {
    const one = meanInterval([0.25]);
    expect(one.value).toBe(0.25);
    expect(one.lo).toBeNaN();
    expect(one.hi).toBeNaN();
  });

  // Coverage: intervals from 4 normal draws should hold the true mean about 95 % of the time (the normal
  // interval would hold it only about 88 %).
  it("covers the true mean about 95 % of the time at four runs", () => {
    let state = 12345;
    const uniform = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return (state + 0.5) / 2 ** 32;
    };
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    let covered = 0;
    const trials = 20_000;
    for (let i = 0; i < trials; i++) {
      const m = meanInterval([normal(), normal(), normal(), normal()]);
      if (m.lo <= 0 && 0 <= m.hi) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.94);
    expect(covered / trials).toBeLessThan(0.96);
  });

  it("always contains the mean and is symmetric", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 50 }),
        (xs) => {
          const m = meanInterval(xs);
          return (
            m.lo <= m.value + 1e-12 &&
            m.value <= m.hi + 1e-12 &&
            Math.abs(m.hi - m.value - (m.value - m.lo)) < 1e-9
          );
        },
      ),
    );
  });
});

describe("quantile", () => {
  it("interpolates between order statistics", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe("boundedMeanInterval", () => {
  it("never collapses to a point: two equal Shapley values give a wide interval, not [25.0, 25.0]", () => {
    const r = boundedMeanInterval([0.25, 0.25], -1, 1);
    expect(r.value).toBe(0.25);
    expect(r.hi - r.lo).toBeGreaterThan(1);
    const many = boundedMeanInterval(new Array(200).fill(0.25), -1, 1);
    expect(many.hi - many.lo).toBeGreaterThan(0);
    expect(many.hi - many.lo).toBeLessThan(0.05);
  });

  it("is the plain t interval (clipped) when the runs show some spread", () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : i % 4 === 1 ? -0.5 : 0.2));
    const plain = meanInterval(xs);
    const bounded = boundedMeanInterval(xs, -1, 1);
    expect(bounded.value).toBe(plain.value);
    expect(bounded.lo).toBeCloseTo(plain.lo, 12);
    expect(bounded.hi).toBeCloseTo(plain.hi, 12);
  });

  it("contains the point estimate, stays in the range, and widens as the runs get fewer", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 30 }),
        (pattern, k) => {
          // The same mix of values seen k and k + 1 times: fewer runs never give a narrower interval.
          const fewer = boundedMeanInterval(Array.from({ length: k }, () => pattern).flat(), -1, 1);
          const more = boundedMeanInterval(Array.from({ length: k + 1 }, () => pattern).flat(), -1, 1);
          for (const r of [fewer, more]) {
            expect(r.lo).toBeLessThanOrEqual(r.value + 1e-12);
            expect(r.hi).toBeGreaterThanOrEqual(r.value - 1e-12);
            expect(r.lo).toBeGreaterThanOrEqual(-1);
            expect(r.hi).toBeLessThanOrEqual(1);
          }
          expect(fewer.hi - fewer.lo).toBeGreaterThanOrEqual(more.hi - more.lo - 1e-12);
        },
      ),
    );
  });
});
