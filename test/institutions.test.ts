/**
 * The institutions as they work, on a tiny constructed party-state (test/tiny.ts): bodies decide by their
 * members' votes (a member who seeks no power can decide a motion), a body's decision can be overturned by the
 * body that elects it, offices are created and abolished on their dates, a vacancy goes only to an eligible
 * person, and armed force can tip a vote. Then, on the Bolshevik scenario, nobody ever holds more posts than
 * the scenario allows.
 */
import { describe, expect, it } from "vitest";
import { Model } from "../src/kernel/engine.ts";
import type { SimEvent, VoteEvent } from "../src/kernel/events.ts";
import { contenders } from "../src/kernel/players.ts";
import { capability, officesHeld } from "../src/kernel/power.ts";
import { holdSession, table } from "../src/kernel/sessions.ts";
import { vote } from "../src/kernel/votes.ts";
import type { World } from "../src/kernel/world.ts";
import { bolshevik } from "./fixtures.ts";
import { readyWorld, tiny, who } from "./tiny.ts";

/** Tables a removal of `target` at ladder step `rung` in `body`, moved by `sponsors`. */
function moveToRemove(w: World, body: number, target: number, rung: number, sponsors: number[]): void {
  table(w, { kind: "remove", body, target, rung, office: -1, region: -1, sponsors, appeal: null });
}

const votes = (w: World, prefix: string): VoteEvent[] =>
  w.events.filter((e): e is VoteEvent => e.type === "vote" && e.motion.startsWith(prefix));

/** Puts Ned's line near one side or the other. */
const nedNear = (side: number) => (s: Record<string, unknown>) => {
  const people = s.people as { id: string; attributes?: Record<string, { value: number }> }[];
  people.find((p) => p.id === "n")!.attributes!.ideology!.value = side;
};

