import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import type { CompiledScenario } from "../../scenario/compile.ts";
import { yearsPerTick } from "../calendar.ts";
import { Model } from "../engine.ts";
import type { LegacyEvent } from "../events.ts";
import { cultLevel, founderRestraint } from "../influence.ts";
import { createWorld, type World } from "../world.ts";
import { kill } from "./health.ts";
import { findFounder, legacy } from "./legacy.ts";

const sc = bolshevik();
const lenin = personIndex(sc, "lenin");
const trotsky = personIndex(sc, "trotsky");
const bukharin = personIndex(sc, "bukharin");
const gs = personIndex(sc, "stalin");
const ticksPerYear = 1 / yearsPerTick(sc.clock);

/** Trotsky with a clean record: no past disagreements with the founder. */
const cleanTrotsky = bolshevik({
  "people.trotsky.attributes.liabilities.range": [0, 1],
  "people.trotsky.attributes.liabilities": 0,
});

function legacyEvents(w: World): LegacyEvent[] {
  return w.events.filter((e): e is LegacyEvent => e.type === "legacy");
}

/** Sets up the legacy, lets the founder die at tick `death` and steps the mechanism alone until `until`. */
function runLegacy(s: CompiledScenario, death: number, until: number, seed = 1): World {
  const w = createWorld(s, seed);
  for (let t = 0; t < until; t++) {
    w.tick = t;
    if (t === death) kill(w, lenin, "scheduled", null);
    legacy.step(w);
  }
  return w;
}

