import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import type { CompiledScenario } from "../../scenario/compile.ts";
import type { RecantationEvent, RemovalEvent } from "../events.ts";
import { commandsForce, resistChance, strongestForce } from "../influence.ts";
import { applyRung } from "../ladder.ts";
import { followedLeader, realPowers } from "../power.ts";
import { topMembers } from "../seats.ts";
import { createWorld, type World } from "../world.ts";
import { bodies } from "./bodies.ts";
import { coalitions } from "./coalitions.ts";
import { coercion } from "./coercion.ts";
import { kill } from "./health.ts";

const sc = bolshevik();
const off = bolshevik({ "mechanisms.coercion.enabled": false });
/** Defeated leaders recant almost at once, and their truces hold: the rules, not the wait, are under test. */
const eager = bolshevik({
  "mechanisms.coercion.params.recantPerYear.range": [0, 100],
  "mechanisms.coercion.params.recantPerYear": 60,
  "mechanisms.coercion.params.truceBreakPerYear": undefined,
});
const gs = personIndex(sc, "stalin");
const trotsky = personIndex(sc, "trotsky");
const zinoviev = personIndex(sc, "zinoviev");
const kamenev = personIndex(sc, "kamenev");
const bukharin = personIndex(sc, "bukharin");
const rykov = personIndex(sc, "rykov");
const tomsky = personIndex(sc, "tomsky");
const lenin = personIndex(sc, "lenin");
const dzerzhinsky = personIndex(sc, "dzerzhinsky");
const every = Math.round((sc.params.coalitions.politicsEveryWeeks * 7) / sc.clock.tickDays);
const office = (id: string) => sc.offices.findIndex((o) => o.id === id);

function removals(w: World): RemovalEvent[] {
  return w.events.filter((e): e is RemovalEvent => e.type === "removal");
}

function recantations(w: World): RecantationEvent[] {
  return w.events.filter((e): e is RecantationEvent => e.type === "recantation");
}

/** Puts a leader at a rung of the ladder (1-based), taking from him what the steps up to it take. */
function beaten(w: World, person: number, rung: number): void {
  const before = w.events.length;
  applyRung(w, person, rung - 1, []);
  w.events.length = before;
}

/** Whether the coalition and its clients hold a majority of the top body's full seats. */
function holdsExecutive(w: World, coalition: number[]): boolean {
  const top = topMembers(w);
  return (
    top.filter((i) => coalition.includes(i) || coalition.includes(followedLeader(w, i))).length * 2 >
    top.length
  );
}

/**
 * Stalin rules alone with the Politburo behind him; the others follow him, and Trotsky, expelled
 * and stripped of the army, is the one target left. The strongest force is the political police.
 */
function exileWorld(s: CompiledScenario, seed: number): World {
  const w = createWorld(s, seed);
  coalitions.setup!(w);
  kill(w, lenin, "scheduled", null);
  beaten(w, trotsky, 4);
  for (const i of [zinoviev, kamenev, bukharin, rykov, tomsky]) {
    // Loyal followers, not beaten men who recanted (those would still lose their leading posts).
    w.people[i]!.patron = gs;
  }
  w.events = [];
  return w;
}

/** Politics rounds, with the bodies sitting in between to vote on what was tabled. */
function politics(w: World, rounds: number): void {
  for (let t = 1; t <= rounds * every; t++) {
    w.tick = t;
    coalitions.step(w);
    bodies.step(w);
  }
}