describe("bodies vote", () => {
  it("a member who seeks no power decides a motion of the top body when the two sides are even", () => {
    // Ann and her client against Bob and his: two votes each. Ned, who contends for nothing, decides.
    for (const [side, wantPassed] of [
      [-0.5, 0.8],
      [0.5, 0.2],
    ] as const) {
      const sc = tiny(nedNear(side));
      const [a, b, n] = ["a", "b", "n"].map((x) => who(sc, x)) as [number, number, number];
      let passed = 0;
      const seeds = 60;
      for (let seed = 0; seed < seeds; seed++) {
        const w = readyWorld(sc, seed);
        expect(contenders(w, w.players)).not.toContain(n);
        const bureau = sc.executive;
        const out = vote(w, w.streams.get("test"), bureau, { sponsors: [a], target: b, opponents: [] });
        expect(out.tally.for + out.tally.against).toBe(5);
        // Whatever he did decided it: he is the swing voter, and the motion went his way.
        expect(out.swing).toEqual([n]);
        expect(out.passed).toBe(out.ballots.get(n) === "for");
        if (out.passed) passed++;
      }
      // He leans to the side nearer his own line (Ann's line is -0.5, Bob's +0.5).
      if (wantPassed > 0.5) expect(passed / seeds).toBeGreaterThan(0.6);
      else expect(passed / seeds).toBeLessThan(0.4);
    }
  });

  it("every named member's ballot is in the event log, with the tally and the swing voter", () => {
    const sc = tiny(nedNear(-0.5));
    const [a, b] = ["a", "b"].map((x) => who(sc, x)) as [number, number];
    const w = readyWorld(sc, 3);
    // The office step is decided by the top body (this scenario keeps the default ladder).
    expect(sc.ladder[0]).toMatchObject({ id: "office", decidedBy: sc.executive });
    moveToRemove(w, sc.executive, b, 0, [a]);
    w.tick = 1;
    holdSession(w, sc.executive);
    const [e] = votes(w, "remove:office");
    expect(e).toBeDefined();
    expect(e!.ballots).toMatchObject({ a: "for", c: "for", b: "against", d: "against" });
    expect(Object.keys(e!.ballots!).sort()).toEqual(["a", "b", "c", "d", "n"]);
    expect(e!.for + e!.against + e!.abstain).toBe(5);
    expect(e!.swing).toEqual(["n"]);
    expect(e!.passed).toBe(e!.ballots!.n === "for");
  });

  it("a decision of the top body is overturned on appeal by the committee that elects it", () => {
    // The office step is decided by the bureau; Bob's men hold the committee.
    const sc = tiny((s) => {
      (s as Record<string, unknown>).ladder = [
        { id: "office", kind: "office", decidedBy: "bureau" },
        { id: "bureau-seat", kind: "executive", decidedBy: "committee" },
        { id: "expulsion", kind: "party", decidedBy: "committee" },
      ];
      const cc = s.centralCommittee as { blocs: { id: string; seats: number }[] };
      cc.blocs.find((x) => x.id === "b-men")!.seats = 20;
      nedNear(-0.5)(s);
    });
    const [a, b] = ["a", "b"].map((x) => who(sc, x)) as [number, number];
    let overturned = 0;
    for (let seed = 0; seed < 20; seed++) {
      const w = readyWorld(sc, seed);
      const bureau = sc.executive;
      moveToRemove(w, bureau, b, 0, [a]);
      w.tick = 1;
      holdSession(w, bureau);
      const [removal] = votes(w, "remove:office");
      if (!removal?.passed) continue;
      expect(officesHeld(w, b)).toEqual([]);
      // Bob appeals at once; his side holds most of the committee's seats, so it is convened early.
      const session = w.events.find((e) => e.type === "session");
      expect(session).toMatchObject({ body: "committee", reason: "appeal" });
      w.tick = 2;
      expect(w.meets[sc.committee]![2]).toBe(2);
      holdSession(w, sc.committee);
      const [appeal] = votes(w, "appeal:");
      expect(appeal).toMatchObject({ body: "committee", passed: true, extraordinary: true });
      const reversal = w.events.find((e) => e.type === "reversal");
      expect(reversal).toMatchObject({ person: "b", rung: "office", overturned: ["a"] });
      expect(
        officesHeld(w, b)
          .map((o) => sc.offices[o]!.id)
          .sort(),
      ).toEqual(["editor", "marshal"]);
      // Ned, who seeks nothing, voted in both bodies.
      expect(removal.ballots).toHaveProperty("n");
      expect(appeal!.ballots).toHaveProperty("n");
      overturned++;
    }
    expect(overturned).toBeGreaterThan(5);
  });

  it("without appeals (bodies switched off) the decision stands", () => {
    const sc = tiny((s) => {
      (s as Record<string, unknown>).ladder = [{ id: "office", kind: "office", decidedBy: "bureau" }];
      (s.mechanisms as { bodies: { enabled: boolean } }).bodies.enabled = false;
      const cc = s.centralCommittee as { blocs: { id: string; seats: number }[] };
      cc.blocs.find((x) => x.id === "b-men")!.seats = 20;
    });
    const [a, b] = ["a", "b"].map((x) => who(sc, x)) as [number, number];
    for (let seed = 0; seed < 10; seed++) {
      const w = readyWorld(sc, seed);
      moveToRemove(w, sc.executive, b, 0, [a]);
      w.tick = 1;
      holdSession(w, sc.executive);
      expect(w.motions.filter((m) => m.kind === "appeal")).toEqual([]);
      expect(w.events.some((e) => e.type === "session" || e.type === "reversal")).toBe(false);
    }
  });
});

