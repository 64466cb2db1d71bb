import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import { LADDER } from "../events.ts";
import { currentPlayers, ruleAmong } from "../players.ts";
import { machines } from "../power.ts";
import { createWorld } from "../world.ts";
import { applyRung, coalitions, nextRung, reveal } from "./coalitions.ts";

const sc = bolshevik();
const id = (i: number) => sc.people[i]!.id;

describe("coalitions", () => {
  it("players are the ambitious, able full members of the executive who are nobody's client", () => {
    const w = createWorld(sc, 1);
    const players = currentPlayers(w).map(id);
    for (const p of players) {
      const cp = sc.people.find((x) => x.id === p)!;
      expect(cp.isLeader).toBe(true);
      expect(cp.ambition).toBeGreaterThanOrEqual(sc.params.coalitions.contenderAmbition);
    }
    const lenin = personIndex(sc, "lenin");
    w.people[lenin]!.capacity = 0.2;
    expect(currentPlayers(w)).not.toContain(lenin);
  });

  it("the ruling coalition is computed from powers: the strongest can be left out", () => {
    const w = createWorld(sc, 1);
    const players = [0, 1, 2, 3];
    // Powers 3, 4, 5, 10: the three weaker players rule without the strongest.
    expect(ruleAmong(w, players, [0.3, 0.4, 0.5, 1.0])).toEqual([0, 1, 2]);
    // One player with more than half rules alone.
    expect(ruleAmong(w, players, [0.1, 0.1, 0.1, 1.0])).toEqual([3]);
  });

  it("the ladder skips steps that would take nothing, and each step takes what it names", () => {
    const w = createWorld(sc, 1);
    const t = personIndex(sc, "trotsky");
    expect(nextRung(w, t)).toBe(1); // holds an office
    applyRung(w, t, 1, []);
    expect(w.officeHolder).not.toContain(t);
    expect(w.people[t]!.exec).toBe(2);
    applyRung(w, t, nextRung(w, t), []);
    expect(w.people[t]!.exec).toBe(0);
    expect(w.execFull).not.toContain(t);
    applyRung(w, t, nextRung(w, t), []);
    expect(w.people[t]!.inCommittee).toBe(false);
    expect(w.people[t]!.rung).toBe(LADDER.indexOf("central-committee") + 1);
    const removals = w.events
      .filter((e) => e.type === "removal")
      .map((e) => (e.type === "removal" ? e.rung : ""));
    expect(removals).toEqual(["office", "politburo", "central-committee"]);
  });

  it("a revealing vote moves estimates of a hidden machine toward the truth", () => {
    const w = createWorld(sc, 1);
    coalitions.setup!(w);
    const n = sc.people.length;
    const gs = personIndex(sc, "stalin");
    const observer = personIndex(sc, "trotsky");
    w.perception[observer * n + gs] = 0;
    const truth = machines(w)[gs]!;
    const rng = w.streams.get("test");
    for (let k = 0; k < 20; k++) reveal(w, rng, machines(w));
    const est = w.perception[observer * n + gs]!;
    expect(Math.abs(est - truth)).toBeLessThan(truth * 0.5);
    expect(est).toBeGreaterThan(0);
  });

  it("a member who privately knows he is dominant breaks the alliance once their common rival is gone", () => {
    // Make one member of a three-way alliance secretly dominant: he should defect sooner or later.
    let defected = 0;
    for (let seed = 0; seed < 20; seed++) {
      const w = createWorld(sc, seed);
      coalitions.setup!(w);
      const gs = personIndex(sc, "stalin");
      const lenin = personIndex(sc, "lenin");
      w.people[lenin]!.capacity = 0;
      for (const r of w.regions)
        Object.assign(r, { secretaryPatron: gs, grip: 0.9, committeeSeatPatron: gs });
      w.people.forEach((p, i) => {
        if (!sc.people[i]!.isLeader) p.patron = gs;
      });
      w.independents = [];
      // An alliance of three already stands; only private knowledge can break it.
      w.players = currentPlayers(w);
      w.ruling = [gs, personIndex(sc, "zinoviev"), personIndex(sc, "kamenev")].sort((a, b) => a - b);
      for (let t = 0; t < 420; t += 4) {
        w.tick = t;
        coalitions.step(w);
        // He breaks it himself, or it breaks when a vote reveals his strength and he proposes anew.
        if (w.ruling.length === 1 && w.ruling[0] === gs) {
          expect(w.events.some((e) => e.type === "alliance-broken")).toBe(true);
          defected++;
          break;
        }
      }
    }
    expect(defected).toBeGreaterThan(15);
  });
});
