import { xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";
import type { JumpableRandomGenerator } from "pure-rand/types/JumpableRandomGenerator";

/**
 * A seeded random stream. Every mechanism (and every agent group inside one) draws from a stream of its
 * own, derived from the run's seed and the stream's name, so adding a draw in one mechanism never shifts
 * the numbers another mechanism sees.
 *
 * @example
 * const streams = new Streams(42);
 * const r = streams.get("patronage");
 * r.float(); // in [0, 1)
 */
export class Rng {
  readonly #gen: JumpableRandomGenerator;

  constructor(state: readonly number[] | JumpableRandomGenerator) {
    this.#gen = Array.isArray(state) ? xoroshiro128plusFromState(state) : (state as JumpableRandomGenerator);
  }

  /** An independent copy at the same point of the stream. */
  clone(): Rng {
    return new Rng(this.#gen.clone());
  }

  /** Uniform float in [0, 1), 53 bits. */
  float(): number {
    // Two 32-bit outputs give 53 random bits (same construction as pure-rand's uniformFloat64).
    const hi = (this.#gen.next() >>> 0) >>> 5; // 27 bits
    const lo = (this.#gen.next() >>> 0) >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!(n > 0)) throw new RangeError(`Rng.int: n must be positive, got ${n}`);
    return Math.floor(this.float() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Standard normal draw (Box-Muller). */
  normal(mean = 0, sd = 1): number {
    let u = this.float();
    while (u === 0) u = this.float();
    const v = this.float();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Uniform draw in [lo, hi]. */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /**
   * Binomial(n, p), exact at every n and p. Few expected successes (n·min(p, 1-p) under
   * {@link INVERSION_MEAN}): inversion, walking the probabilities up from P(0); more: BTPE
   * (Kachitvichyanukul & Schmeiser 1988), an acceptance-rejection method whose cost does not grow with n.
   * `n` must be a whole number; p outside [0, 1] counts as 0 or 1.
   *
   * @example
   * new Streams(1).get("votes").binomial(1000, 0.3); // about 300
   */
  binomial(n: number, p: number): number {
    // The trivial cases first (a NaN fails both tests and is caught below).
    if (n <= 0 || p <= 0) return 0;
    if (!Number.isSafeInteger(n)) throw new RangeError(`Rng.binomial: n must be a whole number, got ${n}`);
    if (p >= 1) return n;
    if (!(p < 1)) throw new RangeError("Rng.binomial: p is NaN");
    // Both methods draw the smaller side; the larger is its complement.
    const r = p > 0.5 ? 1 - p : p;
    const k = n * r < INVERSION_MEAN ? binomialInversion(this, n, r) : binomialBtpe(this, n, r);
    return p > 0.5 ? n - k : k;
  }

  /** Picks an index with probability proportional to its weight; -1 when all weights are zero. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += Math.max(w, 0);
    if (total <= 0) return -1;
    let x = this.float() * total;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i]!;
      if (w <= 0) continue;
      x -= w;
      if (x < 0) return i;
    }
    // Floating-point slack: return the last positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
    return -1;
  }
}

/**
 * Binomial(n, p) by inversion: P(0) = q^n, then P(k+1) = P(k)·(n-k)/(k+1)·p/q. For p <= 1/2; its cost grows
 * with the mean n·p. Use {@link Rng.binomial}, which picks the method.
 */
export function binomialInversion(rng: Rng, n: number, p: number): number {
  const mean = n * p;
  let u = rng.float();
  // P(0) >= 1 - n·p (Bernoulli's inequality): a uniform below that is a draw of 0, known without computing
  // P(0). With a small mean that settles most draws.
  if (u < 1 - mean) return 0;
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  // log1p keeps q^n accurate when p is tiny and n huge (1 - p itself loses p's low digits). Callers draw many
  // binomials with one p in a row (a rate over every cell), so its logarithm is kept from the last call.
  if (p !== lastRate[0]) {
    lastRate[0] = p;
    lastRate[1] = Math.log1p(-p);
  }
  const p0 = Math.exp(n * lastRate[1]!);
  // Beyond this bound lies less probability than a 53-bit uniform resolves (rng.test.ts checks it); a walk
  // that gets there (u beyond the rounded total of the probabilities) starts again instead of running to n.
  // The bound is at least `near` (its square root is at least 1), so it is worked out only for a walk past that.
  const near = Math.min(n, Math.floor(mean + INVERSION_TAIL_SDS));
  let bound = -1;
  for (;;) {
    let f = p0;
    let k = 0;
    while (u > f) {
      u -= f;
      if (++k > near) {
        if (bound < 0) bound = Math.min(n, Math.floor(mean + INVERSION_TAIL_SDS * Math.sqrt(mean * q + 1)));
        if (k > bound) break;
      }
      f *= a / k - s;
    }
    if (k <= near || k <= bound) return k;
    u = rng.float();
  }
}

/**
 * The last p binomialInversion saw and log1p(-p): a pure function of p, so sharing it changes no draw. Kept in a
 * typed array: a module variable holding a fraction takes a fresh heap object at every change.
 */
const lastRate = new Float64Array([Number.NaN, 0]);

/**
 * BTPE for p <= 1/2 and n·p >= {@link INVERSION_MEAN}: a triangle over the mode, parallelograms beside it
 * and exponential tails majorise the probabilities; a point under the majorant is accepted by a squeeze or,
 * rarely, by the exact ratio f(y)/f(mode) (a product for y near the mode, Stirling's series beyond).
 * Follows the published algorithm step by step. Needs p <= 1/2 and n·p >= 10; use {@link Rng.binomial}.
 */
export function binomialBtpe(rng: Rng, n: number, p: number): number {
  // Step 0: set-up, from n and p alone.
  const q = 1 - p;
  const nrq = n * p * q;
  const fm = n * p + p;
  const m = Math.floor(fm);
  const p1 = Math.floor(2.195 * Math.sqrt(nrq) - 4.6 * q) + 0.5;
  const xm = m + 0.5;
  const xl = xm - p1;
  const xr = xm + p1;
  const c = 0.134 + 20.5 / (15.3 + m);
  let a = (fm - xl) / (fm - xl * p);
  const laml = a * (1 + a / 2);
  a = (xr - fm) / (xr * q);
  const lamr = a * (1 + a / 2);
  const p2 = p1 * (1 + 2 * c);
  const p3 = p2 + c / laml;
  const p4 = p3 + c / lamr;
  for (;;) {
    // Step 1: the triangle, accepted at once.
    const u = rng.float() * p4;
    let v = rng.float();
    if (u <= p1) return Math.floor(xm - p1 * v + u);
    let y: number;
    if (u <= p2) {
      // Step 2: the parallelograms.
      const x = xl + (u - p1) / c;
      v = v * c + 1 - Math.abs(m - x + 0.5) / p1;
      if (v > 1) continue;
      y = Math.floor(x);
    } else if (u <= p3) {
      // Step 3: the left exponential tail.
      y = Math.floor(xl + Math.log(v) / laml);
      if (y < 0 || v === 0) continue;
      v = v * (u - p2) * laml;
    } else {
      // Step 4: the right exponential tail.
      y = Math.floor(xr - Math.log(v) / lamr);
      if (y > n || v === 0) continue;
      v = v * (u - p3) * lamr;
    }
    const k = Math.abs(y - m);
    if (k <= 20 || k >= nrq / 2 - 1) {
      // Step 5.1: f(y)/f(m) by the recurrence, for y near the mode.
      const s = p / q;
      const b = s * (n + 1);
      let f = 1;
      if (m < y) for (let i = m + 1; i <= y; i++) f *= b / i - s;
      else if (m > y) for (let i = y + 1; i <= m; i++) f /= b / i - s;
      if (v <= f) return y;
      continue;
    }
    // Step 5.2: squeeze on log v, then 5.3: the exact log ratio by Stirling's series.
    const rho = (k / nrq) * ((k * (k / 3 + 0.625) + 0.16666666666666666) / nrq + 0.5);
    const t = (-k * k) / (2 * nrq);
    const A = Math.log(v);
    if (A < t - rho) return y;
    if (A > t + rho) continue;
    const x1 = y + 1;
    const f1 = m + 1;
    const z = n + 1 - m;
    const w = n - y + 1;
    if (
      A <=
      xm * Math.log(f1 / x1) +
        (n - m + 0.5) * Math.log(z / w) +
        (y - m) * Math.log((w * p) / (x1 * q)) +
        stirlingTail(f1) +
        stirlingTail(z) +
        stirlingTail(x1) +
        stirlingTail(w)
    )
      return y;
  }
}

/**
 * Below this mean (of the smaller side) the binomial is drawn by inversion, above it by BTPE: the crossing point
 * of their costs on this engine's draws (bench/binomial.ts), and inside BTPE's range (it needs n·p >= 10).
 */
export const INVERSION_MEAN = 30;

/** Inversion's walk stops this many standard deviations (plus one) above the mean: see binomialInversion. */
export const INVERSION_TAIL_SDS = 15;

/** The remainder of Stirling's series for log x!, 1/(12x) - 1/(360x³) + ..., as BTPE's step 5.3 writes it. */
function stirlingTail(x: number): number {
  const x2 = x * x;
  return (13680 - (462 - (132 - (99 - 140 / x2) / x2) / x2) / x2) / x / 166320;
}

/** 32-bit FNV-1a hash of a string: names streams stably across versions. */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** splitmix32 step: spreads a 32-bit value into well-mixed state words. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** The state words of a stream: a function of the seed and the stream's name only. */
export function streamState(seed: number, name: string): number[] {
  if (!Number.isSafeInteger(seed) || seed < 0)
    throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  let x = splitmix32(lo ^ splitmix32(hi ^ hashName(name)));
  const state: number[] = [];
  for (let i = 0; i < 4; i++) {
    x = splitmix32(x + i);
    state.push(x | 0);
  }
  // xoroshiro must not start from the all-zero state.
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1;
  return state;
}

/** The run's family of named, independent streams. */
export class Streams {
  readonly seed: number;
  readonly #cache = new Map<string, Rng>();

  constructor(seed: number) {
    this.seed = seed;
  }

  /** An independent copy: every stream at the point it has reached. */
  clone(): Streams {
    const c = new Streams(this.seed);
    for (const [name, r] of this.#cache) c.#cache.set(name, r.clone());
    return c;
  }

  /**
   * A fresh family from another seed (the run's seed mixed with `salt`): for lookahead that must not know the
   * dice the run itself will throw.
   */
  reseeded(salt: number): Streams {
    return new Streams(
      (Math.imul((this.seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(salt + 1, 0xc2b2ae35)) >>> 0,
    );
  }

  /** The stream called `name`, created on first use. */
  get(name: string): Rng {
    let r = this.#cache.get(name);
    if (!r) {
      r = new Rng(streamState(this.seed, name));
      this.#cache.set(name, r);
    }
    return r;
  }
}
