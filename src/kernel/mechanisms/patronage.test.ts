import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import { appointSecretary } from "../appointments.ts";
import { clientCounts, strongestHolder } from "../power.ts";
import { createWorld } from "../world.ts";
import { bodies } from "./bodies.ts";
import { patronage } from "./patronage.ts";

describe("patronage", () => {
  const sc = bolshevik();
  const gs = personIndex(sc, "stalin");

  it("the appointer is the holder of the strongest appointment capability", () => {
    expect(strongestHolder(createWorld(sc, 1), "appoint")).toBe(gs);
  });

  it("over a year the appointer places secretaries who answer to him, and his clients grow", () => {
    const w = createWorld(sc, 5);
    const before = clientCounts(w)[gs]!;
    const held = () => w.regions.filter((r) => r.secretaryPatron === gs).length;
    const regionsBefore = held();
    for (let t = 0; t < 104; t++) {
      w.tick = t;
      patronage.step(w);
      bodies.step(w);
    }
    expect(held()).toBeGreaterThan(regionsBefore);
    expect(clientCounts(w)[gs]!).toBeGreaterThan(before);
  });

  it("each nomination goes to the confirming body's vote, and only a confirmed one takes the region", () => {
    const w = createWorld(sc, 5);
    const orgburo = sc.bodies.findIndex((b) => b.id === "orgburo");
    expect(sc.params.patronage.confirmingBody).toBe(orgburo);
    let confirmations = 0;
    for (let t = 0; t < 104; t++) {
      w.tick = t;
      patronage.step(w);
      // Nothing is placed before the bureau sits.
      expect(
        w.events.filter((e) => e.type === "appointment" && e.tick === t && e.post.kind === "region").length,
      ).toBe(
        w.events.filter(
          (e) => e.type === "vote" && e.tick === t && e.motion.startsWith("confirm:") && e.passed,
        ).length,
      );
      bodies.step(w);
      confirmations = w.events.filter((e) => e.type === "vote" && e.motion.startsWith("confirm:")).length;
    }
    expect(confirmations).toBeGreaterThan(0);
    const votes = w.events.filter((e) => e.type === "vote" && e.motion.startsWith("confirm:"));
    const placed = w.events.filter((e) => e.type === "appointment" && e.post.kind === "region");
    expect(placed.length).toBe(votes.filter((e) => e.type === "vote" && e.passed).length);
    for (const e of votes) expect(e).toMatchObject({ body: "orgburo" });
  });

  it("a new secretary starts with a weak grip that grows with time", () => {
    const w = createWorld(sc, 5);
    appointSecretary(w, 0, gs);
    const g0 = w.regions[0]!.grip;
    for (let t = 0; t < 52; t++) {
      w.tick = t;
      patronage.step(w);
    }
    expect(w.regions[0]!.grip).toBeGreaterThan(g0);
    expect(w.regions[0]!.grip).toBeLessThanOrEqual(sc.params.patronage.maxGrip + 1e-12);
  });

  it("the appointer goes for a rival's region far more often than a coalition partner's", () => {
    const partner = personIndex(sc, "zinoviev");
    const rival = personIndex(sc, "trotsky");
    let partnerLost = 0;
    let rivalLost = 0;
    for (let seed = 0; seed < 40; seed++) {
      const w = createWorld(sc, seed);
      w.ruling = [gs, partner].sort((a, b) => a - b); // Two regions of similar size (Moscow and Petrograd), one under each leader.
      for (const [r, patron] of [
        [0, partner],
        [1, rival],
      ] as const) {
        Object.assign(w.regions[r]!, {
          secretaryPatron: patron,
          grip: 0.5,
          entrenchment: 0.3,
        });
      }
      for (let r = 2; r < w.regions.length; r++) w.regions[r]!.secretaryPatron = gs;
      // Step until the first appointment to one of the two regions: which did the appointer's side go for?
      // (The secretaries under him appoint for him too, so two regions can change hands in one week: the
      // first appointment event decides.)
      const ids = [w.sc.regions[0]!.id, w.sc.regions[1]!.id];
      const first = () =>
        w.events.find((e) => e.type === "appointment" && e.post.kind === "region" && ids.includes(e.post.id));
      for (let t = 0; t < 520 && !first(); t++) {
        w.tick = t;
        patronage.step(w);
        bodies.step(w);
      }
      const e = first();
      if (e?.type === "appointment" && e.post.id === ids[0]) partnerLost++;
      if (e?.type === "appointment" && e.post.id === ids[1]) rivalLost++;
    }
    expect(partnerLost + rivalLost).toBe(40);
    expect(rivalLost).toBeGreaterThan(2 * partnerLost);
  });
});
