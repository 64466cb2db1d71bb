import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leader, readyWorld, tiny, tinyInput, who } from "../../../test/tiny.ts";
import { validateScenarioData } from "../../scenario/load.ts";
import { eligible } from "../appointments.ts";
import type { CompiledScenario } from "../compiled.ts";
import { Model } from "../engine.ts";
import type { RehabilitationEvent, VoteEvent } from "../events.ts";
import { applyRung } from "../ladder.ts";
import { fullMembers, seat, seatIn } from "../seats.ts";
import { createWorld, type World } from "../world.ts";
import { canReturn, restore, returnSides, seatsBefore } from "./rehabilitation.ts";

type Edit = NonNullable<Parameters<typeof tinyInput>[0]>;
type Data = Record<string, unknown> & {
  people: Record<string, unknown>[];
  bodies: Record<string, unknown>[];
  mechanisms: Record<string, { enabled: boolean; params?: Record<string, unknown> }>;
  centralCommittee: { blocs: Record<string, unknown>[] };
};

const e = (value: number, range: [number, number]) => ({ value, range, source: "test" });

/**
 * The tiny party-state with Fay, a leader who fell from the bureau and the committee a year before the start,
 * and the return of the fallen switched on (or not).
 */
function withFay(options: { on?: boolean; prestige?: number; line?: number; aMen?: number } = {}): Edit {
  const { on = true, prestige = 0.5, line = -0.4, aMen = 4 } = options;
  return (raw) => {
    const s = raw as unknown as Data;
    s.people.push({
      id: "f",
      name: "Fay F",
      role: "leader",
      purged: {
        step: "central-committee",
        seats: ["bureau", "committee"],
        date: "1999-01-04",
        source: "test",
      },
      attributes: leader({ ideology: line, prestige }),
    });
    s.bodies[0]!.maxSeats = 7;
    s.centralCommittee.blocs[0]!.seats = aMen;
    s.mechanisms.rehabilitation = {
      enabled: on,
      params: { pressChance: e(1, [0, 1]), affinity: e(0.5, [0, 2]), minYearsDown: e(0.5, [0, 3]) },
    };
  };
}

function runUntil(sc: CompiledScenario, ticks: number, seed = 1): World {
  const m = new Model(sc, { seed });
  while (!m.done && m.world.tick < ticks) m.step();
  return m.world;
}

const returns = (w: World) => w.events.filter((x): x is RehabilitationEvent => x.type === "rehabilitation");

describe("a person fallen before the start", () => {
  it("begins down the ladder, without the seats and offices his step took, and may hold no office", () => {
    const sc = tiny(withFay());
    const f = who(sc, "f");
    expect(sc.people[f]).toMatchObject({ startRung: 3, heldSeats: [sc.executive, sc.committee] });
    const w = createWorld(sc, 1);
    expect(w.people[f]!.rung).toBe(3);
    expect(w.people[f]!.lastRungTick).toBeLessThan(0);
    expect(seatIn(w, sc.executive, f)).toBe(0);
    for (let o = 0; o < sc.offices.length; o++) expect(eligible(w, f, o)).toBe(false);
  });

  it("is refused when his step is not on the ladder or he still holds what it took", () => {
    const unknownStep = tinyInput((raw) => {
      withFay()(raw);
      ((raw as unknown as Data).people.at(-1)!.purged as { step: string }).step = "purgatory";
    });
    expect(() => validateScenarioData(unknownStep, "t")).toThrow(/unknown ladder step "purgatory"/);
    const stillSeated = tinyInput((raw) => {
      withFay()(raw);
      (raw as unknown as Data).people.at(-1)!.seats = ["committee"];
    });
    expect(() => validateScenarioData(stillSeated, "t")).toThrow(/took his seat in "committee"/);
  });
});

