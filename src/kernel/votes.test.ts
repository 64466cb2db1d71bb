import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevik } from "../../test/fixtures.ts";
import { committeeSize } from "./power.ts";
import { Streams } from "./random/rng.ts";
import { committeeVote, supportProbability, tally } from "./votes.ts";
import { createWorld } from "./world.ts";

const sc = bolshevik();
const leaders = sc.people.filter((p) => p.isLeader).map((p) => p.index);

describe("votes", () => {
  it("a committee tally always sums to the committee's voting membership", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.subarray(leaders, { minLength: 1 }),
        fc.constantFrom(...leaders),
        fc.array(
          fc.tuple(fc.nat({ max: sc.people.length - 1 }), fc.integer({ min: -1, max: sc.people.length - 1 })),
        ),
        (seed, proposers, target, repatronise) => {
          const w = createWorld(sc, seed);
          // Random changes of allegiance, as patronage would make them.
          for (const [who, patron] of repatronise) if (who !== patron) w.people[who]!.patron = patron;
          const t = committeeVote(w, new Streams(seed).get("v"), proposers, target, []);
          return t.for + t.against + t.abstain === committeeSize(w) && t.for >= 0 && t.against >= 0;
        },
      ),
      { numRuns: 200 },
    );
  });

  it("voters who follow a proposer vote for, those who follow the target vote against", () => {
    const w = createWorld(sc, 1);
    const rng = new Streams(1).get("v");
    const t = tally(
      w,
      rng,
      [
        { count: 7, follows: leaders[1]!, ideology: 0 },
        { count: 5, follows: leaders[2]!, ideology: 0 },
      ],
      [leaders[1]!],
      leaders[2]!,
      [],
    );
    expect(t).toEqual({ for: 7, against: 5, abstain: 0 });
  });

  it("uncommitted voters lean to the side closer to them and to the greater standing", () => {
    const w = createWorld(sc, 1);
    const [a, b] = [leaders[1]!, leaders[2]!];
    w.people[a]!.ideology = -0.8;
    w.people[b]!.ideology = 0.8;
    w.people[a]!.prestige = w.people[b]!.prestige = 0.5;
    const nearA = supportProbability(w, [a], [b], -0.8, 0);
    const nearB = supportProbability(w, [a], [b], 0.8, 0);
    expect(nearA).toBeGreaterThan(0.5);
    expect(nearB).toBeLessThan(0.5);
    w.people[a]!.prestige = 1;
    expect(supportProbability(w, [a], [b], 0, 0)).toBeGreaterThan(0.5);
  });

  it("unopposed, the official line carries nearly every uncommitted vote", () => {
    const w = createWorld(sc, 1);
    expect(supportProbability(w, [leaders[0]!], [], 0.9, 0)).toBeGreaterThan(0.9);
  });
});
