import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readyWorld, tiny, who } from "../../../test/tiny.ts";
import type { ScenarioInput } from "../../scenario/schema.ts";
import type { ElectionEvent, VoteEvent } from "../events.ts";
import { namesOf, narrate } from "../narrative.ts";
import { committeeSize } from "../power.ts";
import { fullMembers, seatIn, unseat } from "../seats.ts";
import { circularFlow } from "./circularFlow.ts";
import { electExecutive } from "./executive.ts";

type Input = ScenarioInput & Record<string, unknown>;
type Body = Record<string, unknown> & { id: string };
type Person = Record<string, unknown> & { id: string };

const bodyOf = (s: Input, id: string) => (s.bodies as unknown as Body[]).find((b) => b.id === id)!;
const personOf = (s: Input, id: string) => (s.people as unknown as Person[]).find((p) => p.id === id)!;

/**
 * The tiny world with Olga (Ann's client) and Pia (nobody's, near Ann's line) in the committee but not in
 * the bureau, and the bureau's size set to `seats` from the first day when given.
 */
function world(seats?: number, seed = 1, edit: (s: Input) => void = () => {}) {
  const sc = tiny((s) => {
    personOf(s, "o").seats = ["committee"];
    (s.people as unknown as Person[]).push({
      id: "p",
      name: "Pia P",
      role: "official",
      seats: ["committee"],
      attributes: { ideology: { value: -0.3, range: [-1, 1], source: "test" } },
    });
    const bureau = bodyOf(s, "bureau");
    bureau.maxSeats = 9;
    if (seats !== undefined) bureau.sizes = [{ date: "2000-01-03", seats, source: "test" }];
    edit(s);
  });
  return { sc, w: readyWorld(sc, seed) };
}

const bureauOf = (sc: ReturnType<typeof tiny>) => sc.bodies.findIndex((b) => b.id === "bureau");

