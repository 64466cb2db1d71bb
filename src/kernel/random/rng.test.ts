import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  binomialBtpe,
  binomialInversion,
  INVERSION_MEAN,
  INVERSION_TAIL_SDS,
  Rng,
  Streams,
  streamState,
} from "./rng.ts";

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

/**
 * The exact Binomial(n, p) probabilities over a window of ±(12 sd + 10) around the mean (the mass outside is
 * below 1e-30), by the ratio P(k+1)/P(k) = (n-k)/(k+1)·p/q walked out from the mode and normalised.
 */
function exactPmf(n: number, p: number): { lo: number; pmf: number[] } {
  const q = 1 - p;
  const mean = n * p;
  const half = Math.ceil(12 * Math.sqrt(mean * q) + 10);
  const lo = Math.max(0, Math.floor(mean) - half);
  const hi = Math.min(n, Math.ceil(mean) + half);
  const mode = Math.min(hi, Math.max(lo, Math.floor((n + 1) * p)));
  const w = new Float64Array(hi - lo + 1);
  w[mode - lo] = 1;
  for (let k = mode; k < hi; k++) w[k + 1 - lo] = w[k - lo]! * ((n - k) / (k + 1)) * (p / q);
  for (let k = mode; k > lo; k--) w[k - 1 - lo] = w[k - lo]! / (((n - k + 1) / k) * (p / q));
  const total = w.reduce((a, b) => a + b, 0);
  return { lo, pmf: Array.from(w, (x) => x / total) };
}

/** Upper 1e-6 point of chi-square with `df` degrees of freedom (Wilson-Hilferty; z = 4.753). */
function chiSquareCritical(df: number): number {
  const h = 2 / (9 * df);
  return df * (1 - h + 4.753 * Math.sqrt(h)) ** 3;
}

interface Fit {
  chiSquare: number;
  df: number;
  critical: number;
  /** Largest gap between the empirical and the exact distribution function (Kolmogorov-Smirnov). */
  ks: number;
  ksCritical: number;
}

/**
 * Pearson's chi-square of `draws` samples against the exact pmf, in cells merged until each expects at least
 * 20 (the ends take in everything beyond them), and the Kolmogorov-Smirnov distance with its 1e-6 bound.
 */
function goodnessOfFit(n: number, p: number, draws: number, sample: () => number): Fit {
  const { lo, pmf } = exactPmf(n, p);
  const counts = new Float64Array(pmf.length);
  let outside = 0;
  for (let i = 0; i < draws; i++) {
    const k = sample();
    if (!Number.isInteger(k) || k < 0 || k > n) outside++;
    counts[Math.min(pmf.length - 1, Math.max(0, k - lo))]!++;
  }
  expect(outside, "draws that are not whole numbers in [0, n]").toBe(0);
  const cells: { e: number; o: number }[] = [];
  let e = 0;
  let o = 0;
  for (let i = 0; i < pmf.length; i++) {
    e += pmf[i]! * draws;
    o += counts[i]!;
    if (e >= 20) {
      cells.push({ e, o });
      e = 0;
      o = 0;
    }
  }
  if (cells.length === 0) cells.push({ e, o });
  else {
    cells.at(-1)!.e += e;
    cells.at(-1)!.o += o;
  }
  const chiSquare = cells.reduce((s, c) => s + (c.o - c.e) ** 2 / c.e, 0);
  let ks = 0;
  let cdf = 0;
  let ecdf = 0;
  for (let i = 0; i < pmf.length; i++) {
    cdf += pmf[i]!;
    ecdf += counts[i]! / draws;
    ks = Math.max(ks, Math.abs(cdf - ecdf));
  }
  const df = Math.max(1, cells.length - 1);
  // sqrt(-ln(1e-6 / 2) / 2) = 2.66: the Dvoretzky-Kiefer-Wolfowitz bound, conservative for discrete laws.
  return { chiSquare, df, critical: chiSquareCritical(df), ks, ksCritical: 2.66 / Math.sqrt(draws) };
}

