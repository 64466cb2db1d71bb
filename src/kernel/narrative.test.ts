import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevik, bolshevikScenario } from "../../test/fixtures.ts";
import { runScenario } from "./engine.ts";
import type { SimEvent } from "./events.ts";
import { capacityWords, describe as describeEvent, namesOf, narrate, tell } from "./narrative.ts";

const names = namesOf(bolshevikScenario());
const SEEDS = [1, 2, 3, 4, 5, 6];
const runs = SEEDS.map((seed) => runScenario(bolshevik(), { seed }));

describe("the narrative a teacher can hand out", () => {
  it("uses no model jargon: no work percentages, no motions, no motion ids, even in verbose mode", () => {
    for (const run of runs) {
      for (const line of narrate(run.events, names, true)) {
        expect(line).not.toMatch(/able to work \d+%/);
        expect(line).not.toMatch(/on the motion of/);
        expect(line).not.toMatch(/\b[a-z]+:[a-z-]+\b/); // ids such as remove:office
        expect(line).not.toMatch(/sole-leadership test/);
      }
    }
  });

  it("narrates a lapse between two weeks that one leader becomes sole leader", () => {
    let sawLapse = false;
    for (const run of runs) {
      const told = tell(run.events, names).filter((t) => t.text);
      let leader: string | null = null;
      for (const { event, text } of told) {
        if (event.type === "sole-leader") {
          expect(leader, `${event.date} ${text}`).toBeNull();
          leader = event.person;
        } else if (event.type === "sole-leadership-lapsed") {
          expect(event.person).toBe(leader);
          expect(text).toMatch(/no longer sole leader: \w/);
          sawLapse = true;
          leader = null;
        }
      }
      // "Becomes sole leader" is said once per person; later times say "again".
      const first = told.filter((t) => /becomes sole leader/.test(t.text!));
      const people = first.map((t) => (t.event as { person: string }).person);
      expect(new Set(people).size).toBe(people.length);
    }
    expect(sawLapse).toBe(true);
  });

  it("numbers each new line-up of rulers as a round of alliances, and a repeated one as formed again", () => {
    const formed = (tick: number, members: string[]): SimEvent => ({
      type: "alliance-formed",
      tick,
      date: `1900-01-0${tick}`,
      members,
      kind: "ruling",
      against: ["trotsky"],
    });
    const told = tell(
      [
        formed(1, ["stalin", "zinoviev"]),
        formed(2, ["zinoviev", "stalin"]),
        formed(3, ["stalin", "bukharin"]),
      ],
      names,
    ).map((t) => t.text);
    expect(told).toEqual([
      "First round of alliances: Stalin and Zinoviev form a ruling alliance against Trotsky.",
      "Zinoviev and Stalin form their ruling alliance again against Trotsky.",
      "Second round of alliances: Stalin and Bukharin form a ruling alliance against Trotsky.",
    ]);
  });

  it("names the offices lost and spells out a failed motion", () => {
    const removal: SimEvent = {
      type: "removal",
      tick: 1,
      date: "1900-01-01",
      person: "trotsky",
      rung: "office",
      kind: "office",
      depth: 1,
      lost: ["war-commissar"],
      by: ["stalin", "zinoviev"],
    };
    expect(describeEvent(removal, names)).toBe(
      "Trotsky loses his post as People's Commissar for Army and Navy, at the demand of Stalin and Zinoviev.",
    );
    const vote: SimEvent = {
      type: "vote",
      tick: 1,
      date: "1900-01-01",
      body: "central-committee",
      motion: "remove:expulsion",
      target: "trotsky",
      for: 20,
      against: 30,
      abstain: 2,
      passed: false,
      proposers: ["stalin"],
    };
    expect(describeEvent(vote, names)).toBe(
      "A motion to expel Trotsky from the party fails in the Central Committee, 20 for, 30 against, 2 abstaining: those who proposed it lose face.",
    );
  });

  it("tells an arrest put to a body after the fact, endorsed or refused", () => {
    const endorse = (passed: boolean): SimEvent => ({
      type: "vote",
      tick: 1,
      date: "1900-01-01",
      body: "politburo",
      motion: "endorse:arrest",
      target: "trotsky",
      for: passed ? 5 : 2,
      against: passed ? 0 : 3,
      abstain: 0,
      passed,
      proposers: ["stalin", "zinoviev"],
    });
    expect(describeEvent(endorse(true), names)).toBe(
      "The Politburo endorses the arrests ordered by Stalin and Zinoviev, Trotsky's among them: 5 for, 0 against.",
    );
    expect(describeEvent(endorse(false), names)).toBe(
      "The Politburo refuses to endorse the arrests ordered by Stalin and Zinoviev, Trotsky's among them: 2 for, 3 against; the arrested are released.",
    );
  });

  it("says how much a sick man can work in words that never improve as his capacity falls", () => {
    const rank = (c: number) =>
      [
        "he can no longer work",
        "he can do little work",
        "he can do about half his work",
        "he can do most of his work",
        "he is back at full strength",
      ].indexOf(capacityWords(c));
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(rank(lo)).toBeGreaterThanOrEqual(0);
          expect(rank(lo)).toBeLessThanOrEqual(rank(hi));
        },
      ),
    );
  });
});
