/**
 * The China scenario as data and as runs: its starting state is the one the calibration file gives for
 * 9 September 1976, and its histories obey the scenario's rules. Nothing here asserts who wins.
 */
import { describe, expect, it } from "vitest";
import { Model, runScenario } from "../src/kernel/engine.ts";
import { officesHeld } from "../src/kernel/power.ts";
import { fullMembers } from "../src/kernel/seats.ts";
import { chinaCompiled, personIndex } from "./fixtures.ts";

const sc = chinaCompiled();
const body = (id: string) => sc.bodies.findIndex((b) => b.id === id);

describe("the China scenario's starting state", () => {
  it("has the Politburo of 9 Sep 1976: 16 living full members besides Mao, 4 alternates; a Standing Committee of Mao and 4", () => {
    const m = new Model(sc, { seed: 1 });
    const w = m.world;
    expect(sc.bodies[sc.executive]!.id).toBe("politburo");
    const pb = fullMembers(w, body("politburo")).map((i) => sc.people[i]!.id);
    expect(pb).toContain("mao-zedong");
    expect(pb.filter((id) => id !== "mao-zedong")).toHaveLength(16);
    expect(w.seats[body("politburo")]!.candidates).toHaveLength(4);
    const psc = fullMembers(w, body("psc")).map((i) => sc.people[i]!.id);
    expect(psc.sort()).toEqual([
      "hua-guofeng",
      "mao-zedong",
      "wang-hongwen",
      "ye-jianying",
      "zhang-chunqiao",
    ]);
    // Mao dies on the first day: his posts fall vacant and the founder's legacy opens.
    m.step();
    expect(w.people[personIndex(sc, "mao-zedong")]!.alive).toBe(false);
    expect(w.founder).toBe(personIndex(sc, "mao-zedong"));
    expect(w.founderDeathTick).toBe(0);
    expect(w.officeHolder[sc.offices.findIndex((o) => o.id === "party-chairman")]).toBe(-1);
  });

  it("starts Deng purged, with no office and no seat, and the marshals dropped from the Politburo", () => {
    const w = new Model(sc, { seed: 1 }).world;
    const deng = personIndex(sc, "deng-xiaoping");
    expect(sc.ladder[w.people[deng]!.rung - 1]!.id).toBe("central-committee");
    expect(officesHeld(w, deng)).toEqual([]);
    expect(w.seats.every((s) => !s.full.includes(deng) && !s.candidates.includes(deng))).toBe(true);
    for (const id of ["chen-yun", "nie-rongzhen", "xu-xiangqian"]) {
      const i = personIndex(sc, id);
      expect(w.people[i]!.rung).toBe(0);
      expect(sc.people[i]!.heldSeats).toContain(body("politburo"));
      expect(fullMembers(w, body("politburo"))).not.toContain(i);
    }
    // Hua holds the premiership, the first vice-chairmanship and public security.
    const hua = officesHeld(w, personIndex(sc, "hua-guofeng")).map((o) => sc.offices[o]!.id);
    expect(hua.sort()).toEqual(["first-vice-chairman", "premier", "public-security"]);
  });
});

describe("the China scenario's histories", () => {
  it("replay byte for byte, and nobody ever holds more posts than the scenario allows", () => {
    const seeds = [1, 2, 3, 4, 5, 6];
    expect(JSON.stringify(runScenario(sc, { seed: 3 }))).toBe(JSON.stringify(runScenario(sc, { seed: 3 })));
    let returns = 0;
    for (const seed of seeds) {
      const m = new Model(sc, { seed });
      while (!m.done) {
        m.step();
        for (let i = 0; i < sc.people.length; i++)
          expect(officesHeld(m.world, i).length).toBeLessThanOrEqual(sc.params.offices.maxPerPerson);
      }
      returns += m.world.events.filter((e) => e.type === "rehabilitation").length;
    }
    // The rehabilitation mechanism acts on this scenario (whom it brings back, and when, is the model's).
    expect(returns).toBeGreaterThan(0);
  });
});

describe("pre-emptive force in the China scenario", () => {
  it("the radicals are arrested by the end of 1977 in most runs, and the arrest is put to the Politburo", () => {
    // Up to the end of 1977 only: the question is the first step of the record, not what follows it.
    const seeds = Array.from({ length: 30 }, (_, k) => k + 1);
    let arrested = 0;
    let endorsed = 0;
    for (const seed of seeds) {
      const m = new Model(sc, { seed, until: "1978-01-01" });
      while (!m.done) m.step();
      const events = m.world.events;
      const jiang = events.some(
        (e) => e.type === "removal" && e.person === "jiang-qing" && e.rung === "arrest",
      );
      if (jiang) arrested++;
      if (events.some((e) => e.type === "vote" && e.motion === "endorse:arrest" && e.body === "politburo"))
        endorsed++;
    }
    // Measured: 30 of 30 (and 98 of 100 seeds in validation); without the mechanism 2 of 100.
    expect(arrested / seeds.length).toBeGreaterThanOrEqual(0.7);
    expect(endorsed).toBeGreaterThanOrEqual(arrested * 0.7);
  });

  it("switched off, the radicals are almost never arrested by the end of 1977", () => {
    const off = chinaCompiled({ "mechanisms.preemption.enabled": false });
    let arrested = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const m = new Model(off, { seed, until: "1978-01-01" });
      while (!m.done) m.step();
      if (
        m.world.events.some((e) => e.type === "removal" && e.person === "jiang-qing" && e.rung === "arrest")
      )
        arrested++;
    }
    expect(arrested).toBeLessThanOrEqual(3);
  });
});

describe("the China scenario's bodies", () => {
  /** Full members of the Politburo at the end of 1978 (after the 3rd Plenum of Dec 1978), for seeds 1 to 8. */
  const after1978 = (s: typeof sc) =>
    Array.from({ length: 8 }, (_, k) => {
      const m = new Model(s, { seed: k + 1, until: "1979-01-01" });
      while (!m.done) m.step();
      return fullMembers(m.world, body("politburo")).length;
    });

  it("the Politburo after the 3rd Plenum is within the record's range (25 to 29) in most seeds", () => {
    const sizes = after1978(sc);
    // Measured: 7 of 8 seeds (36 of 40 in validation); before the plenums refilled and co-opted, 0 of 40.
    expect(sizes.filter((n) => n >= 25 && n <= 29).length, `sizes ${sizes}`).toBeGreaterThanOrEqual(5);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(sc.bodies[body("politburo")]!.maxSeats);
  });

  it("without the sizes the plenums set, the Politburo stays smaller", () => {
    const sizes = after1978(chinaCompiled({ "bodies.politburo.sizes": [] }));
    expect(sizes.filter((n) => n >= 25).length, `sizes ${sizes}`).toBeLessThanOrEqual(1);
  });
});
