import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import type { CompiledScenario } from "../../scenario/compile.ts";
import { yearsPerTick } from "../calendar.ts";
import type { PlatformEvent, ShockEvent } from "../events.ts";
import { createWorld, type World } from "../world.ts";
import { mood, moods, policy, rulingLine } from "./policy.ts";

const sc = bolshevik();
const gs = personIndex(sc, "stalin");
const trotsky = personIndex(sc, "trotsky");
const zinoviev = personIndex(sc, "zinoviev");
const rykov = personIndex(sc, "rykov");
const tomsky = personIndex(sc, "tomsky");
const lenin = personIndex(sc, "lenin");
const ticksPerYear = 1 / yearsPerTick(sc.clock);

/** A world with no exogenous shocks scheduled. */
function quietWorld(s: CompiledScenario, seed: number): World {
  const w = createWorld(s, seed);
  w.shockTicks = w.shockTicks.map(() => -1);
  return w;
}

function stepPolicy(w: World, from: number, ticks: number, go: () => boolean = () => true): void {
  for (let t = from; t < from + ticks && go(); t++) {
    w.tick = t;
    policy.step(w);
  }
}

function sympathisers(w: World): number {
  let s = 0;
  for (let r = 0; r < w.regions.length; r++) s += w.members.sympathisers(r);
  return s;
}

function platforms(w: World): PlatformEvent[] {
  return w.events.filter((e): e is PlatformEvent => e.type === "platform");
}

