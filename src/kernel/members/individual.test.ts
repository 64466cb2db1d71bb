import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng, streamState } from "../random/rng.ts";
import { AggregateMembers } from "./aggregate.ts";
import {
  BYTES_PER_ROW,
  CANDIDATE,
  COMPROMISED,
  IndividualMembers,
  type MemberTotals,
  SYMPATHISER,
  standardNormal,
} from "./individual.ts";
import { normalCdf } from "./normal.ts";
import { memberStoreCases } from "./store.cases.ts";
import { type Cohort, IDEOLOGY_BINS, type RecruitProfile } from "./store.ts";

memberStoreCases("individual", (regions, leaders) => new IndividualMembers(regions, leaders));

const profile = (over: Partial<RecruitProfile> = {}): RecruitProfile => ({
  ideology: 0,
  ideologySd: 0.3,
  loyalty: 0.6,
  literacy: 0.4,
  candidate: false,
  tie: -1,
  workerShare: 0.6,
  ...over,
});

const REGIONS = 3;
const LEADERS = 4;

type Op =
  | {
      kind: "admit";
      r: number;
      n: number;
      cohort: Cohort;
      ideology: number;
      sd: number;
      candidate: boolean;
      tie: number;
    }
  | { kind: "attrite" | "purge"; r: number; n: number }
  | { kind: "promote" | "demobilise" | "compile"; r: number; p: number }
  | { kind: "shift"; r: number; delta: number }
  | { kind: "mobilise"; r: number; platform: number; reach: number; p: number }
  | { kind: "delegation"; r: number; d: number; grip: number };

