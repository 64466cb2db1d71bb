import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevik, bolshevikScenario } from "../../../test/fixtures.ts";
import { readyWorld, tiny, who } from "../../../test/tiny.ts";
import { compileScenario } from "../../scenario/compile.ts";
import type { CompiledScenario } from "../compiled.ts";
import { Model, runScenario } from "../engine.ts";
import type { CoupEvent, VoteEvent } from "../events.ts";
import { strongestForce } from "../influence.ts";
import { rungOfKind } from "../ladder.ts";
import { coalitionLine } from "../players.ts";
import { followedLeader, lineDistance, realPowers } from "../power.ts";
import { lineOf, type World } from "../world.ts";
import { camps, meansOf, preempt } from "./preemption.ts";

type Data = Record<string, unknown> & {
  people: Record<string, unknown>[];
  offices: Record<string, unknown>[];
  bodies: Record<string, unknown>[];
  mechanisms: Record<string, { enabled: boolean; params?: Record<string, unknown> }>;
};

const e = (value: number, range: [number, number]) => ({ value, range, source: "test" });

/** A ladder that ends in arrest, decided by the bureau and needing force. */
const LADDER = [
  { id: "office", kind: "office", decidedBy: "bureau" },
  { id: "bureau", kind: "executive", decidedBy: "committee" },
  { id: "committee", kind: "committee", decidedBy: "committee" },
  { id: "expulsion", kind: "party", decidedBy: "committee" },
  { id: "arrest", kind: "arrest", decidedBy: "bureau", force: true },
];

interface Setup {
  /** Who holds the marshal's office (armed force 1): Ann by default. */
  marshal?: string;
  /** Who holds the editor's office (press 0.6): Bob by default. */
  editor?: string;
  /** Bob's line (Ann's is -0.5). */
  bobLine?: number;
  /** Whether the ladder ends in arrest. */
  arrest?: boolean;
  /** Steps off the table for the whole run. */
  repressed?: string[];
  on?: boolean;
  rate?: number;
  /** The bureau's majority, as a share of the votes cast (a bare majority by default). */
  majority?: { num: number; den: number };
}

/**
 * The tiny party-state: Ann (line -0.5) rules and holds the army; Bob (line +0.5) holds the press; Ned
 * (line -0.4) stands near Ann. Pre-emption on at a rate that makes the chance near certain when it applies.
 */
function state(o: Setup = {}): CompiledScenario {
  const {
    marshal = "a",
    editor = "b",
    bobLine = 0.5,
    arrest = true,
    repressed = [],
    on = true,
    rate = 1000,
  } = o;
  return tiny((raw) => {
    const s = raw as unknown as Data;
    s.offices.find((x) => x.id === "marshal")!.holder = marshal;
    s.offices.find((x) => x.id === "editor")!.holder = editor;
    const bob = s.people.find((p) => p.id === "b")!;
    (bob.attributes as Record<string, unknown>).ideology = e(bobLine, [-1, 1]);
    if (arrest) s.ladder = LADDER;
    if (repressed.length) s.repression = [{ from: "2000-01-03", until: "2003-01-06", rungs: repressed }];
    s.mechanisms.preemption = {
      enabled: on,
      params: { ratePerYear: e(rate, [0, 10000]), distance: e(0.5, [0, 2]) },
    };
  });
}

const coups = (w: World) => w.events.filter((x): x is CoupEvent => x.type === "coup");
const DT = 4 / 52;

