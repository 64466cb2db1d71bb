import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import { dayOf, tickOf } from "../calendar.ts";
import { Model } from "../engine.ts";

describe("health", () => {
  it("scheduled shocks strike on their date: strokes lower capacity, death removes the person from every post", () => {
    const sc = bolshevik();
    const lenin = personIndex(sc, "lenin");
    const m = new Model(sc, { seed: 1 });
    const strokeTick = tickOf(sc.clock, dayOf("1922-05-26"));
    while (m.world.tick <= strokeTick) m.step();
    expect(m.world.people[lenin]!.capacity).toBeCloseTo(0.2);
    while (!m.done) m.step();
    expect(m.world.people[lenin]!.alive).toBe(false);
    expect(m.world.seats[sc.executive]!.full).not.toContain(lenin);
    expect(m.world.officeHolder).not.toContain(lenin);
    const death = m.world.events.find((e) => e.type === "death" && e.person === "lenin");
    expect(death?.date.slice(0, 7)).toBe("1924-01");
  });

  it("a shock with probability 0 never happens; jittered shocks fall inside their window", () => {
    const never = bolshevik({ "shocks.lenin-dies.probability": 0, "shocks.third-stroke.probability": 0 });
    const jitter = bolshevik({ "shocks.frunze-dies.jitterDays": 60 });
    const frunze = personIndex(jitter, "frunze");
    const centre = tickOf(jitter.clock, dayOf("1925-10-31"));
    for (let seed = 0; seed < 10; seed++) {
      const a = new Model(never, { seed });
      while (!a.done) a.step();
      expect(
        a.world.events.some((e) => e.type === "death" && e.person === "lenin" && e.cause === "scheduled"),
      ).toBe(false);
      const b = new Model(jitter, { seed });
      while (!b.done) b.step();
      const d = b.world.events.find(
        (e) => e.type === "death" && e.person === "frunze" && e.cause === "scheduled",
      );
      if (d) expect(Math.abs(d.tick - centre)).toBeLessThanOrEqual(Math.ceil(60 / 7) + 1);
      void frunze;
    }
  });
});
