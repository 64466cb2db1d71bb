/**
 * Individual fidelity: every member is a row in typed arrays (struct-of-arrays), the card index itself.
 *
 * Each region keeps its own contiguous table, so the region is implicit and a region's operations cost
 * O(work), not O(party). Rows are removed by swap-remove (the last row moves into the hole) and tables grow by
 * doubling. Per-region totals (members, candidates, sympathisers, compromised files, loyalty and line sums,
 * cohorts, patron ties) are kept up to date on every change, so every query is O(1) or O(leaders);
 * `recount()` recomputes them from the rows for tests.
 *
 * The rules are those of the aggregate fidelity, applied member by member: the two must agree statistically.
 * Where a rule touches few members (attrition, promotion, rare flags) the work is O(members touched), not a
 * scan: rows are drawn at random, a batch of indices ahead of the reads so cache misses overlap.
 *
 * A row is 11 bytes: cohort, class, literacy, loyalty and flags one byte each, the line a float32, the patron
 * tie an int16.
 *
 * @example
 * const members = new IndividualMembers(16, 20, 500_000);
 * members.admit(0, 1000, 2, profile, rng);
 * members.delegation(0, 40, 0.8, rng); // { loyal, opposition, uncommitted[8] }
 */
import type { Rng } from "../random/rng.ts";
import {
  binOf,
  IDEOLOGY_BINS,
  type MemberStore,
  type RecruitProfile,
  type RegionDelegation,
} from "./store.ts";

/** Flag bits of a row. */
export const CANDIDATE = 1;
export const SYMPATHISER = 2;
export const COMPROMISED = 4;

/** Class of a member (the `klass` column). */
export const CLASSES = ["worker", "peasant", "employee"] as const;

/** Bytes one row takes across all columns. */
export const BYTES_PER_ROW = 1 + 1 + 1 + 1 + 4 + 2 + 1;

/** number columns kept in the totals: the most cohorts a scenario may name (cohorts are a byte per row). */
export const MAX_COHORTS = 16;
const C = MAX_COHORTS;
/**
 * Below this probability, a per-member Bernoulli(p) pass visits about n p random rows (count then choose, or
 * geometric jumps between successes) instead of scanning all n with a draw for each eligible member.
 */
const SKIP_BELOW = 0.25;

/** One region's rows, struct-of-arrays; rows [0, n) are live. */
export interface MemberTable {
  n: number;
  cap: number;
  cohort: Uint8Array;
  /** 0 worker, 1 peasant, 2 employee. */
  klass: Uint8Array;
  /** Political literacy, quantised: value / 255. */
  literacy: Uint8Array;
  /** Readiness to follow the apparatus, quantised: value / 255. */
  loyalty: Uint8Array;
  ideology: Float32Array;
  /** Leader whose secretary admitted the member, -1 none. */
  tie: Int16Array;
  /** CANDIDATE | SYMPATHISER | COMPROMISED bits. */
  flags: Uint8Array;
}

/** Per-region totals, as tracked or as recounted (arrays indexed by region; cohorts by region*4+cohort). */
export interface MemberTotals {
  count: Float64Array;
  candidates: Float64Array;
  sympathisers: Float64Array;
  compromised: Float64Array;
  /** Sum of quantised loyalty (0..255 per member). */
  loyaltySum: Float64Array;
  ideologySum: Float64Array;
  cohorts: Float64Array;
  /** ties[region * leaders + leader]. */
  ties: Float64Array;
}

function emptyTable(cap: number): MemberTable {
  return {
    n: 0,
    cap,
    cohort: new Uint8Array(cap),
    klass: new Uint8Array(cap),
    literacy: new Uint8Array(cap),
    loyalty: new Uint8Array(cap),
    ideology: new Float32Array(cap),
    tie: new Int16Array(cap),
    flags: new Uint8Array(cap),
  };
}

function emptyTotals(regions: number, leaders: number): MemberTotals {
  return {
    count: new Float64Array(regions),
    candidates: new Float64Array(regions),
    sympathisers: new Float64Array(regions),
    compromised: new Float64Array(regions),
    loyaltySum: new Float64Array(regions),
    ideologySum: new Float64Array(regions),
    cohorts: new Float64Array(regions * C),
    ties: new Float64Array(regions * leaders),
  };
}

function quantise(x: number): number {
  return Math.round((x < 0 ? 0 : x > 1 ? 1 : x) * 255);
}

