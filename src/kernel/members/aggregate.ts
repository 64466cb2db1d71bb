/**
 * Aggregate fidelity: members counted in cells of region × cohort × line slot. The slots are the interiors of
 * the ideology bins plus the two ends of the line, where members whose line is clamped at exactly -1 or +1 sit
 * (they vote in the end bins): clamping piles members up at the ends, and a shift moves such a pile as one
 * point, not as members spread over a bin. Each cell keeps its count, candidates, sympathisers, compromised
 * files and the sums of loyalty, literacy and line, so averages survive admissions and removals. Draws use
 * binomials over cells, matching the individual fidelity's rules.
 */
import type { Rng } from "../random/rng.ts";
import { slotLawInto } from "./normal.ts";
import { IDEOLOGY_BINS, type MemberStore, type RecruitProfile, type RegionDelegation } from "./store.ts";

const B = IDEOLOGY_BINS;
/** Line slots: 0 = clamped at -1, 1..B = inside bin slot - 1, B + 1 = clamped at +1. */
const S = B + 2;
const WIDTH = 2 / B;

/** The ideology bin a slot votes in. */
function slotBin(slot: number): number {
  return slot === 0 ? 0 : slot > B ? B - 1 : slot - 1;
}

/**
 * Share and mean line of the part [u, v] of the bin [lo, lo + WIDTH], for members spread over the bin with a
 * linear density whose mean is `mean` (as steep as a density can be at most: zero at one edge). Written to
 * `part`.
 */
function partOfBin(lo: number, mean: number, u: number, v: number): void {
  const h = WIDTH / 2;
  const c = lo + h;
  // Density (1 + a (x - c) / h) / WIDTH has mean c + a h / 3.
  const a = Math.max(-1, Math.min(1, (3 * (mean - c)) / h));
  const share = binMass(v, a, h, c) - binMass(u, a, h, c);
  part.share = share;
  part.line = share > 1e-12 ? (binMoment(v, a, h, c) - binMoment(u, a, h, c)) / share : (u + v) / 2;
}

/** partOfBin's answer, written in place (it runs for every cell a platform reaches). */
const part = { share: 0, line: 0 };

/** Share of the bin below x, for the linear density of partOfBin. */
function binMass(x: number, a: number, h: number, c: number): number {
  return (x + (a / h) * ((x * x) / 2 - c * x)) / WIDTH;
}

/** First moment of the bin below x, for the linear density of partOfBin. */
function binMoment(x: number, a: number, h: number, c: number): number {
  return ((x * x) / 2 + (a / h) * ((x * x * x) / 3 - (c * x * x) / 2)) / WIDTH;
}

/** The slot of a line inside (-1, 1), or of an end. */
function slotOf(line: number): number {
  if (line <= -1) return 0;
  if (line >= 1) return S - 1;
  return 1 + Math.min(B - 1, Math.floor((line + 1) / WIDTH));
}

