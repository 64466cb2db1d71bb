import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevik } from "../../../test/fixtures.ts";
import { createWorld, totalMembers } from "../world.ts";
import { addMembers, membership, removeMembers } from "./membership.ts";

const sc = bolshevik();

describe("membership", () => {
  it("conserves members: the total always equals the start plus joiners minus leavers, cohorts sum to members", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 120 }), (seed, ticks) => {
        const w = createWorld(sc, seed);
        const start = totalMembers(w);
        for (let t = 0; t < ticks; t++) {
          w.tick = t;
          membership.step(w);
        }
        const cohortsOk = w.regions.every((r) => r.cohorts[0] + r.cohorts[1] + r.cohorts[2] === r.members);
        const nonNegative = w.regions.every((r) => r.cohorts.every((c) => c >= 0));
        return totalMembers(w) === start + w.joined - w.left && cohortsOk && nonNegative;
      }),
      { numRuns: 40 },
    );
  });

  it("removing and adding members is exact, and never goes below zero", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.nat({ max: sc.regions.length - 1 }), fc.integer({ min: -200000, max: 200000 })),
          {
            maxLength: 50,
          },
        ),
        (moves) => {
          const w = createWorld(sc, 1);
          const start = totalMembers(w);
          for (const [r, delta] of moves) {
            if (delta >= 0) addMembers(w, r, delta);
            else removeMembers(w, r, -delta);
          }
          return (
            totalMembers(w) === start + w.joined - w.left &&
            w.regions.every((r) => r.members >= 0 && r.cohorts[0] + r.cohorts[1] + r.cohorts[2] === r.members)
          );
        },
      ),
    );
  });

  it("grows at the net rate given (recruitment minus attrition) within sampling error", () => {
    const w = createWorld(sc, 3);
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