/**
 * Class of rows [start, end): worker with probability `ws`, the rest split evenly between peasants and employees.
 * One uniform serves four members: once a class is chosen, u's position inside the class's interval, rescaled,
 * is again uniform on [0, 1) and independent of the choice (each use spends a few of its 53 bits).
 */
function drawClasses(klass: Uint8Array, start: number, end: number, ws: number, rng: Rng): void {
  const pb = ws + (1 - ws) / 2;
  let u = 0;
  for (let i = start; i < end; i++) {
    if ((i - start) % 4 === 0) u = rng.float();
    if (u < ws) {
      klass[i] = 0;
      u = u / ws;
    } else if (u < pb) {
      klass[i] = 1;
      u = (u - ws) / (pb - ws);
    } else {
      klass[i] = 2;
      u = (u - pb) / (1 - pb);
    }
  }
}

// Ziggurat tables for standard normal draws (Doornik's ZIGNOR, 128 layers): layer i spans x in [X[i+1], X[i]].
const ZIG_LAYERS = 128;
const ZIG_R = 3.442619855899;
const ZIG_V = 9.91256303526217e-3;
const ZIG_X = new Float64Array(ZIG_LAYERS + 1);
const ZIG_RATIO = new Float64Array(ZIG_LAYERS);
{
  let f = Math.exp(-0.5 * ZIG_R * ZIG_R);
  ZIG_X[0] = ZIG_V / f;
  ZIG_X[1] = ZIG_R;
  for (let i = 2; i < ZIG_LAYERS; i++) {
    ZIG_X[i] = Math.sqrt(-2 * Math.log(ZIG_V / ZIG_X[i - 1]! + f));
    f = Math.exp(-0.5 * ZIG_X[i]! * ZIG_X[i]!);
  }
  for (let i = 0; i < ZIG_LAYERS; i++) ZIG_RATIO[i] = ZIG_X[i + 1]! / ZIG_X[i]!;
}

/**
 * A standard normal draw by the ziggurat method (Doornik 2005): about one uniform per draw, against two and a
 * logarithm for Box-Muller or the polar method. One uniform carries 53 random bits: the top 7 pick the layer,
 * the other 46 the position in it.
 */
export function standardNormal(rng: Rng): number {
  for (;;) {
    const w = rng.float() * ZIG_LAYERS;
    const layer = w | 0;
    const u = 2 * (w - layer) - 1;
    if (Math.abs(u) < ZIG_RATIO[layer]!) return u * ZIG_X[layer]!;
    if (layer === 0) return normalTail(u < 0, rng);
    const x = u * ZIG_X[layer]!;
    const f0 = Math.exp(-0.5 * (ZIG_X[layer]! * ZIG_X[layer]! - x * x));
    const f1 = Math.exp(-0.5 * (ZIG_X[layer + 1]! * ZIG_X[layer + 1]! - x * x));
    if (f1 + rng.float() * (f0 - f1) < 1) return x;
  }
}

/** A standard normal draw beyond ±ZIG_R (Marsaglia's tail method). */
function normalTail(negative: boolean, rng: Rng): number {
  let x: number;
  let y: number;
  do {
    x = Math.log(1 - rng.float()) / ZIG_R;
    y = Math.log(1 - rng.float());
  } while (-2 * y < x * x);
  return negative ? x - ZIG_R : ZIG_R - x;
}

/** Lines of rows [start, end) ~ Normal(mean, sd) clamped to [-1, 1]; returns their sum. */
function drawLines(
  ideo: Float32Array,
  start: number,
  end: number,
  mean: number,
  sd: number,
  rng: Rng,
): number {
  if (!(sd > 0)) {
    const x = Math.fround(mean < -1 ? -1 : mean > 1 ? 1 : mean);
    ideo.fill(x, start, end);
    return x * (end - start);
  }
  let sum = 0;
  for (let i = start; i < end; i++) {
    let x = Math.fround(mean + sd * standardNormal(rng));
    x = x < -1 ? -1 : x > 1 ? 1 : x;
    ideo[i] = x;
    sum += x;
  }
  return sum;
}

/** Random row indices are drawn this many at a time, before the rows are visited (see `flipByRejection`). */
const BATCH = 512;