describe("pre-emptive arrest", () => {
  it("arrests the feared camp when arrest is on the ladder, the rulers hold the force and the rival the press", () => {
    const sc = state();
    const w = readyWorld(sc);
    const [a, b, n] = [who(sc, "a"), who(sc, "b"), who(sc, "n")];
    expect(meansOf(w, b)).toBeCloseTo(0.6);
    // Bob's camp is Bob alone: Ned stands near Ann, and is not far from the ruling line.
    expect(camps(w).map((c) => c.members)).toEqual([[b]]);
    expect(preempt(w, DT)).toBe(true);
    const arrest = rungOfKind(w, "arrest");
    expect(w.people[b]!.rung).toBe(arrest + 1);
    expect(w.people[n]!.rung).toBe(0);
    expect(coups(w)).toEqual([expect.objectContaining({ by: ["a"], force: "a", against: ["b"] })]);
    // The bureau is asked to endorse it, and (Bob gone) does.
    const endorse = w.events.find((x): x is VoteEvent => x.type === "vote" && x.motion === "endorse:arrest");
    expect(endorse).toMatchObject({ body: "bureau", target: "b", proposers: ["a"], passed: true });
    expect(w.people[a]!.prestige).toBeLessThan(sc.people[a]!.prestige);
  });

  it("an arrest the bureau refuses to endorse is undone, and the rulers lose standing", () => {
    // Nine votes in ten needed: one member against is enough to refuse it.
    const sc = state({ majority: { num: 9, den: 10 } });
    const [a, b] = [who(sc, "a"), who(sc, "b")];
    let refused = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const w = readyWorld(sc, seed);
      const seated = w.seats[sc.executive]!.full.includes(b);
      expect(preempt(w, DT)).toBe(true);
      const vote = w.events.find((x): x is VoteEvent => x.type === "vote" && x.motion === "endorse:arrest")!;
      if (vote.passed) {
        expect(w.people[b]!.rung).toBe(rungOfKind(w, "arrest") + 1);
        continue;
      }
      refused++;
      expect(w.people[b]!.rung).toBe(0);
      expect(w.seats[sc.executive]!.full.includes(b)).toBe(seated);
      expect(w.events.filter((x) => x.type === "reversal")).toEqual([
        expect.objectContaining({ body: "bureau", person: "b", rung: "arrest", overturned: ["a"] }),
      ]);
      expect(w.people[a]!.prestige).toBeCloseTo(sc.people[a]!.prestige - 2 * sc.params.coercion.coupCost);
      expect(w.coalitionDefeated).toBe(true);
    }
    expect(refused).toBeGreaterThan(0);
  });

  it("never fires without arrest on the ladder, or while a repression period takes it off the table", () => {
    for (const sc of [state({ arrest: false }), state({ repressed: ["arrest"] })]) {
      const w = readyWorld(sc);
      expect(preempt(w, DT)).toBe(false);
      expect(coups(w)).toEqual([]);
      // Over a whole run too.
      const r = runScenario(sc, { seed: 2 });
      expect(
        r.events.some((x) => x.type === "coup" || (x.type === "vote" && x.motion.startsWith("endorse"))),
      ).toBe(false);
    }
  });

  it("never fires when the rival's side holds the strongest force", () => {
    const w = readyWorld(state({ marshal: "b" }));
    expect(preempt(w, DT)).toBe(false);
    expect(coups(w)).toEqual([]);
  });

  it("never fires against a rival without means, or near the rulers' line", () => {
    for (const sc of [state({ editor: "a" }), state({ bobLine: -0.2 })]) {
      const w = readyWorld(sc);
      expect(preempt(w, DT)).toBe(false);
      expect(w.people[who(sc, "b")]!.rung).toBe(0);
    }
  });

  it("fires at a rate: none at rate 0, and at a moderate rate sometimes but not always", () => {
    expect(preempt(readyWorld(state({ rate: 0 })), DT)).toBe(false);
    let fired = 0;
    for (let seed = 1; seed <= 200; seed++) if (preempt(readyWorld(state({ rate: 5 }), seed), DT)) fired++;
    // Chance 1 − exp(−5 × ruthlessness 0.5 × force 1 × means 0.6 × 4/52) ≈ 0.11.
    expect(fired).toBeGreaterThan(8);
    expect(fired).toBeLessThan(45);
  });

  it("arrests only leaders outside the ruling coalition and far from its line, and only with the force behind it", () => {
    let strikes = 0;
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.constantFrom("a", "b", "n"),
        fc.constantFrom("a", "b", "n"),
        fc.integer({ min: 1, max: 1000 }),
        (bobLine, marshal, editor, seed) => {
          const sc = state({ bobLine, marshal, editor });
          const w = readyWorld(sc, seed);
          const rulers = [...w.ruling];
          const real = realPowers(w);
          const line = coalitionLine(w, rulers, (i) => real[i]!);
          const far = w.people.map((p) => lineDistance(w, lineOf(p), line));
          const { holder } = strongestForce(w);
          const fired = preempt(w, DT);
          const arrested = coups(w).flatMap((c) => c.against.map((id) => who(sc, id)));
          expect(fired).toBe(arrested.length > 0);
          if (!fired) return;
          strikes++;
          expect(rulers.includes(holder) || rulers.includes(followedLeader(w, holder))).toBe(true);
          for (const i of arrested) {
            expect(rulers).not.toContain(i);
            expect(far[i]!).toBeGreaterThanOrEqual(sc.params.preemption.distance);
          }
        },
      ),
      { numRuns: 40 },
    );
    // The cases are not all idle: some strike.
    expect(strikes).toBeGreaterThan(0);
  });

  it("is off unless a scenario switches it on", () => {
    const sc = tiny();
    expect(sc.enabled.preemption).toBe(false);
    expect(sc.params.preemption.ratePerYear).toBe(0);
    expect(bolshevik().enabled.preemption).toBe(false);
  });

  it("replays byte for byte from the same seed", () => {
    const sc = state({ rate: 5 });
    const a = JSON.stringify(runScenario(sc, { seed: 7 }));
    expect(JSON.stringify(runScenario(sc, { seed: 7 }))).toBe(a);
  });

  it("switched on in the Bolshevik scenario, changes nothing: arrests are off the table in its period", () => {
    const data = structuredClone(bolshevikScenario());
    data.mechanisms.preemption = {
      enabled: true,
      params: { ratePerYear: { value: 1000, range: [0, 1000], source: "model" } },
      evidence: [],
    };
    const on = compileScenario(data);
    expect(on.enabled.preemption).toBe(true);
    const until = "1925-01-01";
    const m = new Model(on, { seed: 3, until });
    while (!m.done) m.step();
    expect(JSON.stringify(m.result())).toBe(JSON.stringify(runScenario(bolshevik(), { seed: 3, until })));
  });
});
