import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../test/fixtures.ts";
import { outcomeOf, soleLeaderNow, trackOutcome } from "./outcome.ts";
import { removeFromPolitics } from "./posts.ts";
import { inCommittee, seat } from "./seats.ts";
import { createWorld } from "./world.ts";

describe("outcome", () => {
  const sc = bolshevik();
  const gs = personIndex(sc, "stalin");

  function dominantWorld() {
    const w = createWorld(sc, 1);
    // Every rival contender gone from the executive, every seat and region answering to one leader.
    for (const id of ["lenin", "trotsky", "zinoviev", "kamenev"]) removeFromPolitics(w, personIndex(sc, id));
    for (const r of w.regions) Object.assign(r, { secretaryPatron: gs, grip: 0.9, committeeSeatPatron: gs });
    w.people.forEach((p, i) => {
      if (inCommittee(w, i) && i !== gs) p.patron = gs;
    });
    w.blocs = [];
    return w;
  }

  /** Committee seats held by nobody's followers. */
  function independents(w: ReturnType<typeof createWorld>, seats: number) {
    w.blocs =
      seats > 0 ? [{ bloc: -1, institution: "other", patron: -1, ideology: 0, seats, candidates: 0 }] : [];
  }

  it("is sole leadership when all four conditions hold", () => {
    const w = dominantWorld();
    expect(soleLeaderNow(w)).toBe(gs);
    w.tick = 100;
    trackOutcome(w);
    expect(outcomeOf(w)).toMatchObject({ kind: "sole-leader", leader: "stalin" });
    expect(outcomeOf(w).date).toBe(w.events.at(-1)!.date);
  });

  it("is not sole leadership while another contender keeps an executive seat", () => {
    const w = dominantWorld();
    const z = personIndex(sc, "zinoviev");
    w.people[z]!.alive = true;
    w.people[z]!.capacity = 1;
    seat(w, sc.executive, z, true);
    expect(soleLeaderNow(w)).toBe(-1);
  });

  it("is not sole leadership without a committee majority", () => {
    const w = dominantWorld();
    for (const p of w.people) if (p.patron === gs) p.patron = -1;
    for (const r of w.regions) r.committeeSeatPatron = -1;
    independents(w, 40);
    expect(soleLeaderNow(w)).toBe(-1);
  });

  it("lapses when the test stops holding, so the date is the start of the unbroken stretch", () => {
    const w = dominantWorld();
    w.tick = 10;
    trackOutcome(w);
    independents(w, 200);
    w.tick = 11;
    trackOutcome(w);
    expect(outcomeOf(w).kind).not.toBe("sole-leader");
    // The lapse is an event of its own, naming the condition that failed: here the committee majority.
    expect(w.events.at(-1)).toMatchObject({
      type: "sole-leadership-lapsed",
      person: "stalin",
      reason: "committee-majority",
      tick: 11,
    });
    independents(w, 0);
    w.tick = 12;
    trackOutcome(w);
    expect(w.soleSince).toBe(12);
    expect(w.events.map((e) => e.type)).toEqual(["sole-leader", "sole-leadership-lapsed", "sole-leader"]);
  });
});