describe("coercion", () => {
  it("a coalition commands force only if it holds the strongest force, directly or through a client", () => {
    const w = createWorld(sc, 1);
    expect(strongestForce(w).holder).toBe(trotsky);
    expect(commandsForce(w, [gs])).toBe(false);
    expect(commandsForce(w, [trotsky])).toBe(true);
    expect(commandsForce(w, [gs, trotsky])).toBe(true);
    // Without the army, the political police is the strongest force; its chief is nobody's client.
    w.officeHolder[office("war-commissar")] = -1;
    expect(strongestForce(w).holder).toBe(dzerzhinsky);
    expect(commandsForce(w, [gs])).toBe(false);
    expect(commandsForce(w, [gs, zinoviev, kamenev])).toBe(false);
    // Once he owes his post to the General Secretary, the force is the General Secretary's.
    w.people[dzerzhinsky]!.patron = gs;
    expect(commandsForce(w, [gs])).toBe(true);
    expect(commandsForce(w, [zinoviev, kamenev])).toBe(false);
    // An ailing commissar's army counts for less than a fit police chief's force.
    const ill = createWorld(sc, 1);
    ill.people[trotsky]!.capacity = 0.4;
    expect(strongestForce(ill).holder).toBe(dzerzhinsky);
    expect(commandsForce(ill, [trotsky])).toBe(false);
  });

  it("switched off, every coalition counts as commanding force", () => {
    const w = createWorld(off, 1);
    expect(commandsForce(w, [gs])).toBe(true);
    expect(commandsForce(w, [zinoviev])).toBe(true);
  });

  it("exile and deportation are not carried out by a coalition that lacks force", () => {
    for (const seed of [1, 2, 3]) {
      const w = exileWorld(sc, seed);
      expect(holdsExecutive(w, [gs])).toBe(true);
      expect(commandsForce(w, [gs])).toBe(false);
      politics(w, 100);
      expect(w.ruling).toEqual([gs]);
      expect(w.people[trotsky]!.rung).toBe(4);
      expect(removals(w)).toEqual([]);
      expect(w.events.some((e) => e.type === "vote")).toBe(false);
    }
  });

  it("with the police behind it (or with the mechanism off) the same coalition exiles, then deports", () => {
    for (const [s, police] of [
      [sc, true],
      [off, false],
    ] as const) {
      for (const seed of [1, 2, 3]) {
        const w = exileWorld(s, seed);
        if (police) w.people[dzerzhinsky]!.patron = gs;
        expect(commandsForce(w, [gs])).toBe(true);
        politics(w, 100);
        expect(removals(w).map((e) => [e.person, e.rung])).toEqual([
          ["trotsky", "internal-exile"],
          ["trotsky", "deportation"],
        ]);
        expect(w.people[trotsky]!.rung).toBe(6);
        for (const e of w.events.filter((x) => x.type === "vote"))
          expect(e).toMatchObject({ body: "politburo" });
      }
    }
  });

  it("a beaten leader recants: he submits to the strongest ruler and, if expelled, is readmitted at rung 3", () => {
    for (const seed of [1, 2, 3, 4]) {
      const w = createWorld(eager, seed);
      w.ruling = [gs, bukharin].sort((a, b) => a - b);
      beaten(w, trotsky, 4); // expelled
      beaten(w, zinoviev, 2); // off the Politburo
      // Kamenev opposes but has lost nothing yet: not beaten.
      for (const i of [trotsky, zinoviev, kamenev]) {
        w.people[i]!.charged = true;
        w.people[i]!.opposes = true;
      }
      w.opposition = [trotsky, zinoviev, kamenev].sort((a, b) => a - b);
      w.motions = [
        {
          kind: "remove",
          body: sc.committee,
          target: zinoviev,
          rung: 2,
          office: -1,
          region: -1,
          sponsors: [gs],
          queuedTick: 0,
          appeal: null,
        },
      ];
      const power = realPowers(w);
      const winner = power[gs]! >= power[bukharin]! ? gs : bukharin;
      for (let k = 0; k < 30; k++) {
        w.tick = k * every;
        coercion.step(w);
      }
      const events = recantations(w);
      expect(events.map((e) => e.person).sort()).toEqual(["trotsky", "zinoviev"]);
      expect(events.find((e) => e.person === "trotsky")!.readmitted).toBe(true);
      expect(events.find((e) => e.person === "zinoviev")!.readmitted).toBe(false);
      for (const i of [trotsky, zinoviev]) {
        const p = w.people[i]!;
        expect(p.capitulated).toBe(true);
        expect(p.patron).toBe(winner);
        expect(p.charged).toBe(false);
        expect(p.opposes).toBe(false);
        expect(w.opposition).not.toContain(i);
      }
      expect(w.people[trotsky]!.rung).toBe(3);
      expect(w.people[zinoviev]!.rung).toBe(2);
      expect(w.motions).toEqual([]);
      // Neither an opponent who has lost nothing nor the rulers recant.
      expect(w.people[kamenev]!.capitulated).toBe(false);
      expect(w.opposition).toEqual([kamenev]);
      for (const i of w.ruling) expect(w.people[i]!.capitulated).toBe(false);
    }
  });

  it("a deported leader never recants, nor does anyone while no coalition rules", () => {
    const w = createWorld(eager, 1);
    w.ruling = [gs];
    beaten(w, trotsky, 6);
    const noRulers = createWorld(eager, 1);
    beaten(noRulers, trotsky, 4);
    for (let k = 0; k < 100; k++) {
      w.tick = noRulers.tick = k * every;
      coercion.step(w);
      coercion.step(noRulers);
    }
    expect(w.people[trotsky]!.capitulated).toBe(false);
    expect(recantations(w)).toEqual([]);
    expect(recantations(noRulers)).toEqual([]);
  });

  it("at the default rate, the flexible recant sooner than the inflexible", () => {
    // Kamenev (flexibility 0.5) against Bukharin (0.1), both expelled, over a year of rounds.
    let flexible = 0;
    let rigid = 0;
    for (let seed = 0; seed < 40; seed++) {
      const w = createWorld(sc, seed);
      w.ruling = [gs];
      beaten(w, kamenev, 4);
      beaten(w, bukharin, 4);
      for (let k = 0; k < 13; k++) {
        w.tick = k * every;
        coercion.step(w);
      }
      if (w.people[kamenev]!.capitulated) flexible++;
      if (w.people[bukharin]!.capitulated) rigid++;
    }
    expect(flexible).toBeGreaterThan(rigid + 5);
  });

  it("a truce made before expulsion breaks for the ambitious; a recantation bought with readmission holds", () => {
    const keen = bolshevik({
      "mechanisms.coercion.params.truceBreakPerYear.range": [0, 100],
      "mechanisms.coercion.params.truceBreakPerYear": 60,
    });
    const w = createWorld(keen, 1);
    w.ruling = [gs];
    beaten(w, zinoviev, 2); // off the Politburo, still in the party
    beaten(w, kamenev, 4); // expelled, then readmitted below
    beaten(w, rykov, 2); // no ambition to speak of
    for (const i of [zinoviev, kamenev, rykov]) w.people[i]!.capitulated = true;
    w.people[kamenev]!.rung = 3; // readmitted: back in the party without a committee seat
    expect(sc.people[rykov]!.ambition).toBeLessThan(sc.params.coalitions.contenderAmbition);
    expect(sc.people[zinoviev]!.ambition).toBeGreaterThanOrEqual(sc.params.coalitions.contenderAmbition);
    w.tick = 0;
    coercion.step(w);
    expect(w.people[zinoviev]!.capitulated).toBe(false);
    expect(w.people[kamenev]!.capitulated).toBe(true);
    expect(w.people[rykov]!.capitulated).toBe(true);
    expect(w.events.filter((e) => e.type === "truce-broken").map((e) => "person" in e && e.person)).toEqual([
      "zinoviev",
    ]);
    // Off by default (the parameter absent): recantations hold.
    const plain = bolshevik({ "mechanisms.coercion.params.truceBreakPerYear": undefined });
    expect(plain.params.coercion.truceBreakPerYear).toBe(0);
  });

  it("resistChance is 0 without force, positive with it, and 0 when the mechanism is off", () => {
    const w = createWorld(sc, 1);
    expect(resistChance(w, gs)).toBe(0);
    expect(resistChance(w, zinoviev)).toBe(0);
    const armed = resistChance(w, trotsky);
    expect(armed).toBeGreaterThan(0);
    expect(armed).toBeLessThanOrEqual(1);
    w.officeHolder[office("war-commissar")] = -1;
    expect(resistChance(w, trotsky)).toBe(0);
    const o = createWorld(off, 1);
    expect(resistChance(o, trotsky)).toBe(0);
  });
});