/** Slots of the accumulator `removeRows` fills: what the removed rows held. */
const R_CANDIDATES = 0;
const R_SYMPATHISERS = 1;
const R_COMPROMISED = 2;
const R_LOYALTY = 3;
const R_IDEOLOGY = 4;
const R_COHORTS = 5;
const R_TIES = R_COHORTS + C;

/**
 * Swap-removes rows `idx[0..count)` of a table, in that order (each index must be live when its turn comes),
 * adding what they held to `acc` (R_* slots).
 */
function removeRows(t: MemberTable, idx: Int32Array, count: number, acc: Float64Array): void {
  const { cohort, klass, literacy, loyalty, ideology, tie, flags } = t;
  let n = t.n;
  for (let j = 0; j < count; j++) {
    const i = idx[j]!;
    const f = flags[i]!;
    acc[R_CANDIDATES]! += f & CANDIDATE;
    acc[R_SYMPATHISERS]! += (f & SYMPATHISER) >> 1;
    acc[R_COMPROMISED]! += (f & COMPROMISED) >> 2;
    acc[R_LOYALTY]! += loyalty[i]!;
    acc[R_IDEOLOGY]! += ideology[i]!;
    acc[R_COHORTS + cohort[i]!]!++;
    const patron = tie[i]!;
    if (patron >= 0) acc[R_TIES + patron]!++;
    const last = --n;
    cohort[i] = cohort[last]!;
    klass[i] = klass[last]!;
    literacy[i] = literacy[last]!;
    loyalty[i] = loyalty[last]!;
    ideology[i] = ideology[last]!;
    tie[i] = tie[last]!;
    flags[i] = flags[last]!;
  }
  t.n = n;
}

/** Each row with `(flags & bit) === want` flips `bit` with probability `p`, by a scan; returns how many. */
function flipByScan(flags: Uint8Array, n: number, bit: number, want: number, p: number, rng: Rng): number {
  let done = 0;
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    if ((f & bit) === want && rng.float() < p) {
      flags[i] = f ^ bit;
      done++;
    }
  }
  return done;
}

/**
 * Flips `bit` on `k` distinct rows drawn uniformly among the `eligible` rows with `(flags & bit) === want`:
 * rows are drawn at random until an eligible one turns up, which makes a uniform sample because a flipped row
 * is no longer eligible. Returns the rows drawn. Indices are drawn a batch at a time before the rows are read,
 * so the reads do not wait on each other (a random row is a cache miss).
 */
function flipByRejection(
  flags: Uint8Array,
  n: number,
  bit: number,
  want: number,
  k: number,
  eligible: number,
  idx: Int32Array,
  rng: Rng,
): number {
  let done = 0;
  let draws = 0;
  while (done < k) {
    // About (k - done) n / (eligible - done) draws are still needed; draw a few more than that, not many.
    const expected = ((k - done) * n) / Math.max(1, eligible - done);
    const m = Math.min(idx.length, Math.ceil(expected * 1.1) + 4);
    for (let j = 0; j < m; j++) idx[j] = Math.floor(rng.float() * n);
    for (let j = 0; j < m; j++) {
      const i = idx[j]!;
      const f = flags[i]!;
      if ((f & bit) === want) {
        flags[i] = f ^ bit;
        if (++done === k) return draws + j + 1;
      }
    }
    draws += m;
  }
  return draws;
}

/**
 * Binomial(n, p). Few expected successes: exactly, by waiting times (geometric gaps between successes, O(n p)
 * draws). Many: `Rng.binomial`, whose normal approximation is then close (skewness below 0.07).
 */
function binomialCount(n: number, p: number, rng: Rng): number {
  if (n * p >= 200) return rng.binomial(n, p);
  const lq = Math.log1p(-p);
  let k = 0;
  let i = Math.floor(Math.log(1 - rng.float()) / lq);
  while (i < n) {
    k++;
    i += 1 + Math.floor(Math.log(1 - rng.float()) / lq);
  }
  return k;
}

/** Gathers the rows with `(flags & bit) === want` into `pool`; returns how many. */
function gather(flags: Uint8Array, n: number, bit: number, want: number, pool: Int32Array): number {
  let m = 0;
  for (let i = 0; i < n; i++) if ((flags[i]! & bit) === want) pool[m++] = i;
  return m;
}

