import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import type { ChargeEvent } from "../events.ts";
import { chargePull, intervalFactor } from "../influence.ts";
import { Streams } from "../random/rng.ts";
import { committeeVote } from "../votes.ts";
import { createWorld, type World } from "../world.ts";
import { factionBan } from "./factionBan.ts";
import { policy } from "./policy.ts";

const sc = bolshevik();
const gs = personIndex(sc, "stalin");
const trotsky = personIndex(sc, "trotsky");
const zinoviev = personIndex(sc, "zinoviev");
const kamenev = personIndex(sc, "kamenev");
const radek = personIndex(sc, "radek");

function sympathisers(w: World): number {
  let s = 0;
  for (let r = 0; r < w.regions.length; r++) s += w.members.sympathisers(r);
  return s;
}

function charges(w: World): ChargeEvent[] {
  return w.events.filter((e): e is ChargeEvent => e.type === "factionalism-charge");
}

/** Platforms come whenever the rules allow, so that the policy mechanism issues one on cue. */
const eager = bolshevik({
  "mechanisms.policy.params.platformPerYear.range": [0, 1000],
  "mechanisms.policy.params.platformPerYear": 1000,
});
const PLATFORM_TICK = 32;

/**
 * A world where a triumvirate rules and Trotsky and Radek, in opposition, have just issued a platform
 * (through the policy mechanism, at a politics round) that drew members near their line.
 */
function platformWorld(seed: number): World {
  const w = createWorld(eager, seed);
  w.ruling = [gs, zinoviev, kamenev].sort((a, b) => a - b);
  w.opposition = [trotsky, radek].sort((a, b) => a - b);
  w.shockTicks = w.shockTicks.map(() => -1);
  w.tick = PLATFORM_TICK;
  policy.step(w);
  expect(w.platformTick).toBe(PLATFORM_TICK);
  expect(w.events.filter((e) => e.type === "platform")).toHaveLength(1);
  return w;
}

describe("the ban on factions", () => {
  it("a platform issued this tick gets its leaders charged and its sympathisers purged", () => {
    const { purgeShare, recantShare } = sc.params.factionBan;
    for (const seed of [1, 2, 3]) {
      const w = platformWorld(seed);
      const members = w.members.count();
      const before = sympathisers(w);
      expect(before).toBeGreaterThan(1000);
      factionBan.step(w);
      expect(w.people[trotsky]!.charged).toBe(true);
      expect(w.people[radek]!.charged).toBe(true);
      for (const i of w.ruling) expect(w.people[i]!.charged).toBe(false);
      const [e] = charges(w);
      expect(charges(w)).toHaveLength(1);
      expect(e!.tick).toBe(PLATFORM_TICK);
      expect(e!.by).toEqual(w.ruling.map((i) => sc.people[i]!.id));
      expect([...e!.against].sort()).toEqual(["radek", "trotsky"]);
      // About purgeShare of the sympathisers are expelled; about recantShare of the rest give up the platform.
      expect(Math.abs(e!.expelled - purgeShare * before)).toBeLessThan(0.02 * before);
      expect(w.members.count()).toBeCloseTo(members - e!.expelled, 6);
      expect(w.left).toBe(e!.expelled);
      const expectedLeft = (before - e!.expelled) * (1 - recantShare);
      expect(Math.abs(sympathisers(w) - expectedLeft)).toBeLessThan(0.05 * before);
    }
  });

  it("the charge answers only a platform issued this tick, by a coalition that holds the line, and only once", () => {
    const stale = platformWorld(1);
    stale.tick = PLATFORM_TICK + 1;
    factionBan.step(stale);
    expect(charges(stale)).toEqual([]);
    expect(stale.people[trotsky]!.charged).toBe(false);

    const nobodyRules = platformWorld(1);
    nobodyRules.ruling = [];
    factionBan.step(nobodyRules);
    expect(charges(nobodyRules)).toEqual([]);

    const again = platformWorld(1);
    factionBan.step(again);
    // A year later the same leaders issue another platform: they are charged already.
    again.tick = PLATFORM_TICK + 56;
    policy.step(again);
    expect(again.platformTick).toBe(again.tick);
    const members = again.members.count();
    factionBan.step(again);
    expect(charges(again)).toHaveLength(1);
    expect(again.members.count()).toBe(members);
  });

  it("chargePull and intervalFactor are neutral for the uncharged, and when the mechanism is off", () => {
    const { chargeBonus, intervalFactor: factor } = sc.params.factionBan;
    const w = createWorld(sc, 1);
    expect(chargePull(w, trotsky)).toBe(0);
    expect(intervalFactor(w, trotsky)).toBe(1);
    expect(chargePull(w, -1)).toBe(0);
    w.people[trotsky]!.charged = true;
    expect(chargePull(w, trotsky)).toBe(chargeBonus);
    expect(chargeBonus).toBeGreaterThan(0);
    expect(intervalFactor(w, trotsky)).toBe(factor);
    expect(factor).toBeLessThan(1);

    const off = createWorld(bolshevik({ "mechanisms.factionBan.enabled": false }), 1);
    off.people[trotsky]!.charged = true;
    expect(chargePull(off, trotsky)).toBe(0);
    expect(intervalFactor(off, trotsky)).toBe(1);
  });

  it("a committee vote against a charged leader draws more support than against him uncharged", () => {
    const w = createWorld(sc, 1);
    const proposers = [gs, zinoviev, kamenev].sort((a, b) => a - b);
    let charged = 0;
    let uncharged = 0;
    let wins = 0;
    for (let k = 0; k < 200; k++) {
      // Same draws for both votes: only the charge differs.
      w.people[trotsky]!.charged = false;
      const a = committeeVote(w, new Streams(k).get("vote"), proposers, trotsky, []);
      w.people[trotsky]!.charged = true;
      const b = committeeVote(w, new Streams(k).get("vote"), proposers, trotsky, []);
      expect(a.for + a.against + a.abstain).toBe(b.for + b.against + b.abstain);
      uncharged += a.for;
      charged += b.for;
      if (b.for > a.for) wins++;
    }
    expect(charged).toBeGreaterThan(uncharged);
    expect(wins).toBeGreaterThan(50);
  });

  it("with the mechanism off, a charge changes no vote", () => {
    const off = bolshevik({ "mechanisms.factionBan.enabled": false });
    const w = createWorld(off, 1);
    const proposers = [gs, zinoviev, kamenev].sort((a, b) => a - b);
    for (let k = 0; k < 30; k++) {
      w.people[trotsky]!.charged = false;
      const a = committeeVote(w, new Streams(k).get("vote"), proposers, trotsky, []);
      w.people[trotsky]!.charged = true;
      const b = committeeVote(w, new Streams(k).get("vote"), proposers, trotsky, []);
      expect(b).toEqual(a);
    }
  });
});