const region = fc.nat({ max: REGIONS - 1 });
// Probabilities both below and above the switch from geometric jumps to a full scan.
const prob = fc.oneof(
  fc.double({ min: 0, max: 0.12, noNaN: true }),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("admit" as const),
    r: region,
    n: fc.nat({ max: 4000 }),
    cohort: fc.constantFrom<Cohort>(0, 1, 2, 3),
    ideology: fc.double({ min: -1, max: 1, noNaN: true }),
    sd: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
    candidate: fc.boolean(),
    tie: fc.integer({ min: -1, max: LEADERS - 1 }),
  }),
  fc.record({
    kind: fc.constantFrom("attrite" as const, "purge" as const),
    r: region,
    n: fc.nat({ max: 3000 }),
  }),
  fc.record({
    kind: fc.constantFrom("promote" as const, "demobilise" as const, "compile" as const),
    r: region,
    p: prob,
  }),
  fc.record({
    kind: fc.constant("shift" as const),
    r: region,
    delta: fc.double({ min: -1, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("mobilise" as const),
    r: region,
    platform: fc.double({ min: -1, max: 1, noNaN: true }),
    reach: fc.double({ min: 0, max: 1, noNaN: true }),
    p: prob,
  }),
  fc.record({
    kind: fc.constant("delegation" as const),
    r: region,
    d: fc.nat({ max: 200 }),
    grip: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
);

function apply(s: IndividualMembers, op: Op, rng: Rng): void {
  switch (op.kind) {
    case "admit":
      s.admit(
        op.r,
        op.n,
        op.cohort,
        profile({ ideology: op.ideology, ideologySd: op.sd, candidate: op.candidate, tie: op.tie }),
        rng,
      );
      return;
    case "attrite":
      s.attrite(op.r, op.n, rng);
      return;
    case "purge":
      s.purge(op.r, op.n, rng);
      return;
    case "promote":
      s.promote(op.r, op.p, rng);
      return;
    case "demobilise":
      s.demobilise(op.r, op.p, rng);
      return;
    case "compile":
      s.compile(op.r, op.p, rng);
      return;
    case "shift":
      s.shiftOpinion(op.r, op.delta, rng);
      return;
    case "mobilise":
      s.mobilise(op.r, op.platform, op.reach, op.p, rng);
      return;
    case "delegation":
      s.delegation(op.r, op.d, op.grip, rng);
      return;
  }
}

/** Where the tracked totals part from the recount, or null when they agree (the line's sum to rounding). */
function mismatch(s: IndividualMembers): string | null {
  const tracked = s.totals();
  const counted = s.recount();
  for (const key of Object.keys(counted) as (keyof MemberTotals)[]) {
    const a = tracked[key];
    const b = counted[key];
    for (let i = 0; i < b.length; i++) {
      const tol = key === "ideologySum" ? 1e-9 * (1 + counted.count[i]!) : 0;
      if (!(Math.abs(a[i]! - b[i]!) <= tol)) return `${key}[${i}]: tracked ${a[i]}, recounted ${b[i]}`;
    }
  }
  let total = 0;
  for (let r = 0; r < s.regions; r++) total += counted.count[r]!;
  if (s.count() !== total) return `count(): ${s.count()} vs ${total}`;
  const leaders = counted.ties.length / s.regions;
  for (let l = 0; l < leaders; l++) {
    let ties = 0;
    for (let r = 0; r < s.regions; r++) ties += counted.ties[r * leaders + l]!;
    if (s.tiesTo(l) !== ties) return `tiesTo(${l}): ${s.tiesTo(l)} vs ${ties}`;
  }
  return null;
}

/** Every live row holds values its columns allow. */
function rowsValid(s: IndividualMembers): boolean {
  for (let r = 0; r < s.regions; r++) {
    const t = s.table(r);
    for (let i = 0; i < t.n; i++) {
      if (t.cohort[i]! > 3 || t.klass[i]! > 2 || t.flags[i]! > 7) return false;
      if (t.tie[i]! < -1 || t.tie[i]! >= LEADERS) return false;
      if (!(t.ideology[i]! >= -1 && t.ideology[i]! <= 1)) return false;
    }
  }
  return true;
}

function sameRows(a: IndividualMembers, b: IndividualMembers): boolean {
  for (let r = 0; r < a.regions; r++) {
    const x = a.table(r);
    const y = b.table(r);
    if (x.n !== y.n) return false;
    const cols = ["cohort", "klass", "literacy", "loyalty", "ideology", "tie", "flags"] as const;
    for (const c of cols) {
      const u = new Uint8Array(x[c].buffer, x[c].byteOffset, x.n * x[c].BYTES_PER_ELEMENT);
      const v = new Uint8Array(y[c].buffer, y[c].byteOffset, y.n * y[c].BYTES_PER_ELEMENT);
      if (!Buffer.from(u).equals(Buffer.from(v))) return false;
    }
  }
  return true;
}

describe("individual members: tracked totals against a from-scratch recount", () => {
  it("agree after every operation of any sequence", () => {
    fc.assert(
      fc.property(fc.nat(), fc.array(opArb, { maxLength: 60 }), (seed, ops) => {
        const s = new IndividualMembers(REGIONS, LEADERS, seed % 3 === 0 ? 0 : 5000);
        const rng = new Rng(streamState(seed, "recount"));
        for (const op of ops) {
          apply(s, op, rng);
          const bad = mismatch(s);
          if (bad) throw new Error(`after ${JSON.stringify(op)}: ${bad}`);
        }
        return rowsValid(s);
      }),
      { numRuns: 200 },
    );
  });
});

describe("individual members: the ziggurat's normal draws", () => {
  it("follow the standard normal law (moments, Kolmogorov-Smirnov, tails beyond the base layer)", () => {
    const rng = new Rng(streamState(9, "zig"));
    const n = 400_000;
    const xs = new Float64Array(n);
    let sum = 0;
    let squares = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) {
      const x = standardNormal(rng);
      xs[i] = x;
      sum += x;
      squares += x * x;
      if (Math.abs(x) > 3.442619855899) tail++;
    }
    // Sampling errors: mean 1/√n = 0.0016, variance √(2/n) = 0.0022; bounds at about 4 of them.
    expect(Math.abs(sum / n)).toBeLessThan(0.0065);
    expect(Math.abs(squares / n - 1)).toBeLessThan(0.009);
    xs.sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf(xs[i]!);
      d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    }
    // Kolmogorov-Smirnov critical value at α = 0.001.
    expect(d).toBeLessThan(1.949 / Math.sqrt(n));
    const expected = 2 * (1 - normalCdf(3.442619855899)) * n;
    expect(Math.abs(tail - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });
});

describe("individual members: the rules member by member", () => {
  it("admits with the profile's values and classes drawn by workerShare", () => {
    const s = new IndividualMembers(1, 3);
    const rng = new Rng(streamState(1, "a"));
    s.admit(
      0,
      100_000,
      1,
      profile({ loyalty: 0.6, literacy: 0.25, tie: 2, candidate: true, workerShare: 0.5 }),
      rng,
    );
    const t = s.table(0);
    const classes = [0, 0, 0];
    for (let i = 0; i < t.n; i++) classes[t.klass[i]!]!++;
    expect(classes[0]! / t.n).toBeCloseTo(0.5, 2);
    expect(classes[1]! / t.n).toBeCloseTo(0.25, 2);
    expect(classes[2]! / t.n).toBeCloseTo(0.25, 2);
    expect(t.loyalty[0]).toBe(153);
    expect(t.literacy[0]).toBe(64);
    expect(t.flags[0]).toBe(CANDIDATE);
    expect(s.meanLoyalty(0)).toBeCloseTo(0.6, 6);
    expect(s.candidates(0)).toBe(100_000);
    expect(s.tiesTo(2)).toBe(100_000);
    expect(s.cohortCount(0, 1)).toBe(100_000);
  });

  it("draws the line from a normal clamped to [-1, 1], in the same bins as the aggregate", () => {
    const ind = new IndividualMembers(1, 1);
    const agg = new AggregateMembers(1, 1);
    const rng = new Rng(streamState(2, "a"));
    const p = profile({ ideology: 0.7, ideologySd: 0.4 });
    ind.admit(0, 200_000, 2, p, rng);
    agg.admit(0, 200_000, 2, p, rng);
    const t = ind.table(0);
    let atEdge = 0;
    for (let i = 0; i < t.n; i++) if (t.ideology[i] === 1) atEdge++;
    // P(X > 1) for X ~ N(0.7, 0.4) is 1 - Φ(0.75) = 0.2266.
    expect(atEdge / t.n).toBeCloseTo(0.2266, 2);
    // Bin shares through delegations drawn with no grip: uncommitted delegates vote their bin.
    const a = ind.delegation(0, 100_000, 0, rng).uncommitted;
    const b = agg.delegation(0, 100_000, 0, rng).uncommitted;
    for (let bin = 0; bin < IDEOLOGY_BINS; bin++)
      expect(Math.abs(a[bin]! - b[bin]!) / 100_000).toBeLessThan(0.01);
  });

  it("delegates follow the secretary with probability grip × their own loyalty", () => {
    const s = new IndividualMembers(1, 1);
    const rng = new Rng(streamState(3, "d"));
    s.admit(0, 30_000, 0, profile({ loyalty: 0.2 }), rng);
    s.admit(0, 10_000, 2, profile({ loyalty: 1 }), rng);
    // Mean loyalty 0.4; with grip 0.5 the loyal share is 0.2.
    const d = s.delegation(0, 200_000, 0.5, rng);
    expect(d.loyal / 200_000).toBeCloseTo(0.2, 2);
    expect(d.opposition).toBe(0);
  });

  it("attrition removes members uniformly: every cohort loses the same share", () => {
    const s = new IndividualMembers(1, 2);
    const rng = new Rng(streamState(4, "t"));
    s.admit(0, 20_000, 0, profile({ tie: 0 }), rng);
    s.admit(0, 60_000, 2, profile({ tie: 1 }), rng);
    expect(s.attrite(0, 40_000, rng)).toBe(40_000);
    expect(s.cohortCount(0, 0) / 20_000).toBeCloseTo(0.5, 1);
    expect(s.tiesTo(1) / 60_000).toBeCloseTo(0.5, 1);
    expect(s.attrite(0, 1e9, rng)).toBe(40_000);
    expect(s.count()).toBe(0);
    expect(s.tiesTo(0) + s.tiesTo(1)).toBe(0);
  });

  it("purges sympathisers first, uniformly among them, then compromised files", () => {
    const s = new IndividualMembers(1, 1);
    const rng = new Rng(streamState(5, "p"));
    s.admit(0, 10_000, 0, profile({ ideology: -0.8, ideologySd: 0 }), rng);
    s.admit(0, 10_000, 2, profile({ ideology: -0.8, ideologySd: 0 }), rng);
    s.admit(0, 10_000, 2, profile({ ideology: 0.8, ideologySd: 0 }), rng);
    expect(s.mobilise(0, -0.8, 0.1, 1, rng)).toBe(20_000);
    expect(s.compile(0, 1, rng)).toBe(30_000);
    expect(s.purge(0, 10_000, rng)).toBe(10_000);
    expect(s.sympathisers(0)).toBe(10_000);
    // Uniform among the sympathisers: the two cohorts lose alike.
    expect(s.cohortCount(0, 0) / 10_000).toBeCloseTo(0.5, 1);
    expect(s.purge(0, 15_000, rng)).toBe(15_000);
    expect(s.sympathisers(0)).toBe(0);
    expect(s.count(0)).toBe(5_000);
    expect(s.purge(0, 10_000, rng)).toBe(5_000);
    const clean = new IndividualMembers(1, 1);
    clean.admit(0, 100, 2, profile(), rng);
    expect(clean.purge(0, 10, rng)).toBe(0);
  });

  it("Bernoulli passes act on each eligible member with probability p, by jumps and by scans alike", () => {
    for (const p of [0.003, 0.05, 0.099, 0.1, 0.4]) {
      let done = 0;
      let firstHalf = 0;
      const runs = 20;
      for (let seed = 0; seed < runs; seed++) {
        const s = new IndividualMembers(1, 1);
        const rng = new Rng(streamState(seed, `b${p}`));
        s.admit(0, 20_000, 2, profile({ ideology: -0.5, ideologySd: 0 }), rng);
        s.admit(0, 20_000, 2, profile({ ideology: 0.5, ideologySd: 0 }), rng);
        done += s.mobilise(0, -0.5, 0.2, p, rng);
        const t = s.table(0);
        for (let i = 0; i < 10_000; i++) if (t.flags[i]! & SYMPATHISER) firstHalf++;
      }
      const expected = runs * 20_000 * p;
      const sd = Math.sqrt(expected * (1 - p));
      expect(Math.abs(done - expected)).toBeLessThan(4 * sd + 1);
      expect(Math.abs(firstHalf - expected / 2)).toBeLessThan(4 * Math.sqrt(expected / 2) + 1);
    }
  });

  it("promotes, demobilises and compiles with probability p each", () => {
    const s = new IndividualMembers(1, 1);
    const rng = new Rng(streamState(6, "x"));
    s.admit(0, 100_000, 2, profile({ candidate: true, ideologySd: 0 }), rng);
    expect(s.promote(0, 0.01, rng) / 1000).toBeCloseTo(1, 1);
    expect(s.promote(0, 0.5, rng) / (0.5 * 99_000)).toBeCloseTo(1, 1);
    s.mobilise(0, 0, 0.1, 1, rng);
    expect(s.sympathisers(0)).toBe(100_000);
    expect(s.demobilise(0, 0.02, rng) / 2000).toBeCloseTo(1, 1);
    expect(s.compile(0, 0.3, rng) / 30_000).toBeCloseTo(1, 1);
    const t = s.table(0);
    let comp = 0;
    for (let i = 0; i < t.n; i++) if (t.flags[i]! & COMPROMISED) comp++;
    expect(comp).toBe(s.compromised(0));
  });

  it("rare flips follow the binomial law even when few are expected", () => {
    // 1,000 candidates promoted with p = 0.0005: P(none) = 0.9995^1000 = 0.6064 (a normal approximation of the
    // count would give about 0.5). 2,000 trials: standard error 0.011.
    let none = 0;
    const rng = new Rng(streamState(10, "few"));
    for (let trial = 0; trial < 2000; trial++) {
      const s = new IndividualMembers(1, 1);
      s.admit(0, 1000, 2, profile({ candidate: true, ideologySd: 0 }), rng);
      if (s.promote(0, 0.0005, rng) === 0) none++;
    }
    expect(Math.abs(none / 2000 - 0.6064)).toBeLessThan(0.045);
  });

  it("shifts every member's line, clamped at the ends", () => {
    const s = new IndividualMembers(1, 1);
    const rng = new Rng(streamState(7, "s"));
    s.admit(0, 1000, 2, profile({ ideology: 0.9, ideologySd: 0 }), rng);
    s.shiftOpinion(0, 0.3, rng);
    expect(s.meanIdeology(0)).toBe(1);
    s.shiftOpinion(0, -0.5, rng);
    expect(s.meanIdeology(0)).toBeCloseTo(0.5, 6);
  });

  it("grows tables by doubling, within 2 × 11 bytes per member", () => {
    const s = new IndividualMembers(2, 1, 1000);
    const rng = new Rng(streamState(8, "g"));
    for (let k = 0; k < 50; k++) s.admit(k % 2, 997, 2, profile(), rng);
    expect(s.count()).toBe(50 * 997);
    expect(s.allocatedBytes()).toBeLessThanOrEqual(2 * BYTES_PER_ROW * s.count());
    expect(mismatch(s)).toBeNull();
  });
});

describe("individual members: determinism at full scale", () => {
  const build = (seed: number) => {
    const s = new IndividualMembers(16, 20, 400_000);
    const rng = new Rng(streamState(seed, "full"));
    for (let r = 0; r < 16; r++) {
      s.admit(r, 25_000, (r % 3) as Cohort, profile({ ideology: r / 16 - 0.5, tie: r % 20 }), rng);
      s.admit(r, 5_000, 2, profile({ candidate: true, tie: (r + 1) % 20 }), rng);
    }
    for (let step = 0; step < 10; step++) {
      for (let r = 0; r < 16; r++) {
        s.attrite(r, 300, rng);
        s.admit(r, 400, 3, profile({ candidate: true }), rng);
        s.promote(r, 0.05, rng);
        s.mobilise(r, -0.3, 0.3, step % 2 ? 0.02 : 0.3, rng);
        s.compile(r, 0.01, rng);
        s.shiftOpinion(r, 0.01, rng);
        if (step % 3 === 2) s.purge(r, 500, rng);
        s.demobilise(r, 0.05, rng);
      }
    }
    return s;
  };

  it("the same seed gives identical rows and totals; another seed does not", () => {
    const a = build(11);
    const b = build(11);
    expect(a.count()).toBeGreaterThan(400_000);
    expect(sameRows(a, b)).toBe(true);
    expect(a.totals()).toEqual(b.totals());
    expect(mismatch(a)).toBeNull();
    expect(sameRows(a, build(12))).toBe(false);
  });
});