/** Partial Fisher-Yates: the first `take` of `pool[0..m)` become a uniform sample without replacement. */
function sampleFront(pool: Int32Array, m: number, take: number, rng: Rng): void {
  for (let j = 0; j < take; j++) {
    const s = j + Math.floor(rng.float() * (m - j));
    const x = pool[s]!;
    pool[s] = pool[j]!;
    pool[j] = x;
  }
}

/** Moves every line by `delta`, clamped to [-1, 1]; returns the new sum. */
function shiftLines(ideo: Float32Array, n: number, delta: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let x = Math.fround(ideo[i]! + delta);
    x = x < -1 ? -1 : x > 1 ? 1 : x;
    ideo[i] = x;
    sum += x;
  }
  return sum;
}

/** Non-sympathisers within `reach` of the platform become sympathisers with probability `p`, by a scan. */
function mobiliseByScan(
  flags: Uint8Array,
  ideo: Float32Array,
  n: number,
  platform: number,
  reach: number,
  p: number,
  rng: Rng,
): number {
  let done = 0;
  for (let i = 0; i < n; i++) {
    const f = flags[i]!;
    if (f & SYMPATHISER) continue;
    const d = ideo[i]! - platform;
    if (d <= reach && d >= -reach && rng.float() < p) {
      flags[i] = f | SYMPATHISER;
      done++;
    }
  }
  return done;
}

/**
 * The same law at O(n p): how many members are eligible is not tracked, so every member gets a Bernoulli(p)
 * trial, drawn by jumping from success to success (geometric gaps), and only eligible members act on one.
 * Writes the successes and the members turned into `out[0]` and `out[1]`.
 */
function mobiliseBySkips(
  flags: Uint8Array,
  ideo: Float32Array,
  n: number,
  platform: number,
  reach: number,
  p: number,
  rng: Rng,
  out: Float64Array,
): void {
  const lq = Math.log1p(-p);
  let hits = 0;
  let done = 0;
  let i = Math.floor(Math.log(1 - rng.float()) / lq);
  while (i < n) {
    hits++;
    const f = flags[i]!;
    const d = ideo[i]! - platform;
    if (!(f & SYMPATHISER) && d <= reach && d >= -reach) {
      flags[i] = f | SYMPATHISER;
      done++;
    }
    i += 1 + Math.floor(Math.log(1 - rng.float()) / lq);
  }
  out[0] = hits;
  out[1] = done;
}

export class IndividualMembers implements MemberStore {
  readonly fidelity = "individual" as const;
  readonly regions: number;
  /**
   * Member rows read or written by member operations since construction (a row touched by one operation
   * counts once; a swap-remove touches two rows). For benchmarks only.
   */
  rowsTouched = 0;
  readonly #leaders: number;
  readonly #tables: MemberTable[];
  readonly #t: MemberTotals;
  readonly #tiesAll: Float64Array;
  #total = 0;
  /** Row indices gathered by purges and large flips, reused across calls. */
  #scratch = new Int32Array(0);
  /** Row indices drawn ahead of the visits (attrition, rare flips). */
  readonly #batch = new Int32Array(BATCH);
  /** What removed rows held (R_* slots). */
  readonly #removed: Float64Array;
  readonly #out = new Float64Array(2);
  /** First allocation of a region's table: an even share of the expected party. */
  readonly #firstCap: number;

  /**
   * @param capacity expected number of members in the whole party (a hint: tables still grow past it).
   */
  constructor(regions: number, leaders: number, capacity = 0, cohorts = 4) {
    if (cohorts > MAX_COHORTS) throw new RangeError(`at most ${MAX_COHORTS} cohorts, got ${cohorts}`);
    if (leaders > 32767) throw new RangeError("patron ties are int16: at most 32767 leaders");
    this.regions = regions;
    this.#leaders = leaders;
    this.#firstCap = Math.max(16, Math.ceil(capacity / Math.max(1, regions)));
    this.#tables = Array.from({ length: regions }, () => emptyTable(0));
    this.#t = emptyTotals(regions, leaders);
    this.#tiesAll = new Float64Array(leaders);
    this.#removed = new Float64Array(R_TIES + leaders);
  }

