/** The causal chain: links read from a short run, and their averages over runs on a constructed input. */
import { describe, expect, it } from "vitest";
import { loadScenario } from "../node/scenarios.ts";
import { compileScenario } from "../scenario/compile.ts";
import { aggregateChain, type CongressLink, chainOfRun } from "./chain.ts";

const link = (number: number, date: string, o: Partial<CongressLink>): CongressLink => ({
  number,
  date,
  appointments: 0,
  regionAppointments: 0,
  regions: 0,
  regionsTotal: 10,
  delegates: 0,
  delegatesTotal: 100,
  committeeShare: 0,
  removals: 0,
  removalsHeMoved: 0,
  ...o,
});

describe("aggregateChain", () => {
  const runs = [
    [
      link(1, "1923-04-01", { appointments: 4, regions: 5, delegates: 20, committeeShare: 0.3, removals: 1 }),
      link(2, "1924-05-01", {
        appointments: 2,
        regions: 8,
        delegates: 60,
        committeeShare: 0.6,
        removals: 2,
        removalsHeMoved: 2,
      }),
    ],
    [
      link(1, "1923-04-15", { appointments: 6, regions: 7, delegates: 40, committeeShare: 0.5, removals: 0 }),
      link(2, "1924-06-01", {
        appointments: 2,
        regions: 10,
        delegates: 80,
        committeeShare: 0.8,
        removals: 2,
      }),
    ],
    // A run cut short before its second congress counts only in the first.
    [link(1, "1923-05-01", { appointments: 5, regions: 6, delegates: 30, committeeShare: 0.4, removals: 2 })],
  ];
  const steps = aggregateChain(runs);

  it("averages each congress over the runs that held it", () => {
    expect(steps.map((s) => [s.number, s.runs])).toEqual([
      [1, 3],
      [2, 2],
    ]);
    expect(steps[0]!.appointments.value).toBeCloseTo(5);
    expect(steps[0]!.regionShare.value).toBeCloseTo(0.6);
    expect(steps[0]!.delegateShare.value).toBeCloseTo(0.3);
    expect(steps[0]!.committeeShare.value).toBeCloseTo(0.4);
    expect(steps[0]!.removals.value).toBeCloseTo(1);
    expect(steps[0]!.date).toBe("1923-04-15");
    expect(steps[1]!.delegateShare.value).toBeCloseTo(0.7);
    expect(steps[1]!.removalsHeMoved.value).toBeCloseTo(1);
  });

  it("gives every figure an interval that holds it, never a point, counts never below zero", () => {
    for (const s of steps)
      for (const m of [s.appointments, s.regionShare, s.delegateShare, s.committeeShare, s.removals]) {
        expect(m.lo).toBeLessThanOrEqual(m.value);
        expect(m.hi).toBeGreaterThanOrEqual(m.value);
        expect(m.lo).toBeGreaterThanOrEqual(0);
      }
    // Two runs that agree exactly (two removals each) still get a share interval wider than a point.
    expect(steps[1]!.regionShare.hi - steps[1]!.regionShare.lo).toBeGreaterThan(0.1);
  });
});

describe("chainOfRun", () => {
  it("reads the first congress of a real run: his appointments, secretaries, delegates and committee votes", () => {
    const { scenario } = loadScenario("bolshevik-1922");
    const sc = compileScenario(scenario);
    const leader = scenario.people.find((p) => p.id === "stalin")!.id;
    const links = chainOfRun(sc, 1, leader, "1923-12-31");
    expect(links).toHaveLength(1);
    const c = links[0]!;
    expect(c.number).toBe(1);
    expect(c.date >= scenario.calendar.start && c.date <= "1923-12-31").toBe(true);
    expect(c.regionsTotal).toBe(scenario.regions.length);
    expect(c.regions).toBeGreaterThanOrEqual(0);
    expect(c.regions).toBeLessThanOrEqual(c.regionsTotal);
    expect(c.delegates).toBeLessThanOrEqual(c.delegatesTotal);
    expect(c.committeeShare).toBeGreaterThanOrEqual(0);
    expect(c.committeeShare).toBeLessThanOrEqual(1);
    expect(c.appointments).toBeGreaterThanOrEqual(c.regionAppointments);
    // The same seed gives the same chain.
    expect(chainOfRun(sc, 1, leader, "1923-12-31")).toEqual(links);
  });
});
