import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevik } from "../../test/fixtures.ts";
import { Model, runScenario } from "./engine.ts";
import { EVENT_TYPES } from "./events.ts";

const sc = bolshevik();

describe("engine", () => {
  it("same seed, same scenario: byte-identical output", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const a = JSON.stringify(runScenario(sc, { seed, until: "1925-01-01" }));
        const b = JSON.stringify(runScenario(sc, { seed, until: "1925-01-01" }));
        return a === b;
      }),
      { numRuns: 5 },
    );
  });

  it("different seeds give different histories (50 seeds, more than one distinct)", () => {
    const histories = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      const r = runScenario(sc, { seed });
      histories.add(JSON.stringify(r.events.filter((e) => e.type !== "membership")));
    }
    expect(histories.size).toBeGreaterThan(1);
  });

  it("output carries the seed, the scenario, the outcome and one series row per tick", () => {
    const r = runScenario(sc, { seed: 9, until: "1923-01-01" });
    expect(r.seed).toBe(9);
    expect(r.scenario.id).toBe("bolshevik-1922");
    expect(["sole-leader", "dominant-leader", "collective", "none"]).toContain(r.outcome.kind);
    expect(r.series.dates.length).toBe(r.series.members.length);
    for (const s of Object.values(r.series.leaders))
      expect(s.committeeVotes.length).toBe(r.series.dates.length);
    expect(r.events.every((e) => e.date < "1923-01-01")).toBe(true);
    expect(r.until < "1923-01-01").toBe(true);
  });

  it("events are in date order and use only the documented vocabulary", () => {
    const r = runScenario(sc, { seed: 4 });
    for (let i = 1; i < r.events.length; i++)
      expect(r.events[i]!.tick).toBeGreaterThanOrEqual(r.events[i - 1]!.tick);
    for (const e of r.events) expect(Object.keys(EVENT_TYPES)).toContain(e.type);
  });

  it("the executive never has more full members than seats, and series stay consistent", () => {
    for (let seed = 0; seed < 5; seed++) {
      const m = new Model(sc, { seed });
      while (!m.done) {
        m.step();
        for (let b = 0; b < sc.bodies.length; b++) {
          const full = m.world.seats[b]!.full;
          if (sc.bodies[b]!.kind === "executive") expect(full.length).toBeLessThanOrEqual(m.world.size[b]!);
          expect(new Set(full).size).toBe(full.length);
          for (const i of full) expect(m.world.people[i]!.alive).toBe(true);
          for (const i of m.world.seats[b]!.candidates) expect(full).not.toContain(i);
        }
      }
    }
  });
});
