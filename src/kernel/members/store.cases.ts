/**
 * The conformance suite every member store runs (as hono runs one suite per router). Each fidelity's test file
 * calls `memberStoreCases` with a factory.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng, streamState } from "../random/rng.ts";
import { type Cohort, IDEOLOGY_BINS, type MemberStore, type RecruitProfile } from "./store.ts";

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

type Op =
  | { kind: "admit"; r: number; n: number; cohort: Cohort; ideology: number; candidate: boolean; tie: number }
  | { kind: "attrite"; r: number; n: number }
  | { kind: "purge"; r: number; n: number }
  | { kind: "promote"; r: number; p: number }
  | { kind: "shift"; r: number; delta: number }
  | { kind: "mobilise"; r: number; platform: number; p: number }
  | { kind: "demobilise"; r: number; p: number }
  | { kind: "compile"; r: number; p: number };

const REGIONS = 3;
const LEADERS = 4;

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("admit" as const),
    r: fc.nat({ max: REGIONS - 1 }),
    n: fc.nat({ max: 3000 }),
    cohort: fc.constantFrom<Cohort>(0, 1, 2, 3),
    ideology: fc.double({ min: -1, max: 1, noNaN: true }),
    candidate: fc.boolean(),
    tie: fc.integer({ min: -1, max: LEADERS - 1 }),
  }),
  fc.record({
    kind: fc.constant("attrite" as const),
    r: fc.nat({ max: REGIONS - 1 }),
    n: fc.nat({ max: 2000 }),
  }),
  fc.record({
    kind: fc.constant("purge" as const),
    r: fc.nat({ max: REGIONS - 1 }),
    n: fc.nat({ max: 2000 }),
  }),
  fc.record({
    kind: fc.constant("promote" as const),
    r: fc.nat({ max: REGIONS - 1 }),
    p: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("shift" as const),
    r: fc.nat({ max: REGIONS - 1 }),
    delta: fc.double({ min: -0.6, max: 0.6, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("mobilise" as const),
    r: fc.nat({ max: REGIONS - 1 }),
    platform: fc.double({ min: -1, max: 1, noNaN: true }),
    p: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("demobilise" as const),
    r: fc.nat({ max: REGIONS - 1 }),
    p: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({
    kind: fc.constant("compile" as const),
    r: fc.nat({ max: REGIONS - 1 }),
    p: fc.double({ min: 0, max: 0.5, noNaN: true }),
  }),
);

/** Applies an operation; returns the change in membership it reports. */
function apply(s: MemberStore, op: Op, rng: Rng): number {
  switch (op.kind) {
    case "admit":
      s.admit(
        op.r,
        op.n,
        op.cohort,
        profile({ ideology: op.ideology, candidate: op.candidate, tie: op.tie }),
        rng,
      );
      return op.n;
    case "attrite":
      return -s.attrite(op.r, op.n, rng);
    case "purge":
      return -s.purge(op.r, op.n, rng);
    case "promote":
      s.promote(op.r, op.p, rng);
      return 0;
    case "shift":
      s.shiftOpinion(op.r, op.delta, rng);
      return 0;
    case "mobilise":
      s.mobilise(op.r, op.platform, 0.3, op.p, rng);
      return 0;
    case "demobilise":
      s.demobilise(op.r, op.p, rng);
      return 0;
    case "compile":
      s.compile(op.r, op.p, rng);
      return 0;
  }
}

