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

  constructor(state: readonly number[]) {
    this.#gen = xoroshiro128plusFromState(state);
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
   * Binomial(n, p). Exact by inversion when the smaller tail's mean is under 30 (so rare events keep their
   * true chance of not happening at all); a rounded normal approximation beyond, where its error is negligible.
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    if (n * p < EXACT_BINOMIAL_MEAN) {
      // Inversion by the recurrence P(k+1) = P(k) · (n-k)/(k+1) · p/q, starting from P(0) = q^n.
      const q = 1 - p;
      const s = p / q;
      const a = (n + 1) * s;
      let r = q ** n;
      let u = this.float();
      let k = 0;
      while (u > r && k < n) {
        u -= r;
        k++;
        r *= a / k - s;
      }
      return k;
    }
    const mean = n * p;
    const sd = Math.sqrt(n * p * (1 - p));
    return Math.min(n, Math.max(0, Math.round(this.normal(mean, sd))));
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

/** Below this mean the binomial is drawn exactly. */
const EXACT_BINOMIAL_MEAN = 30;

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
