import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevik } from "../../../test/fixtures.ts";
import { createWorld, totalMembers } from "../world.ts";
import { membership } from "./membership.ts";

const sc = bolshevik();

describe("membership", () => {
  it("starts with the scenario's regional memberships", () => {
    const w = createWorld(sc, 1);
    sc.regions.forEach((r, i) => {
      expect(w.members.count(i)).toBe(r.members);
    });
  });

  it("conserves members: the total always equals the start plus joiners minus leavers", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 120 }), (seed, ticks) => {
        const w = createWorld(sc, seed);
        const start = totalMembers(w);
        for (let t = 0; t < ticks; t++) {
          w.tick = t;
          membership.step(w);
        }
        return Math.abs(totalMembers(w) - (start + w.joined - w.left)) < 1e-6;
      }),
      { numRuns: 30 },
    );
  });

  it("grows at the net rate given (recruitment minus attrition) within sampling error", () => {
    const w = createWorld(sc, 3);
    // The scheduled verification purge is a shock, not the ordinary rates measured here.
    w.shockTicks.fill(-1);
    const start = totalMembers(w);
    const weeks = 52;
    for (let t = 0; t < weeks; t++) {
      w.tick = t;
      membership.step(w);
    }
    const { recruitmentPerYear, attritionPerYear } = sc.params.membership;
    const expected = start * Math.exp(((recruitmentPerYear - attritionPerYear) * (weeks * 7)) / 365.25);
    expect(Math.abs(totalMembers(w) - expected) / expected).toBeLessThan(0.01);
  });
});