describe("rehabilitation", () => {
  it("restores a fallen leader whose network carries the body that decided his fall, with his seats", () => {
    const sc = tiny(withFay());
    const f = who(sc, "f");
    let restored = 0;
    for (let seed = 1; seed <= 10; seed++) {
      // The committee decides his step and sits every 13 weeks: a few sessions are enough.
      const w = runUntil(sc, 60, seed);
      const done = returns(w);
      if (done.length === 0) continue;
      restored++;
      expect(done[0]).toMatchObject({ person: "f", body: "committee", from: "central-committee" });
      // The vote that carried it is in the log, moved by his network with him first.
      const v = w.events.find(
        (x): x is VoteEvent => x.type === "vote" && x.motion === "rehabilitate" && x.passed,
      )!;
      expect(v.proposers[0]).toBe("f");
      expect(v.tick).toBe(done[0]!.tick);
      const back = w.events.indexOf(done[0]!);
      expect(back).toBeGreaterThan(0);
      // Back at the top of the ladder, in the committee and in the bureau, and able to hold office again.
      const p = w.people[f]!;
      if (p.rung === 0 && p.alive) {
        expect(seatIn(w, sc.committee, f)).toBe(2);
        expect(seatIn(w, sc.executive, f)).toBeGreaterThan(0);
      }
      expect(done[0]!.restored).toContain("committee");
      expect(done[0]!.restored.some((b) => b.startsWith("bureau"))).toBe(true);
    }
    expect(restored).toBeGreaterThanOrEqual(8);
  });

  it("switched off, the fallen stay down", () => {
    const sc = tiny(withFay({ on: false }));
    for (let seed = 1; seed <= 5; seed++) {
      const w = runUntil(sc, 60, seed);
      expect(returns(w)).toEqual([]);
      expect(w.events.some((x) => x.type === "vote" && x.motion === "rehabilitate")).toBe(false);
      expect(w.people[who(sc, "f")]!.rung).toBe(3);
    }
  });

  it("waits the least time down before his case can come back", () => {
    const sc = tiny((raw) => {
      withFay()(raw);
      const f = (raw as unknown as Data).people.at(-1)!;
      (f.purged as { date: string }).date = "2000-01-03";
    });
    const w = createWorld(sc, 1);
    const f = who(sc, "f");
    expect(canReturn(w, f)).toBe(false);
    w.tick = 27; // half a year after the start
    expect(canReturn(w, f)).toBe(true);
  });

  it("a contender whose place his return threatens speaks against it; an unwinnable case is not moved", () => {
    // Fay of towering standing: with her among the contenders, Ann no longer belongs to the ruling coalition.
    const sc = tiny(withFay({ prestige: 3, line: 0.5, aMen: 40 }));
    const [a, f] = [who(sc, "a"), who(sc, "f")];
    const w = readyWorld(sc);
    const sides = returnSides(w, f, sc.committee);
    expect(sides.opponents).toContain(a);
    expect(sides.sponsors).not.toContain(a);
    expect(sides.sponsors[0]).toBe(f);
    // Ann's forty seats outvote any network: nobody takes the case to the committee.
    for (let seed = 1; seed <= 5; seed++) {
      const run = runUntil(sc, 60, seed);
      expect(run.events.some((x) => x.type === "vote" && x.motion === "rehabilitate")).toBe(false);
      expect(returns(run)).toEqual([]);
    }
  });

  it("brings back a leader who was only dropped from the bureau, without counting him as an opponent", () => {
    // Fay sits in the committee; she lost her bureau seat without a fall (not re-elected).
    const sc = tiny((raw) => {
      withFay()(raw);
      const f = (raw as unknown as Data).people.at(-1)!;
      f.purged = { seats: ["bureau"], date: "1999-01-04", source: "test" };
      f.seats = ["committee"];
    });
    const f = who(sc, "f");
    expect(sc.people[f]!.startRung).toBe(0);
    const w = createWorld(sc, 1);
    expect(canReturn(w, f)).toBe(true);
    let back = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const run = runUntil(sc, 60, seed);
      expect(run.opposition).not.toContain(f);
      const done = returns(run);
      if (done.length === 0) continue;
      back++;
      expect(done[0]).toMatchObject({ person: "f", body: "committee", from: null });
      expect(done[0]!.restored[0]).toMatch(/^bureau/);
      expect(returns(run)).toHaveLength(1);
    }
    expect(back).toBeGreaterThanOrEqual(8);
  });

  it("reads the seats of a fall during the run from its removal events", () => {
    const sc = tiny(withFay());
    const b = who(sc, "b");
    const w = readyWorld(sc);
    applyRung(w, b, 2, [who(sc, "a")], sc.committee);
    expect(seatsBefore(w, b)).toEqual([
      { body: sc.executive, full: true },
      { body: sc.committee, full: true },
    ]);
    restore(w, b, sc.committee, [who(sc, "n")]);
    expect(w.people[b]!.rung).toBe(0);
    expect(seatIn(w, sc.executive, b)).toBe(2);
    expect(seatIn(w, sc.committee, b)).toBe(2);
  });

  it("never seats more full members in an executive body than its maximum", () => {
    const sc = tiny(withFay());
    const f = who(sc, "f");
    const extras = [who(sc, "m"), who(sc, "o")];
    const max = sc.bodies[sc.executive]!.maxSeats;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), (seated, slack) => {
        // The bureau holds five members and `seated` more, at a size of at least that many.
        const w = readyWorld(sc);
        for (const i of extras.slice(0, seated)) seat(w, sc.executive, i, true);
        const full = fullMembers(w, sc.executive).length;
        w.size[sc.executive] = Math.min(max, full + slack);
        restore(w, f, sc.committee, []);
        expect(fullMembers(w, sc.executive).length).toBeLessThanOrEqual(max);
        expect(fullMembers(w, sc.executive).length).toBeLessThanOrEqual(w.size[sc.executive]!);
        // Where the body is at its maximum, she takes a candidate's seat.
        expect(seatIn(w, sc.executive, f)).toBe(full >= max ? 1 : 2);
      }),
    );
  });
});