function expectFits(f: Fit, what: string): void {
  expect(f.chiSquare, `${what}: chi-square ${f.chiSquare.toFixed(1)} on ${f.df} df`).toBeLessThan(f.critical);
  expect(f.ks, `${what}: KS distance`).toBeLessThan(f.ksCritical);
}

const DRAWS = 100_000;

describe("Rng.binomial", () => {
  it("gives the trivial answers exactly: n = 0, p = 0, p = 1 (and p beyond [0, 1] as its bound)", () => {
    const r = new Streams(1).get("b");
    const before = new Streams(1).get("b").float();
    for (const n of [0, 1, 7, 1e6, 2 ** 52]) {
      expect(r.binomial(n, 0)).toBe(0);
      expect(r.binomial(n, 1)).toBe(n);
      expect(r.binomial(n, -0.2)).toBe(0);
      expect(r.binomial(n, 1.5)).toBe(n);
    }
    for (const p of [0, 0.3, 1]) expect(r.binomial(0, p)).toBe(0);
    // None of these drew a number: the stream is where it started.
    expect(r.float()).toBe(before);
  });

  it("refuses a fractional or non-finite n and a NaN p, naming the value", () => {
    const r = new Streams(1).get("b");
    expect(() => r.binomial(2.5, 0.3)).toThrow(/n must be a whole number, got 2.5/);
    expect(() => r.binomial(Number.POSITIVE_INFINITY, 0.3)).toThrow(/whole number/);
    expect(() => r.binomial(Number.NaN, 0.3)).toThrow(/whole number/);
    expect(() => r.binomial(10, Number.NaN)).toThrow(/p is NaN/);
  });

  // Each case against the exact distribution; the means straddle the switch between the two methods.
  const cases: [n: number, p: number][] = [
    [1, 0.5],
    [5, 0.5],
    [20, 0.3],
    [1000, 0.0005],
    [1000, 0.01],
    [1_000_000, 0.00002],
    [2 ** 50, 1e-14],
    [100, (INVERSION_MEAN - 0.01) / 100],
    [100, (INVERSION_MEAN + 0.01) / 100],
    [60, 0.5],
    [1000, 0.2],
    [100_000, 0.3],
    [100_000, 0.9995],
    [1_000_000_000, 0.3],
    [1e12, 0.9999],
    [2 ** 34, 0.5],
  ];
  for (const [n, p] of cases) {
    it(`matches the exact Binomial(${n}, ${p}) (chi-square and KS, ${DRAWS} draws)`, () => {
      const r = new Streams(n % 1000).get(`binomial ${p}`);
      expectFits(
        goodnessOfFit(n, p, DRAWS, () => r.binomial(n, p)),
        `Binomial(${n}, ${p})`,
      );
    });
  }

  it("each method alone matches the exact distribution where the other takes over", () => {
    // Inversion up to the switch, BTPE down to the smallest mean it is built for (10).
    const r = new Streams(3).get("methods");
    for (const [n, p] of [
      [200, 0.14],
      [1_000_000, 29.5e-6],
    ] as const)
      expectFits(
        goodnessOfFit(n, p, DRAWS, () => binomialInversion(r, n, p)),
        `inversion(${n}, ${p})`,
      );
    for (const [n, p] of [
      [100, 0.105],
      [1_000_000, 12e-6],
      [40, 0.5],
    ] as const)
      expectFits(
        goodnessOfFit(n, p, DRAWS, () => binomialBtpe(r, n, p)),
        `BTPE(${n}, ${p})`,
      );
  });

  it("the fit test can fail: it rejects a rounded normal approximation and an off-by-a-little p", () => {
    const r = new Streams(5).get("power");
    const n = 100_000;
    const p = 0.001;
    const sd = Math.sqrt(n * p * (1 - p));
    const normal = goodnessOfFit(n, p, 4 * DRAWS, () => Math.max(0, Math.round(r.normal(n * p, sd))));
    expect(normal.chiSquare).toBeGreaterThan(normal.critical);
    const biased = goodnessOfFit(n, p, DRAWS, () => r.binomial(n, p * 1.02));
    expect(biased.chiSquare).toBeGreaterThan(biased.critical);
  });

  it("inversion's shortcut for draws of 0 (u below 1 - n·p) changes no draw", () => {
    // The same walk from P(0) without the shortcut, on the same streams.
    const plain = (r: Rng, n: number, p: number) => {
      const q = 1 - p;
      const s = p / q;
      const bound = Math.min(n, Math.floor(n * p + INVERSION_TAIL_SDS * Math.sqrt(n * p * q + 1)));
      for (;;) {
        let u = r.float();
        let f = Math.exp(n * Math.log1p(-p));
        let k = 0;
        while (u > f) {
          u -= f;
          if (++k > bound) break;
          f *= ((n + 1) * s) / k - s;
        }
        if (k <= bound) return k;
      }
    };
    fc.assert(
      fc.property(
        fc.nat(),
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ min: 1e-12, max: 3, noNaN: true }),
        (seed, n, mean) => {
          const p = Math.min(0.5, mean / n);
          if (n * p >= INVERSION_MEAN) return true;
          const a = new Rng(streamState(seed, "s"));
          const b = new Rng(streamState(seed, "s"));
          for (let i = 0; i < 50; i++) if (binomialInversion(a, n, p) !== plain(b, n, p)) return false;
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it("inversion's walk stops where less probability is left than a 53-bit uniform resolves", () => {
    // The worst cases are small means: the bound is mean + 15 sd + ..., and the tail beyond it is tiny.
    for (const mean of [1e-6, 0.1, 1, 2, 5, 10, 20, INVERSION_MEAN - 1e-9]) {
      for (const n of [Math.ceil(2 * mean), 1000, 1e9]) {
        const p = mean / n;
        if (p > 0.5 || n < 1) continue;
        const q = 1 - p;
        const bound = Math.floor(mean + INVERSION_TAIL_SDS * Math.sqrt(mean * q + 1));
        if (bound >= n) continue;
        // P(X > bound) by the ratio recurrence in logs from P(0) = q^n, far past the bound.
        let logF = n * Math.log1p(-p);
        let tail = 0;
        for (let k = 1; k <= Math.min(n, bound + 1000); k++) {
          logF += Math.log((n - k + 1) / k) + Math.log(p / q);
          if (k > bound) tail += Math.exp(logF);
        }
        expect(tail, `mean ${mean}, n ${n}`).toBeLessThan(2 ** -53);
      }
    }
  });

  it("keeps the true chance of no event at all when few are expected", () => {
    const r = new Streams(9).get("b");
    let zeros = 0;
    const draws = 20000;
    for (let i = 0; i < draws; i++) if (r.binomial(1000, 0.0005) === 0) zeros++;
    // P(0) = (1 - 0.0005)^1000 ≈ 0.6064; four standard errors is about 0.014.
    expect(Math.abs(zeros / draws - 0.6064)).toBeLessThan(0.014);
  });

  it("stays a whole number in [0, n], for any n up to 2^48 and any p", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 ** 48 })),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (seed, n, p) => {
          const r = new Rng(streamState(seed, "b"));
          for (let i = 0; i < 5; i++) {
            const k = r.binomial(n, p);
            if (!Number.isInteger(k) || k < 0 || k > n) return false;
          }
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("gives the same draws from the same seed, whatever the mix of n and p", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1e9 }), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 50,
        }),
        (seed, calls) => {
          const a = new Rng(streamState(seed, "same"));
          const b = new Rng(streamState(seed, "same"));
          return calls.every(([n, p]) => a.binomial(n, p) === b.binomial(n, p));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("draws the same numbers as the day this sampler was written (a changed sampler shows here)", () => {
    const r = new Streams(77).get("pinned");
    const draws = [
      [3, 0.5],
      [1000, 0.0005],
      [100, 0.2],
      [100_000, 0.3],
      [1e9, 0.999],
    ].map(([n, p]) => r.binomial(n!, p!));
    expect(draws).toEqual(PINNED);
  });
});

/** Draws of the pinned-draws test: seed 77, stream "pinned". */
const PINNED = [3, 0, 22, 30027, 999000686];
