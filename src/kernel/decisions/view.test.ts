import { describe, expect, it } from "vitest";
import { bolshevik } from "../../../test/fixtures.ts";
import { capability, machines, perceivedPower, realPowers } from "../power.ts";
import { Game } from "./game.ts";
import { leaderView, realView } from "./view.ts";

const sc = bolshevik();

describe("what a leader sees", () => {
  it("rivals' power as he perceives it, which is not the real power; the end shows the real", () => {
    const g = new Game(sc, { seed: 5, as: "trotsky", until: "1925-06-01" });
    let differs = 0;
    while (g.isTurn()) {
      const w = g.world;
      const v = leaderView(w, g.me);
      const machine = machines(w);
      const perceived = v.rivals.map((r) => {
        const j = sc.people.findIndex((p) => p.id === r.id);
        return perceivedPower(w, g.me, j, machine);
      });
      const total = perceived.reduce((a, x) => a + x, 0) + perceivedPower(w, g.me, g.me, machine);
      for (const [k, r] of v.rivals.entries()) expect(r.perceived).toBeCloseTo(perceived[k]! / total, 9);
      const real = realPowers(w, machine);
      const realTotal = v.rivals.reduce((a, r) => a + real[sc.people.findIndex((p) => p.id === r.id)]!, 0);
      if (
        v.rivals.some(
          (r) => Math.abs(r.perceived - real[sc.people.findIndex((p) => p.id === r.id)]! / realTotal) > 0.02,
        )
      )
        differs++;
      g.play({ kind: "auto" });
    }
    expect(differs).toBeGreaterThan(0);
    const end = realView(g.world);
    expect(end.reduce((a, r) => a + r.power, 0)).toBeCloseTo(1, 9);
  });

  it("dossiers only where his offices reach the files", () => {
    for (const as of ["stalin", "trotsky"]) {
      const g = new Game(sc, { seed: 1, as, until: "1923-01-01" });
      const v = leaderView(g.world, g.me);
      const reach = capability(g.world, g.me, "files") > 0;
      expect(v.files).toBe(reach);
      for (const r of v.rivals) expect(r.dossier === null).toBe(!reach);
    }
    // In the shipped scenario the General Secretary reaches the files and the war commissar does not.
    const sees = (as: string) => {
      const g = new Game(sc, { seed: 1, as, until: "1923-01-01" });
      return leaderView(g.world, g.me).files;
    };
    expect(sees("stalin")).toBe(true);
    expect(sees("trotsky")).toBe(false);
  });
});
