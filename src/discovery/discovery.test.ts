/** PRIM and CART find a planted box, and discovery reads experiments' design points and outcomes. */
import { describe, expect, it } from "vitest";
import { fakeMetrics } from "../experiments/testing.ts";
import type { RunRow } from "../experiments/types.ts";
import { Rng, streamState } from "../kernel/random/rng.ts";
import { fakePlan } from "../store/testing.ts";
import { cart } from "./cart.ts";
import { DiscoveryError, discover } from "./discover.ts";
import { binomialUpperTail, prim } from "./prim.ts";

/** 1,000 uniform points in [0, 1]^4; yes inside x0 > 0.6 and x1 < 0.3, with 5 % of answers flipped. */
function planted(seed = 1) {
  const rng = new Rng(streamState(seed, "planted"));
  const x = Array.from({ length: 1000 }, () => [rng.float(), rng.float(), rng.float(), rng.float()]);
  const y = x.map((p) => {
    const inBox = p[0]! > 0.6 && p[1]! < 0.3 ? 1 : 0;
    return rng.chance(0.05) ? 1 - inBox : inBox;
  });
  return { x, y, names: ["a", "b", "c", "d"] };
}

describe("PRIM", () => {
  it("finds the planted box: restricted on the two inputs that matter, near their limits, with small quasi-p-values", () => {
    const { x, y, names } = planted();
    const r = prim(x, y, names);
    const byName = new Map(r.restricted.map((d) => [d.name, d]));
    expect(byName.get("a")!.lo).toBeGreaterThan(0.5);
    expect(byName.get("a")!.lo).toBeLessThan(0.7);
    expect(byName.get("b")!.hi).toBeGreaterThan(0.2);
    expect(byName.get("b")!.hi).toBeLessThan(0.4);
    expect(byName.get("a")!.qp).toBeLessThan(1e-6);
    expect(byName.get("b")!.qp).toBeLessThan(1e-6);
    for (const noise of ["c", "d"])
      if (byName.has(noise)) expect(byName.get(noise)!.qp).toBeGreaterThan(0.001);
    expect(r.box.density).toBeGreaterThan(0.8);
    expect(r.box.coverage).toBeGreaterThan(0.6);
  });

  it("walks a trajectory from the whole space, density rising while coverage and mass fall", () => {
    const { x, y, names } = planted(2);
    const r = prim(x, y, names);
    expect(r.trajectory[0]).toMatchObject({ coverage: 1, mass: 1, restricted: 0 });
    expect(r.trajectory[0]!.density).toBeCloseTo(r.baseDensity, 12);
    for (let i = 1; i < r.trajectory.length; i++) {
      expect(r.trajectory[i]!.density).toBeGreaterThan(r.trajectory[i - 1]!.density);
      expect(r.trajectory[i]!.coverage).toBeLessThanOrEqual(r.trajectory[i - 1]!.coverage);
      expect(r.trajectory[i]!.mass).toBeLessThan(r.trajectory[i - 1]!.mass);
      expect(r.trajectory[i]!.mass).toBeGreaterThanOrEqual(0.05);
    }
    // The chosen box is the densest with coverage of at least one half, unless one is asked for.
    expect(r.trajectory[r.chosen]!.coverage).toBeGreaterThanOrEqual(0.5);
    expect(r.trajectory[r.chosen + 1]?.coverage ?? 0).toBeLessThan(0.5);
    expect(prim(x, y, names, { box: 3 }).chosen).toBe(3);
    expect(() => prim(x, y, names, { box: 999 })).toThrow(/boxes 0 to/);
  });

  it("computes the binomial tail exactly", () => {
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(56 / 1024, 12);
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
  });
});

describe("CART", () => {
  it("puts the planted box in its densest leaf, bounded on the two inputs that matter", () => {
    const { x, y, names } = planted(3);
    const r = cart(x, y, names);
    const top = r.leaves[0]!;
    expect(top.density).toBeGreaterThan(0.8);
    expect(top.lo[0]).toBeGreaterThan(0.5);
    expect(top.hi[1]).toBeLessThan(0.4);
    // One condition per bounded input, whatever the number of splits on it.
    expect(top.conditions.filter((c) => / a( |$)/.test(` ${c}`)).length).toBe(1);
    expect(r.leaves.reduce((s, l) => s + l.n, 0)).toBe(1000);
    expect(r.leaves.reduce((s, l) => s + l.yes, 0)).toBe(r.yes);
  });
});

describe("discovery on an experiment", () => {
  const variants = [0, 0.25, 0.5, 0.75, 1].map((v, i) => ({
    label: `point ${i}`,
    sets: [],
    point: { "p.x": v, "p.flag": i % 2 === 0, "p.name": "k" },
  }));
  const plan = fakePlan({
    kind: "sweep",
    variants,
    replicates: 40,
    question: { text: "q", leader: "a", by: "2005-01-01" },
  });
  // Yes (leader a sole before 2005) when x >= 0.75, in every replicate.
  const rows: RunRow[] = Array.from({ length: 200 }, (_, index) => {
    const variant = index % 5;
    return {
      index,
      variant,
      replicate: Math.floor(index / 5),
      seed: 1,
      metrics: fakeMetrics(variant >= 3, "a", "2001-01-01"),
    };
  });

  it("reads the design points, leaves out text inputs, and finds the region of the outcome", () => {
    const r = discover(plan, rows, { method: "prim", outcome: "yes" });
    expect(r.inputs).toEqual(["p.x", "p.flag"]);
    expect(r.skipped).toEqual(["p.name"]);
    expect(r.yes).toBe(80);
    expect(r.prim!.box.density).toBe(1);
    expect(r.prim!.restricted.find((d) => d.name === "p.x")!.lo).toBe(0.75);
    const none = discover(plan, rows, { method: "cart", outcome: "not yes" });
    expect(none.cart!.leaves[0]!.conditions).toEqual(["p.x <= 0.625"]);
  });

  it("can ask another question of the stored runs, and refuses what it cannot search", () => {
    const other = { text: "q", leader: "a", by: "2000-01-01" };
    expect(() => discover(plan, rows, { method: "prim", outcome: "yes", question: other })).toThrow(
      /never true/,
    );
    expect(() => discover(plan, rows, { method: "prim", outcome: "members" })).toThrow(
      /needs a yes\/no outcome/,
    );
    expect(() => discover(fakePlan(), rows, { method: "prim", outcome: "yes" })).toThrow(DiscoveryError);
    expect(() => discover(fakePlan(), rows, { method: "prim", outcome: "yes" })).toThrow(/no design points/);
  });
});
