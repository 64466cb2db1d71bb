import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import { committeeVotes } from "../power.ts";
import { createWorld } from "../world.ts";
import { apportion, chooseDelegates, circularFlow } from "./circularFlow.ts";

describe("circular flow", () => {
  it("apportions exactly the number of seats, in proportion", () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 2000 }),
        fc.array(fc.nat({ max: 1e6 }), { minLength: 1, maxLength: 30 }),
        (n, w) => {
          const seats = apportion(n, w);
          const sum = w.reduce((a, b) => a + b, 0);
          if (sum === 0) return seats.every((s) => s === 0);
          return (
            seats.reduce((a, b) => a + b, 0) === n &&
            seats.every((s, i) => Math.abs(s - (n * w[i]!) / sum) < 1 + 1e-9)
          );
        },
      ),
    );
  });

  it("conferences send exactly the congress's delegates, more of them loyal where the secretary's grip is firm", () => {
    const sc = bolshevik();
    const gs = personIndex(sc, "stalin");
    const loyal = (grip: number) => {
      let total = 0;
      for (let seed = 0; seed < 20; seed++) {
        const w = createWorld(sc, seed);
        for (const r of w.regions) Object.assign(r, { secretaryPatron: gs, grip });
        chooseDelegates(w);
        const d = w.delegation!;
        expect(d.groups.reduce((a, g) => a + g.count, 0)).toBe(sc.bodies[sc.congress]!.delegates);
        total += d.groups.filter((g) => g.follows === gs).reduce((a, g) => a + g.count, 0);
      }
      return total;
    };
    expect(loyal(0.9)).toBeGreaterThan(loyal(0.3));
  });

  it("a congress renews secretaries' committee seats so they answer to the current patron", () => {
    const sc = bolshevik();
    const gs = personIndex(sc, "stalin");
    const w = createWorld(sc, 1);
    const seated = w.regions.findIndex((r) => r.committeeSeatPatron !== -2 && r.secretaryPatron !== gs);
    w.regions[seated]!.secretaryPatron = gs;
    const before = committeeVotes(w).byLeader[gs]!;
    // Run to the first congress.
    const first = w.meets[sc.congress]!.indexOf(1);
    for (let t = 0; t <= first; t++) {
      w.tick = t;
      circularFlow.step(w);
    }
    expect(w.regions[seated]!.committeeSeatPatron).toBe(gs);
    expect(committeeVotes(w).byLeader[gs]!).toBeGreaterThan(before);
  });
});
