import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import type { CompiledScenario } from "../../scenario/compile.ts";
import { yearsPerTick } from "../calendar.ts";
import { Model, runScenario } from "../engine.ts";
import type { EnrolmentEvent } from "../events.ts";
import { createWorld, type World } from "../world.ts";
import { enrolment, shareUnder } from "./enrolment.ts";
import { kill } from "./health.ts";
import { legacy } from "./legacy.ts";

const sc = bolshevik();
const gs = personIndex(sc, "stalin");
const ticksPerYear = 1 / yearsPerTick(sc.clock);

function enrolled(w: World): number {
  let s = 0;
  for (let r = 0; r < w.regions.length; r++) s += w.members.cohortCount(r, sc.campaignCohort);
  return s;
}

function candidates(w: World): number {
  let s = 0;
  for (let r = 0; r < w.regions.length; r++) s += w.members.candidates(r);
  return s;
}

function launches(w: World): EnrolmentEvent[] {
  return w.events.filter((e): e is EnrolmentEvent => e.type === "enrolment");
}

/** A world in which every regional secretary answers to the General Secretary. */
function heldWorld(s: CompiledScenario, seed: number): World {
  const w = createWorld(s, seed);
  for (const r of w.regions) r.secretaryPatron = gs;
  return w;
}

/** Steps only the enrolment mechanism from tick `from` while `go` holds, up to `ticks` ticks. */
function stepEnrolment(w: World, from: number, ticks: number, go: () => boolean = () => true): void {
  for (let t = from; t < from + ticks && go(); t++) {
    w.tick = t;
    enrolment.step(w);
  }
}