describe("the founder's legacy", () => {
  it("the founder is the leader of the highest standing, if it reaches the threshold", () => {
    const w = createWorld(sc, 1);
    expect(findFounder(w, sc.params.legacy.founderPrestige)).toBe(lenin);
    expect(findFounder(w, sc.people[lenin]!.prestige)).toBe(lenin); // the threshold itself counts
    expect(findFounder(w, sc.people[lenin]!.prestige + 0.01)).toBe(-1);
    // A rival raised above him becomes the founder; nobody above the threshold means no founder.
    const rival = bolshevik({
      "people.trotsky.attributes.prestige.range": [0, 6],
      "people.trotsky.attributes.prestige": 5.5,
    });
    expect(findFounder(createWorld(rival, 1), 2)).toBe(trotsky);
    const humble = bolshevik({
      "people.lenin.attributes.prestige.range": [0, 6],
      "people.lenin.attributes.prestige": 1.5,
    });
    expect(findFounder(createWorld(humble, 1), 2)).toBe(-1);
    expect(findFounder(createWorld(humble, 1), 1)).toBe(lenin);
  });

  it("nothing happens while the founder lives", () => {
    const w = createWorld(sc, 1);
    w.people[trotsky]!.capacity = 0.3;
    const before = w.people.map((p) => p.prestige);
    for (let t = 0; t < 3 * 52; t++) {
      w.tick = t;
      legacy.step(w);
    }
    expect(w.people.map((p) => p.prestige)).toEqual(before);
    expect(w.events).toEqual([]);
    expect(w.founderDeathTick).toBe(-1);
    expect(cultLevel(w)).toBe(0);
  });

  it("at his death the leaders unable to attend lose absencePenalty, and a legacy event lists them", () => {
    const { absencePenalty } = sc.params.legacy;
    expect(absencePenalty).toBeGreaterThan(0);
    const w = createWorld(sc, 1);
    w.people[trotsky]!.capacity = 0.4;
    w.people[bukharin]!.capacity = 0.1;
    w.people[gs]!.capacity = 0.5; // just able to attend
    const tomsky = personIndex(sc, "tomsky");
    w.people[tomsky]!.prestige = absencePenalty / 2;
    w.people[tomsky]!.capacity = 0;
    const before = w.people.map((p) => p.prestige);
    w.tick = 20;
    kill(w, lenin, "scheduled", null);
    legacy.step(w);
    expect(w.founderDeathTick).toBe(20);
    expect(w.people[trotsky]!.prestige).toBeCloseTo(before[trotsky]! - absencePenalty, 12);
    expect(w.people[bukharin]!.prestige).toBeCloseTo(before[bukharin]! - absencePenalty, 12);
    expect(w.people[tomsky]!.prestige).toBe(0); // standing never goes below zero
    w.people.forEach((p, i) => {
      if (![trotsky, bukharin, tomsky].includes(i)) expect(p.prestige).toBe(before[i]);
    });
    const events = legacyEvents(w);
    expect(events).toHaveLength(1);
    expect(events[0]!.founder).toBe("lenin");
    expect(events[0]!.tick).toBe(20);
    expect([...events[0]!.absent].sort()).toEqual(["bukharin", "tomsky", "trotsky"]);
    // The death is noticed once.
    w.tick = 21;
    legacy.step(w);
    expect(legacyEvents(w)).toHaveLength(1);
  });

  it("as the cult sets, a leader loses liabilityWeight × liabilities against an otherwise identical leader with none", () => {
    const { liabilityWeight, cultYears } = sc.params.legacy;
    const liabilities = sc.people[trotsky]!.liabilities;
    expect(liabilities).toBeGreaterThan(0);
    const death = 10;
    const full = death + Math.ceil(cultYears * ticksPerYear) + 30;
    const half = death + Math.round((cultYears * ticksPerYear) / 2);
    const lossAt = (until: number) =>
      runLegacy(cleanTrotsky, death, until).people[trotsky]!.prestige -
      runLegacy(sc, death, until).people[trotsky]!.prestige;
    // Trotsky holds neither press nor agenda, so he claims nothing: the whole difference is his record.
    expect(lossAt(full)).toBeCloseTo(liabilityWeight * liabilities, 9);
    const midway = lossAt(half);
    expect(midway).toBeGreaterThan(0.4 * liabilityWeight * liabilities);
    expect(midway).toBeLessThan(0.6 * liabilityWeight * liabilities);
    // Once set, the cult costs nothing more.
    expect(lossAt(full + 52)).toBeCloseTo(liabilityWeight * liabilities, 9);
  });

  it("in full runs, a record of disagreement costs about liabilityWeight × liabilities once the cult has set", () => {
    const expected = sc.params.legacy.liabilityWeight * sc.people[trotsky]!.liabilities;
    const diffs: number[] = [];
    for (let seed = 0; seed < 6; seed++) {
      const end = (s: CompiledScenario) => {
        const m = new Model(s, { seed, until: "1925-03-01" });
        while (!m.done) m.step();
        expect(m.world.founderDeathTick).toBeGreaterThan(0);
        expect(cultLevel(m.world)).toBe(1);
        return m.world.people[trotsky]!.prestige;
      };
      diffs.push(end(cleanTrotsky) - end(sc));
    }
    diffs.sort((a, b) => a - b);
    const median = (diffs[2]! + diffs[3]!) / 2;
    // Removals scale standing down by a factor, so the gap can shrink a little, but not vanish or grow.
    expect(median).toBeGreaterThan(0.6 * expected);
    expect(median).toBeLessThan(1.2 * expected);
  });

  it("founderRestraint holds leaders back while the founder lives, not after, and never when off", () => {
    const w = createWorld(sc, 1);
    expect(founderRestraint(w)).toBeCloseTo(1 - sc.params.legacy.restraintWhileAlive, 12);
    expect(founderRestraint(w)).toBeLessThan(1);
    w.people[lenin]!.capacity = 0; // ill, but alive: still restrains
    expect(founderRestraint(w)).toBeLessThan(1);
    kill(w, lenin, "scheduled", null);
    expect(founderRestraint(w)).toBe(1);

    const off = createWorld(bolshevik({ "mechanisms.legacy.enabled": false }), 1);
    expect(off.founder).toBe(lenin);
    expect(off.people[lenin]!.alive).toBe(true);
    expect(founderRestraint(off)).toBe(1);

    const noFounder = createWorld(
      bolshevik({
        "mechanisms.legacy.params.founderPrestige.range": [1.5, 10],
        "mechanisms.legacy.params.founderPrestige": 9,
      }),
      1,
    );
    expect(noFounder.founder).toBe(-1);
    expect(founderRestraint(noFounder)).toBe(1);
  });
});