describe("policy and ideology", () => {
  it("an economic shock moves the members' mean line by about severity × opinionShock and emits a shock event", () => {
    const { opinionShock } = sc.params.policy;
    for (const id of ["scissors-crisis", "grain-crisis"]) {
      const k = sc.shocks.findIndex((s) => s.id === id);
      const shock = sc.shocks[k]!;
      expect(shock.kind).toBe("economic");
      const w = quietWorld(sc, 2);
      w.shockTicks[k] = 5;
      const blocs = w.blocs.map((b) => b.ideology);
      // Nothing at other ticks (tick 4 is a politics round, without platforms or shocks).
      const before = mood(w);
      stepPolicy(w, 3, 2);
      expect(mood(w)).toBe(before);
      expect(w.events.filter((e) => e.type === "shock")).toEqual([]);
      w.tick = 5;
      policy.step(w);
      const moved = mood(w) - before;
      const expected = shock.severity * opinionShock;
      expect(Math.abs(moved - expected)).toBeLessThan(0.15 * Math.abs(expected));
      const events = w.events.filter((e): e is ShockEvent => e.type === "shock");
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ id, severity: shock.severity, tick: 5 });
      // The committee's anonymous blocs move half as far.
      expect(w.blocs.length).toBeGreaterThan(0);
      w.blocs.forEach((b, i) => {
        expect(b.ideology).toBeCloseTo(Math.max(-1, Math.min(1, blocs[i]! + expected / 2)), 12);
      });
    }
  });

  it("a flexible leader follows the party's mood within a few years; an inflexible one barely moves", () => {
    // Rykov and Tomsky stand at the same place with the same (low) flexibility; make Tomsky flexible.
    const s = bolshevik({
      "people.tomsky.attributes.flexibility.range": [0, 1],
      "people.tomsky.attributes.flexibility": 0.9,
    });
    const w = quietWorld(s, 1);
    expect(w.people[rykov]!.ideology).toBe(w.people[tomsky]!.ideology);
    const target = mood(w);
    const gap0 = Math.abs(w.people[rykov]!.ideology - target);
    expect(gap0).toBeGreaterThan(0.3);
    expect(w.founder).toBe(lenin);
    w.people[lenin]!.ideology = -0.9; // the founder stands where he stands
    const gaps: { rykov: number; tomsky: number }[] = [];
    for (let year = 0; year < 3; year++) {
      stepPolicy(w, year * 52, 52);
      gaps.push({
        rykov: Math.abs(w.people[rykov]!.ideology - target),
        tomsky: Math.abs(w.people[tomsky]!.ideology - target),
      });
    }
    // Both move toward the mood every year, the flexible one far faster.
    for (let k = 0; k < gaps.length; k++) {
      const prev = k === 0 ? { rykov: gap0, tomsky: gap0 } : gaps[k - 1]!;
      expect(gaps[k]!.rykov).toBeLessThan(prev.rykov);
      expect(gaps[k]!.tomsky).toBeLessThan(prev.tomsky);
    }
    expect(gaps[2]!.tomsky).toBeLessThan(0.2 * gap0);
    expect(gaps[2]!.rykov).toBeGreaterThan(0.8 * gap0);
    expect(w.people[lenin]!.ideology).toBe(-0.9);
    expect(w.events.some((e) => e.type === "line-shift" && e.person === "tomsky")).toBe(true);
    expect(w.events.some((e) => e.type === "line-shift" && e.person === "rykov")).toBe(false);
  });

  it("an inflexible leader pays standing for moving: (1 − flexibility) × shiftCost per unit moved", () => {
    const { shiftCost } = sc.params.policy;
    const s = bolshevik({
      "people.tomsky.attributes.flexibility.range": [0, 1],
      "people.tomsky.attributes.flexibility": 1,
    });
    const w = quietWorld(s, 1);
    const start = w.people.map((p) => ({
      ideology: p.ideology,
      positions: [...p.positions],
      prestige: p.prestige,
    }));
    // Stalin starts at the party's mood on every axis: he has nowhere to go and pays nothing.
    w.people[gs]!.positions = moods(w);
    w.people[gs]!.ideology = mood(w);
    start[gs]!.ideology = mood(w);
    stepPolicy(w, 0, 2 * 52);
    // Movement on every policy axis counts.
    const moved = (i: number) =>
      Math.abs(w.people[i]!.ideology - start[i]!.ideology) +
      w.people[i]!.positions.slice(1).reduce((a, x, k) => a + Math.abs(x - start[i]!.positions[k + 1]!), 0);
    const paid = (i: number) => start[i]!.prestige - w.people[i]!.prestige;
    const flexibility = sc.people[rykov]!.flexibility;
    expect(moved(rykov)).toBeGreaterThan(0.01);
    expect(paid(rykov)).toBeCloseTo((1 - flexibility) * shiftCost * moved(rykov), 9);
    expect(paid(rykov)).toBeGreaterThan(0);
    // The fully flexible Tomsky moves much further for nothing.
    expect(moved(tomsky)).toBeGreaterThan(5 * moved(rykov));
    expect(paid(tomsky)).toBe(0);
    expect(paid(gs)).toBeLessThan(1e-6);
  });

  it("an executive member far from the ruling line turns to opposition; one close to it does not", () => {
    const w = quietWorld(sc, 1);
    w.ruling = [gs];
    w.people[gs]!.ideology = 0;
    w.people[trotsky]!.ideology = -1;
    w.people[zinoviev]!.ideology = -0.2;
    const kamenev = personIndex(sc, "kamenev");
    w.people[kamenev]!.ideology = -1;
    w.people[kamenev]!.capitulated = true; // he has submitted: no opposition whatever his line
    w.tick = 0;
    policy.step(w);
    expect(w.line).toBeCloseTo(w.people[gs]!.ideology, 12);
    expect(w.line).toBeCloseTo(rulingLine(w), 12);
    expect(Math.abs(w.people[trotsky]!.ideology - w.line)).toBeGreaterThan(
      sc.params.policy.oppositionDistance,
    );
    expect(w.people[trotsky]!.opposes).toBe(true);
    expect(w.people[zinoviev]!.opposes).toBe(false);
    expect(w.people[kamenev]!.opposes).toBe(false);
    expect(w.people[gs]!.opposes).toBe(false);

    // A ruler is never in opposition to his own line, however far from his partners.
    const r = quietWorld(sc, 1);
    r.ruling = [gs, trotsky].sort((a, b) => a - b);
    r.people[gs]!.ideology = 1;
    r.people[trotsky]!.ideology = -1;
    r.tick = 0;
    policy.step(r);
    expect(r.people[trotsky]!.opposes).toBe(false);
    expect(r.people[gs]!.opposes).toBe(false);
  });

  it("a leader already pushed down the ladder stays in opposition when the line comes back toward him", () => {
    const { oppositionDistance } = sc.params.policy;
    for (const [rung, capitulated, stays] of [
      [0, false, false],
      [1, false, true],
    ] as const) {
      const w = quietWorld(sc, 1);
      w.ruling = [gs];
      w.people[gs]!.ideology = 0;
      w.people[trotsky]!.ideology = -1;
      w.tick = 0;
      policy.step(w);
      expect(w.people[trotsky]!.opposes).toBe(true);
      // The rulers concede most of the way: well inside the distance at which an opponent returns.
      w.people[trotsky]!.rung = rung;
      w.people[trotsky]!.capitulated = capitulated;
      w.people[gs]!.ideology = -1 + 0.3 * oppositionDistance;
      w.tick = 4 * 52;
      policy.step(w);
      expect(Math.abs(w.people[trotsky]!.ideology - w.line)).toBeLessThan(0.5 * oppositionDistance);
      expect(w.people[trotsky]!.opposes).toBe(stays);
    }
  });

  it("an opposition platform mobilises members near its line and emits a platform event, at most once a year", () => {
    for (const seed of [1, 2]) {
      const w = quietWorld(sc, seed);
      w.ruling = [gs];
      w.opposition = [trotsky];
      expect(sympathisers(w)).toBe(0);
      stepPolicy(w, 0, 5 * 52, () => platforms(w).length === 0);
      const [e] = platforms(w);
      expect(e).toBeDefined();
      expect(e!.leaders).toEqual(["trotsky"]);
      expect(e!.line).toBeCloseTo(w.people[trotsky]!.ideology, 2);
      expect(w.platformTick).toBe(e!.tick);
      expect(e!.sympathisers).toBeGreaterThan(0);
      expect(sympathisers(w)).toBe(e!.sympathisers);
      // The left-leaning army organisation rallies far more than the right-leaning Black Earth.
      const share = (id: string) => {
        const r = sc.regions.findIndex((x) => x.id === id);
        return w.members.sympathisers(r) / w.members.count(r);
      };
      expect(share("red-army")).toBeGreaterThan(2 * share("black-earth"));
      // Later platforms come at least a year apart.
      stepPolicy(w, e!.tick + 1, 6 * 52);
      const ticks = platforms(w).map((p) => p.tick);
      expect(ticks.length).toBeGreaterThan(1);
      for (let k = 1; k < ticks.length; k++)
        expect(ticks[k]! - ticks[k - 1]!).toBeGreaterThanOrEqual(ticksPerYear);
    }
  });

  it("without an opposition bloc (or with one that has capitulated) there is no platform", () => {
    const w = quietWorld(sc, 1);
    w.ruling = [gs];
    stepPolicy(w, 0, 5 * 52);
    w.opposition = [trotsky];
    w.people[trotsky]!.capitulated = true;
    stepPolicy(w, 5 * 52, 5 * 52);
    expect(platforms(w)).toEqual([]);
    expect(sympathisers(w)).toBe(0);
  });
});
