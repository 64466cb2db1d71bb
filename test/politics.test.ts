/**
 * The politics of the sources, on the tiny constructed party-state: a rival's named men follow him down the
 * ladder, officials left without a patron go over to the ruler, the reader of the files presses officials into
 * his camp, the founder's letter costs those it names standing, and a scheduled purge thins the membership.
 */
import { describe, expect, it } from "vitest";
import { Model } from "../src/kernel/engine.ts";
import type { PatronChangeEvent } from "../src/kernel/events.ts";
import { testament } from "../src/kernel/mechanisms/testament.ts";
import { holdSession, table } from "../src/kernel/sessions.ts";
import { readyWorld, tiny, who } from "./tiny.ts";

const e = (value: number, range: [number, number] = [0, 1]) => ({ value, range, source: "test" });

describe("named officials", () => {
  it("when a leader loses a step, motions follow against his named men who hold what it takes", () => {
    // Bob's man Dan sits in the bureau; Ann's side holds the committee.
    const sc = tiny((s) => {
      const cc = s.centralCommittee as { blocs: { id: string; seats: number }[] };
      cc.blocs.find((x) => x.id === "a-men")!.seats = 20;
    });
    const [a, b, d] = ["a", "b", "d"].map((x) => who(sc, x)) as [number, number, number];
    const seatStep = sc.ladder.findIndex((r) => r.kind === "executive");
    let followed = 0;
    for (let seed = 0; seed < 10; seed++) {
      const w = readyWorld(sc, seed);
      // Bob first loses his offices (Dan holds none, so nobody follows), then his seat in the bureau.
      for (let tick = 1; tick <= 2; tick++) {
        table(w, {
          kind: "remove",
          body: sc.committee,
          target: b,
          rung: seatStep,
          office: -1,
          region: -1,
          sponsors: [a],
          appeal: null,
        });
        w.tick = tick;
        holdSession(w, sc.committee);
        if (tick === 1) expect(w.motions.some((m) => m.target === d)).toBe(false);
      }
      const removed = w.events.find(
        (x) => x.type === "removal" && x.person === "b" && x.kind === "executive",
      );
      if (!removed) continue;
      expect(w.motions.some((m) => m.target === d && m.kind === "remove" && m.rung === seatStep)).toBe(true);
      w.tick = 3;
      holdSession(w, sc.committee);
      const dan = w.events.find((x) => x.type === "removal" && x.person === "d");
      if (dan?.type === "removal") {
        expect(dan.patron).toBe("b");
        expect(dan.kind).toBe("executive");
        followed++;
      }
    }
    expect(followed).toBeGreaterThan(3);
  });

  it("officials left without a patron go over to the strongest ruler; the files press others in", () => {
    const sc = tiny((s) => {
      const mech = s.mechanisms as Record<string, { enabled: boolean; params: Record<string, unknown> }>;
      mech.coercion!.enabled = true;
      mech.files!.enabled = true;
      mech.files!.params.pressPerYear = e(50, [0, 100]);
      mech.files!.params.compromisedShare = e(0.5);
      const offices = s.offices as Record<string, unknown>[];
      offices.find((o) => o.id === "chief")!.capabilities = { agenda: 0.8, appoint: 0.5, files: 1 };
    });
    const m = new Model(sc, { seed: 3, until: "2001-01-01" });
    const b = who(sc, "b");
    // Bob dies: his man Dan is left without a patron.
    m.world.people[b]!.alive = false;
    while (!m.done) m.step();
    const changes = m.world.events.filter((x): x is PatronChangeEvent => x.type === "patron-change");
    expect(changes.some((x) => x.person === "d" && x.to === "a")).toBe(true);
    for (const x of changes) expect(["recantation", "patron-fallen", "pressure"]).toContain(x.cause);
  });
});

describe("the founder's letter", () => {
  /** Bob's standing lost when the founder (Ned, dead) has left a letter against Ann that also names Bob. */
  function cost(edit: (t: Record<string, unknown>) => void): number {
    const sc = tiny((s) => {
      const mech = s.mechanisms as Record<string, { enabled: boolean; params: Record<string, unknown> }>;
      mech.testament!.enabled = true;
      mech.testament!.params.mentions = [{ person: "b", standing: e(0.1) }];
      edit(mech.testament!.params);
    });
    const w = readyWorld(sc);
    const [a, b, n] = ["a", "b", "n"].map((x) => who(sc, x)) as [number, number, number];
    w.founder = n;
    w.people[n]!.alive = false;
    w.ruling = [a, b];
    w.testament = { target: a, writtenTick: 0, fate: "held" };
    w.tick = w.meets[sc.congress]!.findIndex((x) => (x ?? 0) > 0);
    const before = w.people[b]!.prestige;
    testament.step(w);
    return before - w.people[b]!.prestige;
  }

  it("costs the leaders it names standing: in full when published, by half when read to delegations", () => {
    const published = cost((t) => (t.actOnAtFirstCongress = true));
    const read = cost((t) => (t.protectShare = e(1)));
    const buried = cost((t) => (t.protectShare = e(0)));
    expect(published).toBeCloseTo(0.1, 10);
    expect(read).toBeCloseTo(0.05, 10);
    expect(buried).toBe(0);
  });
});

describe("purges", () => {
  it("a scheduled purge removes its share of the membership on its date", () => {
    const sc = tiny((s) => {
      s.shocks = [
        { id: "verification", kind: "purge", date: "2000-03-06", share: 0.2, label: "verification" },
      ];
      const mech = s.mechanisms as Record<string, { enabled: boolean }>;
      mech.membership!.enabled = true;
    });
    const m = new Model(sc, { seed: 1, until: "2000-04-01" });
    let before = 0;
    while (!m.done) {
      const t = m.world.tick;
      if (m.world.shockTicks[0] === t) before = m.world.members.count();
      m.step();
      if (m.world.shockTicks[0] === t) {
        const after = m.world.members.count();
        expect(after / before).toBeGreaterThan(0.75);
        expect(after / before).toBeLessThan(0.85);
      }
    }
    expect(m.world.events.find((x) => x.type === "shock")).toMatchObject({ id: "verification" });
  });
});