describe("the plenum refills and co-opts", () => {
  it("fills a vacant seat with the ruling leader's client", () => {
    const { sc, w } = world();
    const bureau = bureauOf(sc);
    unseat(w, bureau, who(sc, "d"));
    expect(fullMembers(w, bureau)).toHaveLength(4);
    electExecutive(w, true);
    expect(seatIn(w, bureau, who(sc, "o"))).toBe(2);
    expect(fullMembers(w, bureau)).toHaveLength(5);
  });

  it("grows the body to the size its electing body set, co-opting the ruler's client, then one near his line", () => {
    const { sc, w } = world(7);
    const bureau = bureauOf(sc);
    electExecutive(w, true);
    const vote = w.events.find((e): e is VoteEvent => e.type === "vote" && e.motion === "elect:bureau")!;
    expect(vote.passed).toBe(true);
    expect(fullMembers(w, bureau)).toHaveLength(7);
    expect(seatIn(w, bureau, who(sc, "o"))).toBe(2);
    expect(seatIn(w, bureau, who(sc, "p"))).toBe(2);
    expect(w.size[bureau]).toBe(7);
    const grown = w.events.find((e): e is ElectionEvent => e.type === "election");
    expect(grown).toMatchObject({ electedBody: "bureau", seats: 7, added: 2 });
    // Olga came as Ann's client; Pia, from outside the clients, was co-opted on Ann's nomination.
    const story = narrate(w.events, namesOf(sc));
    expect(story).toEqual([
      "2000-01-03  O (A's protégé) joins the Bureau.",
      "2000-01-03  The Committee co-opts P into the Bureau, on A's nomination.",
      "2000-01-03  The Bureau grows to 7 seats (2 new).",
    ]);
  });

  it("co-opts nobody from the opposition, and leaves the seat empty when nobody else is left", () => {
    const { sc, w } = world(8);
    const bureau = bureauOf(sc);
    w.opposition = [who(sc, "b")];
    const q = who(sc, "p");
    w.people[q]!.patron = who(sc, "b");
    electExecutive(w, true);
    expect(seatIn(w, bureau, q)).toBe(0);
    expect(fullMembers(w, bureau)).toHaveLength(6);
  });

  it("without a size set, a plenum does not grow the body for a coalition", () => {
    const { sc, w } = world();
    w.ruling = [who(sc, "a"), who(sc, "n")];
    electExecutive(w, true);
    expect(fullMembers(w, bureauOf(sc))).toHaveLength(5);
  });

  it("the committee can refuse the slate: then nobody is seated and the size stays", () => {
    let refused = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const { sc, w } = world(7, seed, (s) => {
        const cc = s.centralCommittee as unknown as { blocs: { id: string; seats: number }[] };
        cc.blocs.find((b) => b.id === "a-men")!.seats = 0;
        cc.blocs.find((b) => b.id === "b-men")!.seats = 40;
      });
      const bureau = bureauOf(sc);
      w.opposition = [who(sc, "b")];
      electExecutive(w, true);
      const vote = w.events.find((e): e is VoteEvent => e.type === "vote" && e.motion === "elect:bureau")!;
      if (vote.passed) continue;
      refused++;
      expect(fullMembers(w, bureau)).toHaveLength(5);
      expect(w.size[bureau]).toBe(5);
      expect(w.events.some((e) => e.type === "election")).toBe(false);
    }
    expect(refused).toBeGreaterThan(0);
  });

  it("never seats more full members than the body's size, whatever the schedule and the removals", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ week: fc.nat({ max: 60 }), seats: fc.integer({ min: 1, max: 9 }) }), {
          maxLength: 4,
        }),
        fc.array(fc.record({ week: fc.nat({ max: 60 }), who: fc.constantFrom("a", "b", "c", "d", "n") }), {
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 50 }),
        (sizes, removals, seed) => {
          const day = (week: number) => new Date(Date.UTC(2000, 0, 3 + 7 * week)).toISOString().slice(0, 10);
          const sc = tiny((s) => {
            personOf(s, "o").seats = ["committee"];
            const bureau = bodyOf(s, "bureau");
            bureau.maxSeats = 9;
            bureau.sizes = sizes.map((z) => ({ date: day(z.week), seats: z.seats, source: "test" }));
          });
          const w = readyWorld(sc, seed);
          const bureau = bureauOf(sc);
          for (let t = 0; t <= 60; t += 4) {
            w.tick = t;
            for (const r of removals) if (r.week <= t) unseat(w, bureau, who(sc, r.who));
            electExecutive(w, true);
            if (fullMembers(w, bureau).length > w.size[bureau]!) return false;
          }
          return true;
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("the congress elects a committee of the size set", () => {
  it("fills the committee to its size, with the leadership's backers where the drafter has no men", () => {
    const sc = tiny((s) => {
      (s.mechanisms as unknown as { circularFlow: { enabled: boolean } }).circularFlow.enabled = true;
      bodyOf(s, "committee").sizes = [{ date: "2001-06-04", seats: 24, source: "test" }];
    });
    let grown = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const w = readyWorld(sc, seed);
      const first = w.meets[sc.congress]!.indexOf(1);
      const before = committeeSize(w);
      for (let t = 0; t <= first; t++) {
        w.tick = t;
        circularFlow.step(w);
      }
      const vote = w.events.find((e): e is VoteEvent => e.type === "vote" && e.motion === "elect-committee");
      if (!vote?.passed) continue;
      grown++;
      expect(before).toBeLessThan(24);
      expect(committeeSize(w)).toBe(24);
      expect(w.blocs.some((b) => b.bloc < 0 && b.patron < 0 && b.seats > 0)).toBe(true);
    }
    expect(grown).toBeGreaterThan(0);
  });

  it("seats an ally's named client before anonymous backers, when the drafter has no man left", () => {
    const sc = tiny((s) => {
      (s.mechanisms as unknown as { circularFlow: { enabled: boolean } }).circularFlow.enabled = true;
      bodyOf(s, "committee").sizes = [{ date: "2001-06-04", seats: 24, source: "test" }];
      (s.people as unknown as Person[]).push({ id: "q", name: "Quin Q", role: "official", patron: "b" });
    });
    let grown = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const w = readyWorld(sc, seed);
      w.ruling = [who(sc, "a"), who(sc, "b")];
      const first = w.meets[sc.congress]!.indexOf(1);
      for (let t = 0; t <= first; t++) {
        w.tick = t;
        w.ruling = [who(sc, "a"), who(sc, "b")];
        circularFlow.step(w);
      }
      const vote = w.events.find((e): e is VoteEvent => e.type === "vote" && e.motion === "elect-committee");
      if (!vote?.passed) continue;
      grown++;
      expect(seatIn(w, sc.committee, who(sc, "q"))).toBe(2);
      expect(committeeSize(w)).toBe(24);
    }
    expect(grown).toBeGreaterThan(0);
  });
});