  clone(): IndividualMembers {
    const c = new IndividualMembers(this.regions, this.#leaders, this.#firstCap * this.regions);
    c.#tables.splice(0, c.#tables.length, ...structuredClone(this.#tables));
    for (const k of Object.keys(this.#t) as (keyof MemberTotals)[]) c.#t[k].set(this.#t[k]);
    c.#tiesAll.set(this.#tiesAll);
    c.#total = this.#total;
    return c;
  }

  // ---- queries: O(1) or O(leaders) ----

  count(region?: number): number {
    return region === undefined ? this.#total : this.#t.count[region]!;
  }

  cohortCount(region: number, cohort: number): number {
    return this.#t.cohorts[region * C + cohort]!;
  }

  candidates(region: number): number {
    return this.#t.candidates[region]!;
  }

  meanLoyalty(region: number): number {
    const n = this.#t.count[region]!;
    return n > 0 ? this.#t.loyaltySum[region]! / (255 * n) : 0;
  }

  meanIdeology(region: number): number {
    const n = this.#t.count[region]!;
    if (n <= 0) return 0;
    const m = this.#t.ideologySum[region]! / n;
    // Rounding in the running sum must not push the mean outside the line's range.
    return m < -1 ? -1 : m > 1 ? 1 : m;
  }

  sympathisers(region: number): number {
    return this.#t.sympathisers[region]!;
  }

  compromised(region: number): number {
    return this.#t.compromised[region]!;
  }

  tiesTo(leader: number): number {
    return this.#tiesAll[leader]!;
  }

  // ---- inspection (tests, benchmarks) ----

  /** A region's table; rows [0, n) are live. Read it, do not write it (the totals would go stale). */
  table(region: number): Readonly<MemberTable> {
    return this.#tables[region]!;
  }

  /** Copies of the incrementally tracked totals. */
  totals(): MemberTotals {
    const t = this.#t;
    return {
      count: t.count.slice(),
      candidates: t.candidates.slice(),
      sympathisers: t.sympathisers.slice(),
      compromised: t.compromised.slice(),
      loyaltySum: t.loyaltySum.slice(),
      ideologySum: t.ideologySum.slice(),
      cohorts: t.cohorts.slice(),
      ties: t.ties.slice(),
    };
  }

  /** The same totals recounted from scratch over every row (the oracle for the tracked ones). */
  recount(): MemberTotals {
    const out = emptyTotals(this.regions, this.#leaders);
    const L = this.#leaders;
    for (let r = 0; r < this.regions; r++) {
      const t = this.#tables[r]!;
      let cand = 0;
      let symp = 0;
      let comp = 0;
      let loy = 0;
      let ideo = 0;
      for (let i = 0; i < t.n; i++) {
        const f = t.flags[i]!;
        if (f & CANDIDATE) cand++;
        if (f & SYMPATHISER) symp++;
        if (f & COMPROMISED) comp++;
        loy += t.loyalty[i]!;
        ideo += t.ideology[i]!;
        out.cohorts[r * C + t.cohort[i]!]!++;
        const tie = t.tie[i]!;
        if (tie >= 0) out.ties[r * L + tie]!++;
      }
      out.count[r] = t.n;
      out.candidates[r] = cand;
      out.sympathisers[r] = symp;
      out.compromised[r] = comp;
      out.loyaltySum[r] = loy;
      out.ideologySum[r] = ideo;
    }
    return out;
  }

  /** Bytes of typed arrays allocated for rows (capacity, not just live rows). */
  allocatedBytes(): number {
    let rows = 0;
    for (const t of this.#tables) rows += t.cap;
    return rows * BYTES_PER_ROW + this.#scratch.byteLength;
  }

  // ---- operations ----

  admit(region: number, n: number, cohort: number, p: RecruitProfile, rng: Rng): void {
    if (n <= 0) return;
    // Profiles come from many call sites (many object shapes): read them once, outside the row loops.
    const loy = quantise(p.loyalty);
    const lit = quantise(p.literacy);
    const flag = p.candidate ? CANDIDATE : 0;
    const tie = p.tie >= 0 ? p.tie : -1;
    const t = this.#reserve(region, n);
    const start = t.n;
    const end = start + n;
    t.cohort.fill(cohort, start, end);
    t.loyalty.fill(loy, start, end);
    t.literacy.fill(lit, start, end);
    t.flags.fill(flag, start, end);
    t.tie.fill(tie, start, end);
    drawClasses(t.klass, start, end, p.workerShare, rng);
    const sum = drawLines(t.ideology, start, end, p.ideology, p.ideologySd, rng);
    t.n = end;
    const tt = this.#t;
    tt.count[region]! += n;
    if (flag) tt.candidates[region]! += n;
    tt.loyaltySum[region]! += loy * n;
    tt.ideologySum[region]! += sum;
    tt.cohorts[region * C + cohort]! += n;
    if (tie >= 0) {
      tt.ties[region * this.#leaders + tie]! += n;
      this.#tiesAll[tie]! += n;
    }
    this.#total += n;
    this.rowsTouched += n;
  }

  attrite(region: number, n: number, rng: Rng): number {
    const t = this.#tables[region]!;
    const k = Math.min(Math.max(0, Math.floor(n)), t.n);
    // k distinct rows uniformly at random: each swap-remove of a row drawn from the rows left keeps the survivors
    // in [0, n). The draw for each step only needs the table's size then, so a batch is drawn ahead.
    const idx = this.#batch;
    const acc = this.#removed.fill(0);
    for (let done = 0; done < k; ) {
      const m = Math.min(idx.length, k - done);
      const size = t.n;
      for (let j = 0; j < m; j++) idx[j] = Math.floor(rng.float() * (size - j));
      removeRows(t, idx, m, acc);
      done += m;
    }
    this.#subtractRemoved(region, k);
    return k;
  }

  purge(region: number, n: number, rng: Rng): number {
    let left = Math.min(Math.max(0, Math.floor(n)), this.#tables[region]!.n);
    const want = left;
    // Sympathisers first, then compromised files.
    left -= this.#purgeFlagged(region, SYMPATHISER, left, rng);
    if (left > 0) left -= this.#purgeFlagged(region, COMPROMISED, left, rng);
    return want - left;
  }

  /** Removes up to `k` rows carrying `bit`, chosen uniformly among them; returns how many. */
  #purgeFlagged(region: number, bit: number, k: number, rng: Rng): number {
    const t = this.#tables[region]!;
    const take = this.#choose(t, bit, bit, k, rng);
    if (take === 0) return 0;
    // Removing from the highest row down keeps the rows still to go where they are: the row moved into a hole
    // always comes from above every remaining target.
    const chosen = this.#scratch.subarray(0, take).sort().reverse();
    removeRows(t, chosen, take, this.#removed.fill(0));
    this.#subtractRemoved(region, take);
    return take;
  }

  /**
   * Puts a uniform sample of up to `k` distinct rows with `(flags & bit) === want` in the scratch buffer's first
   * slots (gather, then a partial Fisher-Yates shuffle); returns the sample's size.
   */
  #choose(t: MemberTable, bit: number, want: number, k: number, rng: Rng): number {
    if (k <= 0 || t.n === 0) return 0;
    if (this.#scratch.length < t.n) this.#scratch = new Int32Array(Math.max(t.n, 2 * this.#scratch.length));
    const m = gather(t.flags, t.n, bit, want, this.#scratch);
    this.rowsTouched += t.n;
    const take = Math.min(k, m);
    sampleFront(this.#scratch, m, take, rng);
    return take;
  }

  promote(region: number, p: number, rng: Rng): number {
    const done = this.#flip(region, CANDIDATE, CANDIDATE, this.#t.candidates[region]!, p, rng);
    this.#t.candidates[region]! -= done;
    return done;
  }

  demobilise(region: number, p: number, rng: Rng): number {
    const done = this.#flip(region, SYMPATHISER, SYMPATHISER, this.#t.sympathisers[region]!, p, rng);
    this.#t.sympathisers[region]! -= done;
    return done;
  }

  compile(region: number, p: number, rng: Rng): number {
    const clean = this.#t.count[region]! - this.#t.compromised[region]!;
    const done = this.#flip(region, COMPROMISED, 0, clean, p, rng);
    this.#t.compromised[region]! += done;
    return done;
  }

  /**
   * Each of the `eligible` rows with `(flags & bit) === want` flips `bit` with probability `p`; returns how many
   * flipped (the caller updates the totals).
   */
  #flip(region: number, bit: number, want: number, eligible: number, p: number, rng: Rng): number {
    if (!(p > 0) || eligible <= 0) return 0;
    const t = this.#tables[region]!;
    if (p >= SKIP_BELOW) {
      this.rowsTouched += t.n;
      return flipByScan(t.flags, t.n, bit, want, p, rng);
    }
    // Rare flips: draw how many, then which: about n p random rows instead of a scan.
    const k = binomialCount(eligible, p, rng);
    if (k > eligible / 2) {
      const take = this.#choose(t, bit, want, k, rng);
      const chosen = this.#scratch;
      for (let j = 0; j < take; j++) t.flags[chosen[j]!]! ^= bit;
      return take;
    }
    this.rowsTouched += flipByRejection(t.flags, t.n, bit, want, k, eligible, this.#batch, rng);
    return k;
  }

  shiftOpinion(region: number, delta: number, _rng: Rng): void {
    if (delta === 0) return;
    const t = this.#tables[region]!;
    this.#t.ideologySum[region] = shiftLines(t.ideology, t.n, delta);
    this.rowsTouched += t.n;
  }

  mobilise(region: number, platform: number, reach: number, p: number, rng: Rng): number {
    if (!(p > 0)) return 0;
    const t = this.#tables[region]!;
    let done: number;
    if (p < SKIP_BELOW) {
      mobiliseBySkips(t.flags, t.ideology, t.n, platform, reach, p, rng, this.#out);
      this.rowsTouched += this.#out[0]!;
      done = this.#out[1]!;
    } else {
      done = mobiliseByScan(t.flags, t.ideology, t.n, platform, reach, p, rng);
      this.rowsTouched += t.n;
    }
    this.#t.sympathisers[region]! += done;
    return done;
  }

  delegation(region: number, delegates: number, grip: number, rng: Rng): RegionDelegation {
    const out: RegionDelegation = {
      loyal: 0,
      opposition: 0,
      uncommitted: new Array<number>(IDEOLOGY_BINS).fill(0),
    };
    const t = this.#tables[region]!;
    const n = t.n;
    if (n <= 0 || delegates <= 0) return out;
    const g = grip / 255;
    // Each delegate is a member drawn uniformly (with replacement); he follows the secretary with probability
    // grip × loyalty, else backs the opposition if a sympathiser, else votes his line's bin.
    for (let d = 0; d < delegates; d++) {
      const i = Math.floor(rng.float() * n);
      if (rng.float() < g * t.loyalty[i]!) out.loyal++;
      else if (t.flags[i]! & SYMPATHISER) out.opposition++;
      else out.uncommitted[binOf(t.ideology[i]!)]!++;
    }
    this.rowsTouched += delegates;
    return out;
  }

  // ---- rows ----

  /** The region's table with room for `extra` more rows (capacity doubles, typed-array copy). */
  #reserve(region: number, extra: number): MemberTable {
    const t = this.#tables[region]!;
    const need = t.n + extra;
    if (need <= t.cap) return t;
    const cap = Math.max(need, t.cap === 0 ? this.#firstCap : 2 * t.cap);
    const g = emptyTable(cap);
    g.n = t.n;
    g.cohort.set(t.cohort.subarray(0, t.n));
    g.klass.set(t.klass.subarray(0, t.n));
    g.literacy.set(t.literacy.subarray(0, t.n));
    g.loyalty.set(t.loyalty.subarray(0, t.n));
    g.ideology.set(t.ideology.subarray(0, t.n));
    g.tie.set(t.tie.subarray(0, t.n));
    g.flags.set(t.flags.subarray(0, t.n));
    this.#tables[region] = g;
    return g;
  }

  /** Takes `k` removed rows, whose contents `removeRows` summed into the accumulator, off a region's totals. */
  #subtractRemoved(region: number, k: number): void {
    const tt = this.#t;
    const acc = this.#removed;
    tt.count[region]! -= k;
    tt.candidates[region]! -= acc[R_CANDIDATES]!;
    tt.sympathisers[region]! -= acc[R_SYMPATHISERS]!;
    tt.compromised[region]! -= acc[R_COMPROMISED]!;
    tt.loyaltySum[region]! -= acc[R_LOYALTY]!;
    tt.ideologySum[region]! -= acc[R_IDEOLOGY]!;
    for (let c = 0; c < C; c++) tt.cohorts[region * C + c]! -= acc[R_COHORTS + c]!;
    const L = this.#leaders;
    for (let l = 0; l < L; l++) {
      const ties = acc[R_TIES + l]!;
      if (ties === 0) continue;
      tt.ties[region * L + l]! -= ties;
      this.#tiesAll[l]! -= ties;
    }
    this.#total -= k;
    this.rowsTouched += 2 * k;
  }
}