describe("mass enrolment", () => {
  it("launches no campaign while the appointer's share of members is below launchShare, even in mourning", () => {
    const { launchShare } = sc.params.enrolment;
    for (let seed = 0; seed < 10; seed++) {
      const w = createWorld(sc, seed);
      // Hand him regions while his share stays just under the threshold.
      for (const reg of w.regions) {
        const was = reg.secretaryPatron;
        reg.secretaryPatron = gs;
        if (shareUnder(w, gs) >= launchShare) reg.secretaryPatron = was;
      }
      expect(shareUnder(w, gs)).toBeLessThan(launchShare);
      expect(shareUnder(w, gs)).toBeGreaterThan(launchShare - 0.1);
      w.founderDeathTick = 0; // the mourning boost would otherwise make a launch near certain
      stepEnrolment(w, 0, 5 * 52);
      expect(launches(w)).toEqual([]);
      expect(w.campaign).toBeNull();
      expect(enrolled(w)).toBe(0);
    }
  });

  it("above launchShare a campaign launches after a wait of about 1 / launchPerYear years", () => {
    const { launchPerYear } = sc.params.enrolment;
    const waits: number[] = [];
    for (let seed = 0; seed < 40; seed++) {
      const w = heldWorld(sc, seed);
      expect(shareUnder(w, gs)).toBe(1);
      stepEnrolment(w, 0, 30 * 52, () => launches(w).length === 0);
      const first = launches(w)[0];
      waits.push(first ? (first.tick + 1) / ticksPerYear : 30);
    }
    const mean = waits.reduce((a, b) => a + b, 0) / waits.length;
    // The mean of 40 exponential waits lies within 40% of its expectation (about 2.5 standard errors).
    expect(Math.abs(mean - 1 / launchPerYear)).toBeLessThan(0.4 / launchPerYear);
  });

  it("a campaign brings in about campaignShare × membership candidates in the enrolment cohort over campaignWeeks", () => {
    const { campaignShare, campaignWeeks } = sc.params.enrolment;
    const ticks = Math.round((campaignWeeks * 7) / sc.clock.tickDays);
    for (const seed of [1, 2, 3]) {
      const w = heldWorld(sc, seed);
      stepEnrolment(w, 0, 30 * 52, () => launches(w).length === 0);
      const [e] = launches(w);
      expect(e).toBeDefined();
      const members = w.members.count();
      expect(e!.by).toBe("stalin");
      expect(e!.weeks).toBe(campaignWeeks);
      expect(e!.recruits).toBe(Math.round(campaignShare * members));
      expect(enrolled(w)).toBe(0);
      const candidatesBefore = candidates(w);
      const perRegionBefore = w.regions.map((_, r) => w.members.count(r));
      let last = 0;
      for (let k = 1; k <= ticks; k++) {
        expect(w.campaign).not.toBeNull();
        w.tick = e!.tick + k;
        enrolment.step(w);
        expect(enrolled(w)).toBeGreaterThan(last);
        last = enrolled(w);
      }
      expect(w.campaign).toBeNull();
      // Every week's intake is rounded, so the total may miss by up to half a recruit a week.
      expect(Math.abs(enrolled(w) - e!.recruits)).toBeLessThanOrEqual(ticks);
      expect(w.members.count()).toBeCloseTo(members + enrolled(w), 6);
      expect(w.joined).toBe(enrolled(w));
      // The recruits join as candidates, spread over the regions by size.
      expect(candidates(w) - candidatesBefore).toBeCloseTo(enrolled(w), 6);
      w.regions.forEach((_, r) => {
        const got = w.members.cohortCount(r, sc.campaignCohort) / enrolled(w);
        expect(Math.abs(got - perRegionBefore[r]! / members)).toBeLessThan(0.01);
      });
      // No more recruits once the campaign is over (the next one must wait).
      w.tick++;
      enrolment.step(w);
      expect(enrolled(w)).toBe(last);
    }
  });

  it("campaigns are at least minYearsBetween apart, and with a high launch rate that is what spaces them", () => {
    for (const minYears of [1, 2.5]) {
      const s = bolshevik({
        "mechanisms.enrolment.params.launchPerYear.range": [0, 100],
        "mechanisms.enrolment.params.launchPerYear": 50,
        "mechanisms.enrolment.params.minYearsBetween": minYears,
      });
      for (const seed of [1, 2]) {
        const w = heldWorld(s, seed);
        stepEnrolment(w, 0, 8 * 52);
        const ticks = launches(w).map((e) => e.tick);
        expect(ticks.length).toBeGreaterThanOrEqual(Math.floor(7 / minYears));
        for (let k = 1; k < ticks.length; k++) {
          const gap = (ticks[k]! - ticks[k - 1]!) / ticksPerYear;
          expect(gap).toBeGreaterThanOrEqual(minYears);
          expect(gap).toBeLessThan(minYears + 0.25);
        }
      }
    }
  });

  it("the founder's death makes a launch in the following year far more likely", () => {
    const lenin = personIndex(sc, "lenin");
    let mourning = 0;
    let ordinary = 0;
    const seeds = 40;
    for (let seed = 0; seed < seeds; seed++) {
      for (const dies of [true, false]) {
        const w = heldWorld(sc, seed);
        expect(w.founder).toBe(lenin);
        w.tick = 0;
        if (dies) kill(w, lenin, "scheduled", null);
        legacy.step(w);
        expect(w.founderDeathTick).toBe(dies ? 0 : -1);
        stepEnrolment(w, 0, 52);
        if (launches(w).length > 0) {
          if (dies) mourning++;
          else ordinary++;
        }
      }
    }
    // Over a year of rounds: 1 − e^(−rate × boost) with the boost, 1 − e^(−rate) without.
    const { launchPerYear, mourningBoost } = sc.params.enrolment;
    const withBoost = 1 - Math.exp(-launchPerYear * mourningBoost);
    const without = 1 - Math.exp(-launchPerYear);
    expect(Math.abs(mourning / seeds - withBoost)).toBeLessThan(0.15);
    expect(Math.abs(ordinary / seeds - without)).toBeLessThan(0.2);
    expect(mourning).toBeGreaterThan(ordinary + 0.25 * seeds);
  });

  it("in the scenario, campaigns fall in the year after the founder's death far more often than without it", () => {
    const inYearAfter = (s: CompiledScenario) => {
      let n = 0;
      for (let seed = 0; seed < 16; seed++) {
        const r = runScenario(s, { seed, until: "1925-02-01" });
        if (r.events.some((e) => e.type === "enrolment" && e.date >= "1924-01-21" && e.date < "1925-01-21"))
          n++;
      }
      return n;
    };
    const withDeath = inYearAfter(sc);
    const without = inYearAfter(bolshevik({ "shocks.lenin-dies.probability": 0 }));
    expect(withDeath).toBeGreaterThan(without + 4);
  });

  it("switched off, no campaign is ever launched over a full run", () => {
    const off = bolshevik({ "mechanisms.enrolment.enabled": false });
    for (const seed of [1, 2]) {
      const m = new Model(off, { seed });
      while (!m.done) m.step();
      expect(launches(m.world)).toEqual([]);
      expect(m.world.campaign).toBeNull();
      expect(enrolled(m.world)).toBe(0);
    }
  });
});