describe("offices as data", () => {
  it("an office is created mid-run and taken over by its predecessor's holder; another is abolished", () => {
    const sc = tiny((s) => {
      const offices = s.offices as Record<string, unknown>[];
      offices.find((o) => o.id === "marshal")!.until = "2000-06-05";
      offices.push({
        id: "war-council",
        name: "War council",
        capabilities: { force: 0.6, agenda: 0.2 },
        holder: null,
        appointedBy: "bureau",
        from: "2000-06-05",
        inherits: ["marshal"],
      });
      offices.find((o) => o.id === "editor")!.until = "2001-01-01";
    });
    const b = who(sc, "b");
    const m = new Model(sc, { seed: 1 });
    const w = m.world;
    expect(capability(w, b, "force")).toBe(1);
    const seen: SimEvent[] = [];
    while (!m.done) {
      m.step();
      seen.push(...w.events.filter((e) => e.tick === w.tick - 1 && e.type.startsWith("office-")));
    }
    expect(
      seen.map((e) => [e.type, e.date, "office" in e ? e.office : "", "person" in e ? e.person : ""]),
    ).toEqual([
      ["office-created", "2000-06-05", "war-council", "b"],
      ["office-abolished", "2000-06-05", "marshal", "b"],
      ["office-abolished", "2001-01-01", "editor", "b"],
    ]);
    // The successor's levers replace the predecessor's; the abolished office grants nothing.
    expect(officesHeld(w, b).map((o) => sc.offices[o]!.id)).toEqual(["war-council"]);
    expect(capability(w, b, "force")).toBeCloseTo(0.6, 12);
    expect(capability(w, b, "press")).toBe(0);
  });

  it("a vacancy is filled by a vote of the appointing body, and only with an eligible person", () => {
    const vacant = (pools: string[]) =>
      tiny((s) => {
        const offices = s.offices as Record<string, unknown>[];
        offices.find((o) => o.id === "marshal")!.holder = null;
        const people = s.people as Record<string, unknown>[];
        people.find((p) => p.id === "m")!.pools = pools;
      });
    const sc = vacant(["military"]);
    const marshal = sc.offices.findIndex((o) => o.id === "marshal");
    const m = new Model(sc, { seed: 2, until: "2000-06-01" });
    while (!m.done) {
      m.step();
      const h = m.world.officeHolder[marshal]!;
      // Only Max, the one member of the military pool, may ever hold it.
      expect(h === -1 || sc.people[h]!.id === "m").toBe(true);
    }
    expect(sc.people[m.world.officeHolder[marshal]!]!.id).toBe("m");
    const appointed = m.world.events.find((e) => e.type === "appointment" && e.post.id === "marshal");
    expect(appointed).toMatchObject({ person: "m", body: "bureau" });
    expect(votes(m.world, "appoint:marshal").some((e) => e.passed)).toBe(true);

    // With nobody in the pool, the office stays vacant.
    const none = vacant([]);
    const run = new Model(none, { seed: 2, until: "2000-06-01" });
    while (!run.done) run.step();
    expect(run.world.officeHolder[marshal]).toBe(-1);
  });
});

describe("force", () => {
  /** A committee where Ann's motion against Bob narrowly fails, with the army in Ann's client's hands. */
  const armed = (chance: number, arrest = false) =>
    tiny((s) => {
      const offices = s.offices as Record<string, unknown>[];
      offices.find((o) => o.id === "marshal")!.holder = "c";
      const people = s.people as Record<string, unknown>[];
      people.find((p) => p.id === "c")!.pools = ["military"];
      const a = people.find((p) => p.id === "a") as { attributes: Record<string, { value: number }> };
      a.attributes.ruthlessness!.value = 1;
      nedNear(0.5)(s);
      const cc = s.centralCommittee as { blocs: { id: string; seats: number }[] };
      cc.blocs.find((x) => x.id === "b-men")!.seats = 6;
      const mech = s.mechanisms as Record<string, { enabled: boolean; params: Record<string, unknown> }>;
      mech.coercion!.enabled = true;
      const e = (value: number) => ({ value, range: [0, 1], source: "test" });
      mech.coercion!.params.forceChance = e(chance);
      mech.coercion!.params.forceDelegates = e(0.5);
      if (arrest)
        (s as Record<string, unknown>).ladder = [
          { id: "office", kind: "office" },
          { id: "arrest", kind: "arrest", force: true },
        ];
    });

  it("a chief of armed force tips a vote his side would lose by bringing members in", () => {
    let tipped = 0;
    for (let seed = 0; seed < 20; seed++) {
      const outcome = (chance: number) => {
        const sc = armed(chance);
        const w = readyWorld(sc, seed);
        moveToRemove(w, sc.committee, who(sc, "b"), 0, [who(sc, "a")]);
        w.tick = 1;
        holdSession(w, sc.committee);
        return { w, vote: votes(w, "remove:")[0]! };
      };
      const without = outcome(0);
      const withForce = outcome(1);
      expect(without.w.events.some((e) => e.type === "force")).toBe(false);
      if (without.vote.passed) continue;
      // The same seed, the same ballots, and the votes the army brought in.
      const force = withForce.w.events.find((e) => e.type === "force");
      expect(force).toMatchObject({ by: "c", side: ["a"], body: "committee" });
      expect(withForce.vote.for).toBeGreaterThan(without.vote.for);
      if (withForce.vote.passed) tipped++;
    }
    expect(tipped).toBeGreaterThan(5);
  });

  it("where arrest is on the ladder and not off the table, force arrests the other side instead", () => {
    const sc = armed(1, true);
    const w = readyWorld(sc, 1);
    moveToRemove(w, sc.committee, who(sc, "b"), 0, [who(sc, "a")]);
    w.tick = 1;
    holdSession(w, sc.committee);
    expect(w.events.find((e) => e.type === "coup")).toMatchObject({ by: ["a"], force: "c", against: ["b"] });
    expect(w.events.find((e) => e.type === "removal")).toMatchObject({ person: "b", rung: "arrest" });
    expect(officesHeld(w, who(sc, "b"))).toEqual([]);
  });

  it("in a period when arrest is off the table, the same moment brings members in instead", () => {
    const base = armed(1, true);
    const sc = { ...base, repression: [{ fromTick: 0, untilTick: 1000, rungs: [1] }] };
    const w = readyWorld(sc, 1);
    moveToRemove(w, sc.committee, who(sc, "b"), 0, [who(sc, "a")]);
    w.tick = 1;
    holdSession(w, sc.committee);
    expect(w.events.some((e) => e.type === "coup")).toBe(false);
    expect(w.events.find((e) => e.type === "force")).toMatchObject({ by: "c", side: ["a"] });
  });
});

