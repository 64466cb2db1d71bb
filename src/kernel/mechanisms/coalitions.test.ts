import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import { tiny, who } from "../../../test/tiny.ts";
import { initPerception, reveal } from "../perception.ts";
import { contenders, currentPlayers, isContender, proposeIncluding, ruleAmong } from "../players.ts";
import { machines } from "../power.ts";
import { topMembers } from "../seats.ts";
import { createWorld } from "../world.ts";
import { bodies } from "./bodies.ts";
import { coalitions, dangerOf, needsVotes } from "./coalitions.ts";

const sc = bolshevik();
const id = (i: number) => sc.people[i]!.id;
/** Stalin, Trotsky, Zinoviev and Kamenev, by index. */
const fourLeaders = () =>
  ["stalin", "trotsky", "zinoviev", "kamenev"].map((x) => personIndex(sc, x)) as [
    number,
    number,
    number,
    number,
  ];

describe("coalitions", () => {
  it("every able full member of the top body who is his own master plays; ambition decides who takes the initiative", () => {
    const w = createWorld(sc, 1);
    const players = currentPlayers(w);
    // Every full member plays unless he is somebody's client or cannot work.
    expect(players.length).toBe(topMembers(w).length);
    const rykov = personIndex(sc, "rykov");
    expect(players).toContain(rykov);
    // Rykov seeks no power: he plays (votes, can be courted) but takes no initiative.
    expect(isContender(w, rykov)).toBe(false);
    for (const p of contenders(w, players)) {
      expect(sc.people[p]!.ambition >= sc.params.coalitions.contenderAmbition || w.people[p]!.opposes).toBe(
        true,
      );
    }
    w.people[rykov]!.opposes = true;
    expect(isContender(w, rykov)).toBe(true);
    const lenin = personIndex(sc, "lenin");
    w.people[lenin]!.capacity = 0.2;
    expect(currentPlayers(w)).not.toContain(lenin);
    // A client plays through his patron.
    const kam = personIndex(sc, "kamenev");
    w.people[kam]!.patron = personIndex(sc, "stalin");
    expect(currentPlayers(w)).not.toContain(kam);
  });

  it("the ruling coalition is computed from powers: the strongest can be left out", () => {
    const w = createWorld(sc, 1);
    const players = [0, 1, 2, 3];
    // Powers 3, 4, 5, 10: the three weaker players rule without the strongest.
    expect(ruleAmong(w, players, [0.3, 0.4, 0.5, 1.0])).toEqual([0, 1, 2]);
    // One player with more than half rules alone.
    expect(ruleAmong(w, players, [0.1, 0.1, 0.1, 1.0])).toEqual([3]);
  });

  it("a proposer who weighs the line prefers partners near his own, among self-enforcing winning coalitions", () => {
    const w = createWorld(sc, 1);
    const [a, b, c, d] = fourLeaders();
    const players = [a, b, c, d];
    const view = [0.3, 0.32, 0.31, 0.29];
    // Any three rule; with no weight on the line the proposer takes the cheapest three (his largest share).
    const withWeight = (lineWeight: number) => ({
      ...w,
      sc: { ...sc, params: { ...sc.params, coalitions: { ...sc.params.coalitions, lineWeight } } },
    });
    expect(proposeIncluding(withWeight(0), players, view, a)).toEqual([a, c, d]);
    // Put the cheapest partner far from an inflexible proposer's line: a heavy line weight swaps him out.
    const far = withWeight(5);
    far.people = w.people.map((p) => ({ ...p, positions: [...p.positions] }));
    for (const [i, x] of [
      [a, 0.2],
      [b, 0.2],
      [c, -1],
      [d, 0.2],
    ] as const) {
      far.people[i]!.positions.fill(x);
      far.people[i]!.ideology = x;
    }
    far.sc = { ...far.sc, people: far.sc.people.map((p) => (p.index === a ? { ...p, flexibility: 0 } : p)) };
    expect(proposeIncluding(far, players, view, a)).toEqual([a, b, d]);
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

  it("members who do not seek power back a contender, and their backing shows in the narrative", () => {
    const w = createWorld(sc, 1);
    coalitions.setup!(w);
    w.people[personIndex(sc, "lenin")]!.capacity = 0;
    coalitions.step(w);
    const backers = w.players.filter((i) => !isContender(w, i));
    expect(backers.length).toBeGreaterThan(0);
    for (const i of backers) expect(w.contenders).toContain(w.backs[i]);
    expect(w.events.some((e) => e.type === "backing")).toBe(true);
    expect(backers.map(id)).toContain("rykov");
  });

  it("a member who privately knows he is dominant breaks the alliance once their common rival is gone", () => {
    // Make one member of a three-way alliance secretly dominant: he should defect sooner or later.
    let defected = 0;
    for (let seed = 0; seed < 20; seed++) {
      const w = createWorld(sc, seed);
      coalitions.setup!(w);
      const gs = personIndex(sc, "stalin");
      const lenin = personIndex(sc, "lenin");
      // The founder is dead: while he lives his authority holds back moves against colleagues.
      w.people[lenin]!.capacity = 0;
      w.people[lenin]!.alive = false;
      for (const r of w.regions)
        Object.assign(r, { secretaryPatron: gs, grip: 0.9, committeeSeatPatron: gs });
      w.people.forEach((p, i) => {
        if (!sc.people[i]!.isLeader) p.patron = gs;
      });
      w.blocs = [];
      // An alliance of three already stands; only private knowledge can break it.
      w.players = currentPlayers(w);
      w.contenders = contenders(w, w.players);
      w.ruling = [gs, personIndex(sc, "zinoviev"), personIndex(sc, "kamenev")].sort((a, b) => a - b);
      for (let t = 0; t < 420; t++) {
        w.tick = t;
        coalitions.step(w);
        bodies.step(w);
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

describe("concessions", () => {
  it("a suitor courts only when his count of the top body says his side needs the vote", () => {
    const w = createWorld(sc, 1);
    const [s, t, z, k] = fourLeaders();
    w.players = [...topMembers(w)];
    // Three of seven on one side against one rival: the side carries the body without buying anyone.
    w.ruling = [s, z, k];
    expect(needsVotes(w, s, new Set([s, z, k]), [s, z, k, t])).toBe(false);
    // Alone against three rivals, he needs every swing vote he can get.
    w.ruling = [s];
    expect(needsVotes(w, s, new Set([s]), [s, z, k, t])).toBe(true);
    // With no rival left there is nobody to outbid.
    expect(needsVotes(w, s, new Set([s]), [s])).toBe(false);
  });
});

describe("enmity: whom the ruling coalition moves against", () => {
  it("by power alone, the stronger rival; with enmity, the one far from the ruling line can look the more dangerous", () => {
    // Ann rules at -0.5. Ned (-0.4, near her) stands higher than Bob (+0.5, far from her).
    const build = (enmity: number) =>
      tiny((s) => {
        const people = s.people as { id: string; attributes?: Record<string, { value: number }> }[];
        people.find((p) => p.id === "n")!.attributes!.prestige!.value = 1.5;
        const params = (s.mechanisms as Record<string, { params: Record<string, unknown> }>).coalitions!
          .params;
        params.enmity = { value: enmity, range: [0, 5], source: "test" };
      });
    const danger = (enmity: number) => {
      const sc = build(enmity);
      const w = createWorld(sc, 1);
      const machine = machines(w);
      initPerception(w, machine);
      w.ruling = [who(sc, "a")];
      const players = currentPlayers(w);
      return {
        b: dangerOf(w, who(sc, "b"), players, machine),
        n: dangerOf(w, who(sc, "n"), players, machine),
      };
    };
    const plain = danger(0);
    expect(plain.n).toBeGreaterThan(plain.b);
    // The same powers: enmity adds to Bob's danger in proportion to his distance (1.0) and to Ned's (0.1).
    const hostile = danger(4);
    expect(hostile.b).toBeCloseTo(plain.b * (1 + 4 * 1.0), 6);
    expect(hostile.n).toBeCloseTo(plain.n * (1 + 4 * 0.1), 6);
    expect(hostile.b).toBeGreaterThan(hostile.n);
  });
});