export function memberStoreCases(
  name: string,
  make: (regions: number, leaders: number) => MemberStore,
): void {
  describe(`member store conformance: ${name}`, () => {
    it("conserves members through any sequence of operations, and sub-counts stay within bounds", () => {
      fc.assert(
        fc.property(fc.nat(), fc.array(opArb, { maxLength: 40 }), (seed, ops) => {
          const s = make(REGIONS, LEADERS);
          const rng = new Rng(streamState(seed, "conformance"));
          let expected = 0;
          for (const op of ops) {
            expected += apply(s, op, rng);
            for (let r = 0; r < REGIONS; r++) {
              const n = s.count(r);
              if (n < 0) return false;
              if (s.candidates(r) < -1e-9 || s.candidates(r) > n + 1e-9) return false;
              if (s.sympathisers(r) < -1e-9 || s.sympathisers(r) > n + 1e-9) return false;
              if (s.compromised(r) < -1e-9 || s.compromised(r) > n + 1e-9) return false;
              const cohorts = ([0, 1, 2, 3] as Cohort[]).reduce((a: number, c) => a + s.cohortCount(r, c), 0);
              if (Math.abs(cohorts - n) > 1e-6) return false;
              const m = s.meanIdeology(r);
              if (n > 0 && (m < -1 - 1e-9 || m > 1 + 1e-9)) return false;
            }
          }
          const total = Array.from({ length: REGIONS }, (_, r) => s.count(r)).reduce((a, b) => a + b, 0);
          return Math.abs(s.count() - expected) < 1e-6 && Math.abs(total - expected) < 1e-6;
        }),
        { numRuns: 150 },
      );
    });

    it("a delegation has exactly the delegates asked for, or none from an empty region", () => {
      fc.assert(
        fc.property(
          fc.nat(),
          fc.nat({ max: 5000 }),
          fc.nat({ max: 300 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (seed, n, d, grip) => {
            const s = make(REGIONS, LEADERS);
            const rng = new Rng(streamState(seed, "d"));
            s.admit(0, n, 1, profile(), rng);
            s.mobilise(0, 0, 0.5, 0.2, rng);
            const del = s.delegation(0, d, grip, rng);
            const sum = del.loyal + del.opposition + del.uncommitted.reduce((a, b) => a + b, 0);
            return del.uncommitted.length === IDEOLOGY_BINS && (n === 0 ? sum === 0 : sum === d);
          },
        ),
      );
    });

    it("a firmer grip and more loyal members give more loyal delegates", () => {
      const loyalShare = (grip: number, loyalty: number) => {
        let loyal = 0;
        for (let seed = 0; seed < 30; seed++) {
          const s = make(1, 1);
          const rng = new Rng(streamState(seed, "g"));
          s.admit(0, 10000, 2, profile({ loyalty }), rng);
          loyal += s.delegation(0, 100, grip, rng).loyal;
        }
        return loyal / 3000;
      };
      expect(loyalShare(0.9, 0.9)).toBeGreaterThan(loyalShare(0.3, 0.9) + 0.3);
      expect(Math.abs(loyalShare(0.5, 0.8) - 0.4)).toBeLessThan(0.05);
    });

    it("purges take opposition sympathisers first", () => {
      const s = make(1, 1);
      const rng = new Rng(streamState(1, "p"));
      s.admit(0, 10000, 2, profile({ ideology: -0.8, ideologySd: 0.05 }), rng);
      s.admit(0, 10000, 2, profile({ ideology: 0.8, ideologySd: 0.05 }), rng);
      const mobilised = s.mobilise(0, -0.8, 0.2, 0.5, rng);
      expect(mobilised).toBeGreaterThan(4000);
      const purged = s.purge(0, 1000, rng);
      expect(purged).toBe(1000);
      expect(s.sympathisers(0)).toBeCloseTo(mobilised - 1000, -1);
    });

    it("shifting opinion moves the mean line by about the shift", () => {
      const s = make(1, 1);
      const rng = new Rng(streamState(2, "s"));
      s.admit(0, 20000, 2, profile({ ideology: 0, ideologySd: 0.2 }), rng);
      const before = s.meanIdeology(0);
      s.shiftOpinion(0, -0.3, rng);
      expect(s.meanIdeology(0) - before).toBeCloseTo(-0.3, 1);
    });

    it("tracks members admitted under each leader's secretaries", () => {
      const s = make(2, 3);
      const rng = new Rng(streamState(3, "t"));
      s.admit(0, 500, 2, profile({ tie: 1 }), rng);
      s.admit(1, 300, 2, profile({ tie: 1 }), rng);
      s.admit(1, 200, 2, profile({ tie: 2 }), rng);
      expect(s.tiesTo(1)).toBe(800);
      expect(s.tiesTo(2)).toBe(200);
      s.attrite(1, 250, rng);
      expect(s.tiesTo(1) + s.tiesTo(2)).toBeGreaterThan(700);
      expect(s.tiesTo(1) + s.tiesTo(2)).toBeLessThanOrEqual(800);
    });
  });
}