describe("the Bolshevik scenario's offices", () => {
  it("over 100 seeds nobody ever holds more offices than the scenario allows, or one he may not hold", () => {
    const sc = bolshevik();
    const max = sc.params.offices.maxPerPerson;
    expect(max).toBeLessThan(10);
    const military = sc.pools.indexOf("military");
    const warCommissar = sc.offices.findIndex((o) => o.id === "war-commissar");
    let most = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const m = new Model(sc, { seed });
      while (!m.done) {
        m.step();
        const count = new Map<number, number>();
        for (let o = 0; o < sc.offices.length; o++) {
          const h = m.world.officeHolder[o]!;
          if (h < 0 || m.world.officeLive[o] === 0) continue;
          count.set(h, (count.get(h) ?? 0) + 1);
        }
        for (const n of count.values()) most = Math.max(most, n);
        const marshal = m.world.officeHolder[warCommissar]!;
        if (marshal >= 0) expect(sc.people[marshal]!.pools).toContain(military);
      }
    }
    expect(most).toBeLessThanOrEqual(max);
    expect(most).toBeGreaterThan(1);
  });
});

describe("the founder's legacy", () => {
  it("a leadership far from the dead founder's line repudiates his legacy; those tied to it lose standing", () => {
    const sc = tiny((s) => {
      const e = (value: number, range: [number, number] = [0, 1]) => ({ value, range, source: "test" });
      const people = s.people as Record<string, unknown>[];
      const a = people.find((p) => p.id === "a") as { attributes: Record<string, unknown> };
      const attrs = { ...a.attributes, prestige: e(5, [0, 6]), ideology: e(-1, [-1, 1]) };
      people.push({ id: "f", name: "Founder F", role: "leader", seats: ["committee"], attributes: attrs });
      const n = people.find((p) => p.id === "n") as { attributes: Record<string, unknown> };
      n.attributes.legacyTie = e(0.8);
      s.shocks = [{ id: "founder-dies", kind: "death", target: "f", date: "2000-02-07" }];
      const mech = s.mechanisms as Record<string, { enabled: boolean; params: Record<string, unknown> }>;
      mech.legacy!.enabled = true;
      mech.health!.enabled = true;
      mech.legacy!.params.repudiationDistance = e(0.3, [0, 2]);
      mech.legacy!.params.repudiationCost = e(0.5);
    });
    const n = who(sc, "n");
    let repudiated = 0;
    for (let seed = 0; seed < 10; seed++) {
      const m = new Model(sc, { seed });
      const before = m.world.people[n]!.prestige;
      while (!m.done) m.step();
      const e = m.world.events.find((x) => x.type === "repudiation");
      const vote = votes(m.world, "repudiate-legacy")[0];
      expect(vote).toBeDefined();
      if (!e) continue;
      repudiated++;
      expect(vote!.passed).toBe(true);
      expect(e).toMatchObject({ founder: "f" });
      expect(e.type === "repudiation" && e.losers).toEqual(["n"]);
      expect(m.world.people[n]!.prestige).toBeLessThan(before);
      // Put once: no second motion.
      expect(votes(m.world, "repudiate-legacy").filter((x) => x.passed)).toHaveLength(1);
    }
    expect(repudiated).toBeGreaterThan(5);
  });
});