export class AggregateMembers implements MemberStore {
  /** Number of cohorts the scenario names. */
  readonly #cohorts: number;
  readonly fidelity = "aggregate" as const;
  readonly regions: number;
  readonly #leaders: number;
  readonly #count: Float64Array;
  /** Members per region, kept with every change: counts are asked for far more often than they change. */
  readonly #regionCount: Float64Array;
  readonly #candidates: Float64Array;
  readonly #sympathisers: Float64Array;
  readonly #compromised: Float64Array;
  readonly #loyaltySum: Float64Array;
  readonly #literacySum: Float64Array;
  readonly #ideologySum: Float64Array;
  /** Line sum of the sympathisers alone: a platform draws the members near its line, and purges take them. */
  readonly #sympLine: Float64Array;
  /** ties[region * leaders + leader]: members admitted under that leader's secretaries. */
  readonly #ties: Float64Array;
  /**
   * Each region's loyalty total, summed over its cells when asked for after a change (the loyalty of a
   * region is asked for far more often than it changes): the same sum, in the same order, as summing anew.
   */
  readonly #loyaltyOf: Float64Array;
  readonly #loyaltyKnown: Uint8Array;
  /** Scratch for admit: where recruits' lines fall, by slot. */
  readonly #slotProbs = new Float64Array(S);
  readonly #slotMeans = new Float64Array(S);
  /** Scratch for shiftOpinion: the moves of one cohort (at most two per slot), reused by every shift. */
  readonly #moves = {
    to: new Int32Array(2 * S),
    k: new Float64Array(2 * S),
    line: new Float64Array(2 * S),
    sympLine: new Float64Array(2 * S),
    cand: new Float64Array(2 * S),
    symp: new Float64Array(2 * S),
    comp: new Float64Array(2 * S),
    loy: new Float64Array(2 * S),
    lit: new Float64Array(2 * S),
  };

  constructor(regions: number, leaders: number, cohorts = 4) {
    this.#cohorts = cohorts;
    this.regions = regions;
    this.#leaders = leaders;
    const n = regions * this.#cohorts * S;
    this.#count = new Float64Array(n);
    this.#regionCount = new Float64Array(regions);
    this.#candidates = new Float64Array(n);
    this.#sympathisers = new Float64Array(n);
    this.#compromised = new Float64Array(n);
    this.#loyaltySum = new Float64Array(n);
    this.#literacySum = new Float64Array(n);
    this.#ideologySum = new Float64Array(n);
    this.#sympLine = new Float64Array(n);
    this.#ties = new Float64Array(regions * leaders);
    this.#loyaltyOf = new Float64Array(regions);
    this.#loyaltyKnown = new Uint8Array(regions);
  }

  clone(): AggregateMembers {
    const c = new AggregateMembers(this.regions, this.#leaders, this.#cohorts);
    c.#count.set(this.#count);
    c.#regionCount.set(this.#regionCount);
    c.#candidates.set(this.#candidates);
    c.#sympathisers.set(this.#sympathisers);
    c.#compromised.set(this.#compromised);
    c.#loyaltySum.set(this.#loyaltySum);
    c.#literacySum.set(this.#literacySum);
    c.#ideologySum.set(this.#ideologySum);
    c.#sympLine.set(this.#sympLine);
    c.#ties.set(this.#ties);
    return c;
  }

  #cell(region: number, cohort: number, slot: number): number {
    return (region * this.#cohorts + cohort) * S + slot;
  }

  count(region?: number): number {
    if (region === undefined) {
      let s = 0;
      for (let r = 0; r < this.regions; r++) s += this.#regionCount[r]!;
      return s;
    }
    return this.#regionCount[region]!;
  }

  #sum(a: Float64Array, region: number): number {
    let s = 0;
    const base = region * this.#cohorts * S;
    for (let i = base; i < base + this.#cohorts * S; i++) s += a[i]!;
    return s;
  }

  cohortCount(region: number, cohort: number): number {
    let s = 0;
    for (let slot = 0; slot < S; slot++) s += this.#count[this.#cell(region, cohort, slot)]!;
    return s;
  }

  candidates(region: number): number {
    return this.#sum(this.#candidates, region);
  }

  meanLoyalty(region: number): number {
    const n = this.count(region);
    if (n <= 0) return 0;
    if (this.#loyaltyKnown[region] === 0) {
      this.#loyaltyOf[region] = this.#sum(this.#loyaltySum, region);
      this.#loyaltyKnown[region] = 1;
    }
    return this.#loyaltyOf[region]! / n;
  }

  meanIdeology(region: number): number {
    const n = this.count(region);
    return n > 0 ? this.#sum(this.#ideologySum, region) / n : 0;
  }

  /** A region's loyalty sums changed: its total is summed again when next asked for. */
  #touch(region: number): void {
    this.#loyaltyKnown[region] = 0;
  }

  sympathisers(region: number): number {
    return this.#sum(this.#sympathisers, region);
  }

  compromised(region: number): number {
    return this.#sum(this.#compromised, region);
  }

  tiesTo(leader: number): number {
    let s = 0;
    for (let r = 0; r < this.regions; r++) s += this.#ties[r * this.#leaders + leader]!;
    return Math.round(s);
  }

  admit(region: number, n: number, cohort: number, p: RecruitProfile, rng: Rng): void {
    if (n <= 0) return;
    this.#touch(region);
    const probs = this.#slotProbs;
    const means = this.#slotMeans;
    slotLawInto(p.ideology, p.ideologySd, B, probs, means);
    let left = n;
    let mass = 1;
    for (let slot = 0; slot < S && left > 0; slot++) {
      const k = slot === S - 1 ? left : rng.binomial(left, mass > 0 ? Math.min(1, probs[slot]! / mass) : 0);
      mass -= probs[slot]!;
      left -= k;
      if (k === 0) continue;
      const c = this.#cell(region, cohort, slot);
      this.#count[c]! += k;
      this.#regionCount[region]! += k;
      if (p.candidate) this.#candidates[c]! += k;
      this.#loyaltySum[c]! += k * p.loyalty;
      this.#literacySum[c]! += k * p.literacy;
      // Members in a slot carry the mean line of the draws that fall in it.
      this.#ideologySum[c]! += k * means[slot]!;
    }
    if (p.tie >= 0) this.#ties[region * this.#leaders + p.tie]! += n;
  }

  /** Removes `k` members from cell `c`, with the sub-counts following in proportion (binomial draws). */
  #take(c: number, k: number, rng: Rng, symp = -1, comp = -1): void {
    const n = this.#count[c]!;
    if (k <= 0 || n <= 0) return;
    const share = k / n;
    this.#touch(Math.floor(c / (this.#cohorts * S)));
    // A binomial stand-in for the hypergeometric draw, clamped to what is possible: of k removed from n,
    // between k - (n - m) and min(k, m) come from a sub-group of m.
    const symps = this.#sympathisers[c]!;
    const s = fromSubgroup(k, n, symps, symp, share, rng);
    const cm = fromSubgroup(k, n, this.#compromised[c]!, comp, share, rng);
    const cd = fromSubgroup(k, n, this.#candidates[c]!, -1, share, rng);
    // The sympathisers leave with their own mean line, the others with theirs.
    const sympMean = symps > 0 ? this.#sympLine[c]! / symps : 0;
    const otherMean = n - symps > 0 ? (this.#ideologySum[c]! - this.#sympLine[c]!) / (n - symps) : 0;
    this.#ideologySum[c]! -= s * sympMean + (k - s) * otherMean;
    this.#sympLine[c]! -= s * sympMean;
    this.#sympathisers[c] = Math.max(0, symps - s);
    this.#compromised[c] = Math.max(0, this.#compromised[c]! - cm);
    this.#candidates[c] = Math.max(0, this.#candidates[c]! - cd);
    this.#loyaltySum[c]! -= this.#loyaltySum[c]! * share;
    this.#literacySum[c]! -= this.#literacySum[c]! * share;
    this.#count[c] = n - k;
    this.#regionCount[Math.floor(c / (this.#cohorts * S))]! -= k;
  }

  #shrinkTies(region: number, share: number): void {
    for (let l = 0; l < this.#leaders; l++) this.#ties[region * this.#leaders + l]! *= 1 - share;
  }

  attrite(region: number, n: number, rng: Rng): number {
    const total = this.count(region);
    let left = Math.min(n, total);
    const removed = left;
    let mass = total;
    const base = region * this.#cohorts * S;
    for (let c = base; c < base + this.#cohorts * S && left > 0; c++) {
      const cnt = this.#count[c]!;
      if (cnt <= 0) continue;
      const k = Math.min(
        cnt,
        c === base + this.#cohorts * S - 1 ? left : rng.binomial(left, Math.min(1, cnt / mass)),
      );
      mass -= cnt;
      left -= k;
      this.#take(c, k, rng);
    }
    const done = removed - left;
    if (total > 0) this.#shrinkTies(region, done / total);
    return done;
  }

  purge(region: number, n: number, rng: Rng): number {
    const total = this.count(region);
    let left = Math.min(n, total);
    const base = region * this.#cohorts * S;
    // Sympathisers first, then compromised files.
    for (const pool of [this.#sympathisers, this.#compromised]) {
      let poolTotal = 0;
      for (let c = base; c < base + this.#cohorts * S; c++) poolTotal += pool[c]!;
      let mass = poolTotal;
      const want = Math.min(left, Math.round(poolTotal));
      let need = want;
      for (let c = base; c < base + this.#cohorts * S && need > 0; c++) {
        const inPool = Math.round(pool[c]!);
        if (inPool <= 0) continue;
        const k = Math.min(inPool, rng.binomial(need, Math.min(1, inPool / Math.max(1, mass))));
        mass -= inPool;
        need -= k;
        if (pool === this.#sympathisers) this.#take(c, k, rng, k, -1);
        else this.#take(c, k, rng, -1, k);
      }
      left -= want - need;
    }
    const done = Math.min(n, total) - left;
    if (total > 0) this.#shrinkTies(region, done / total);
    return done;
  }

  promote(region: number, p: number, rng: Rng): number {
    let done = 0;
    const base = region * this.#cohorts * S;
    for (let c = base; c < base + this.#cohorts * S; c++) {
      const k = rng.binomial(Math.round(this.#candidates[c]!), p);
      this.#candidates[c]! -= k;
      done += k;
    }
    return done;
  }

  shiftOpinion(region: number, delta: number, rng: Rng): void {
    if (delta === 0) return;
    this.#touch(region);
    const steps = Math.floor(Math.abs(delta) / WIDTH);
    const frac = Math.abs(delta) / WIDTH - steps;
    const dir = delta > 0 ? 1 : -1;
    // Members inside a bin are taken as spread evenly over it, as the split between the near and far bins
    // assumes: the far group is the part of the bin nearest the direction of the shift, so its line sits above
    // the bin's mean (in that direction) and the near group's below. A group pushed past the last bin is
    // clamped at that end; a pile at an end moves as one point.
    const nearOffset = (-dir * frac * WIDTH) / 2;
    const farOffset = (dir * (1 - frac) * WIDTH) / 2;
    const m = this.#moves;
    for (let cohort = 0; cohort < this.#cohorts; cohort++) {
      // Work on a snapshot so members move once: every move of the cohort is worked out (with the share of the
      // sub-counts it carries) before any cell changes.
      let moves = 0;
      for (let slot = 0; slot < S; slot++) {
        const c = this.#cell(region, cohort, slot);
        const n = this.#count[c]!;
        if (n <= 0) continue;
        if (slot === 0 || slot === S - 1) {
          const x = Math.max(-1, Math.min(1, (slot === 0 ? -1 : 1) + delta));
          this.#move(moves++, c, slotOf(x), n, n * x, this.#sympathisers[c]! * x);
          continue;
        }
        const mean = this.#ideologySum[c]! / n;
        const symps = this.#sympathisers[c]!;
        const sympMean = symps > 0 ? this.#sympLine[c]! / symps : 0;
        const far = rng.binomial(n, frac);
        for (let side = 0; side < 2; side++) {
          const k = side === 0 ? n - far : far;
          if (k <= 0) continue;
          const bin = slot - 1 + dir * (side === 0 ? steps : steps + 1);
          const offset = side === 0 ? nearOffset : farOffset;
          const to = bin < 0 ? 0 : bin > B - 1 ? S - 1 : bin + 1;
          const line = to === 0 ? -1 : to === S - 1 ? 1 : Math.max(-1, Math.min(1, mean + delta + offset));
          const sympAt =
            to === 0 ? -1 : to === S - 1 ? 1 : Math.max(-1, Math.min(1, sympMean + delta + offset));
          this.#move(moves++, c, to, k, k * line, ((symps * k) / n) * sympAt);
        }
      }
      for (let slot = 0; slot < S; slot++) {
        const c = this.#cell(region, cohort, slot);
        this.#count[c] = 0;
        this.#candidates[c] = 0;
        this.#sympathisers[c] = 0;
        this.#compromised[c] = 0;
        this.#loyaltySum[c] = 0;
        this.#literacySum[c] = 0;
        this.#ideologySum[c] = 0;
        this.#sympLine[c] = 0;
      }
      for (let j = 0; j < moves; j++) {
        const c = this.#cell(region, cohort, m.to[j]!);
        this.#count[c]! += m.k[j]!;
        this.#candidates[c]! += m.cand[j]!;
        this.#sympathisers[c]! += m.symp[j]!;
        this.#compromised[c]! += m.comp[j]!;
        this.#loyaltySum[c]! += m.loy[j]!;
        this.#literacySum[c]! += m.lit[j]!;
        this.#ideologySum[c]! += m.line[j]!;
        this.#sympLine[c]! += m.sympLine[j]!;
      }
    }
  }

  /** Records move `j` of a shift: `k` members from cell `from` to slot `to`, with their share of its sub-counts. */
  #move(j: number, from: number, to: number, k: number, line: number, sympLine: number): void {
    const m = this.#moves;
    const n = this.#count[from]!;
    const share = n > 0 ? k / n : 0;
    m.to[j] = to;
    m.k[j] = k;
    m.line[j] = line;
    m.sympLine[j] = sympLine;
    m.cand[j] = this.#candidates[from]! * share;
    m.symp[j] = this.#sympathisers[from]! * share;
    m.comp[j] = this.#compromised[from]! * share;
    m.loy[j] = this.#loyaltySum[from]! * share;
    m.lit[j] = this.#literacySum[from]! * share;
  }

  mobilise(region: number, platform: number, reach: number, p: number, rng: Rng): number {
    let done = 0;
    for (let slot = 0; slot < S; slot++) {
      const end = slot === 0 || slot === S - 1;
      const lo = -1 + (slot - 1) * WIDTH;
      const u = Math.max(lo, platform - reach);
      const v = Math.min(lo + WIDTH, platform + reach);
      if (end ? Math.abs((slot === 0 ? -1 : 1) - platform) > reach : !(v > u)) continue;
      for (let cohort = 0; cohort < this.#cohorts; cohort++) {
        const c = this.#cell(region, cohort, slot);
        const others = this.#count[c]! - this.#sympathisers[c]!;
        if (others <= 0) continue;
        // A pile at an end is in reach as a whole. Inside a bin, the members not yet won over are taken as spread
        // with a linear density that has their mean line: its part within reach is eligible, and the new
        // sympathisers carry that part's mean line.
        let share = 1;
        let line = slot === 0 ? -1 : 1;
        if (!end) {
          partOfBin(lo, (this.#ideologySum[c]! - this.#sympLine[c]!) / others, u, v);
          share = part.share;
          line = part.line;
        }
        const k = rng.binomial(Math.round(others), p * Math.min(1, Math.max(0, share)));
        this.#sympathisers[c]! += k;
        this.#sympLine[c]! += k * line;
        done += k;
      }
    }
    return done;
  }

  demobilise(region: number, p: number, rng: Rng): number {
    let done = 0;
    const base = region * this.#cohorts * S;
    for (let c = base; c < base + this.#cohorts * S; c++) {
      const symps = this.#sympathisers[c]!;
      const k = Math.min(symps, rng.binomial(Math.round(symps), p));
      if (k <= 0) continue;
      this.#sympLine[c]! -= (this.#sympLine[c]! * k) / symps;
      this.#sympathisers[c] = symps - k;
      done += k;
    }
    return done;
  }

  compile(region: number, p: number, rng: Rng): number {
    let done = 0;
    const base = region * this.#cohorts * S;
    for (let c = base; c < base + this.#cohorts * S; c++) {
      const k = rng.binomial(Math.round(this.#count[c]! - this.#compromised[c]!), p);
      this.#compromised[c]! += k;
      done += k;
    }
    return done;
  }

  delegation(region: number, delegates: number, grip: number, rng: Rng): RegionDelegation {
    const out: RegionDelegation = { loyal: 0, opposition: 0, uncommitted: new Array<number>(B).fill(0) };
    const total = this.count(region);
    if (total <= 0 || delegates <= 0) return out;
    let left = delegates;
    let mass = total;
    const base = region * this.#cohorts * S;
    for (let c = base; c < base + this.#cohorts * S && left > 0; c++) {
      const n = this.#count[c]!;
      if (n <= 0) continue;
      const k = rng.binomial(left, Math.min(1, n / mass));
      mass -= n;
      left -= k;
      if (k === 0) continue;
      const loyal = rng.binomial(k, Math.min(1, grip * (this.#loyaltySum[c]! / n)));
      const opp = rng.binomial(k - loyal, Math.min(1, this.#sympathisers[c]! / n));
      out.loyal += loyal;
      out.opposition += opp;
      out.uncommitted[slotBin((c - base) % S)]! += k - loyal - opp;
    }
    return out;
  }
}

/**
 * How many of `k` members taken from `n` come from a sub-group of `m`: `fixed` when the caller decides, else a
 * binomial stand-in for the hypergeometric draw, clamped to what is possible (k - (n - m) to min(k, m)).
 */
function fromSubgroup(k: number, n: number, m: number, fixed: number, share: number, rng: Rng): number {
  const lo = Math.max(0, k - (n - m));
  const hi = Math.min(k, m);
  return Math.min(hi, Math.max(lo, fixed >= 0 ? fixed : rng.binomial(Math.round(m), share)));
}
