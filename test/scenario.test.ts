/**
 * Scenario-level tests of emergent behaviour across many seeds. They assert directions and sizes of effects,
 * never a scripted history.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../src/kernel/engine.ts";
import type { CompiledScenario } from "../src/scenario/compile.ts";
import { bolshevik } from "./fixtures.ts";

const SEEDS = 30;

/** Committee votes of the person holding the strongest appointment power at the start, first and last row. */
function secretaryVotes(sc: CompiledScenario, seed: number): { start: number; end: number } {
  const holder = sc.offices.reduce(
    (best, o) => (o.caps[0]! > (sc.offices[best]?.caps[0] ?? -1) ? o.index : best),
    0,
  );
  const id = sc.people[sc.offices[holder]!.holder]!.id;
  const r = runScenario(sc, { seed });
  const votes = r.series.leaders[id]!.committeeVotes;
  return { start: votes[0]!, end: votes.at(-1)! };
}

describe("the Bolshevik scenario", () => {
  it("with appointments and patronage off, the General Secretary's committee votes stop growing", () => {
    const on = bolshevik();
    const off = bolshevik({ "mechanisms.patronage.enabled": false });
    let growthOn = 0;
    let growthOff = 0;
    let maxOff = Number.NEGATIVE_INFINITY;
    for (let seed = 0; seed < SEEDS; seed++) {
      const a = secretaryVotes(on, seed);
      const b = secretaryVotes(off, seed);
      growthOn += a.end - a.start;
      growthOff += b.end - b.start;
      maxOff = Math.max(maxOff, b.end - b.start);
    }
    // Without patronage only seats he already controlled can be renewed: at most one or two more votes.
    expect(maxOff).toBeLessThanOrEqual(2);
    expect(growthOn / SEEDS).toBeGreaterThan(growthOff / SEEDS + 5);
  });

  it("every run ends with an outcome of a defined kind, and more than one outcome occurs", () => {
    const sc = bolshevik();
    const kinds = new Map<string, number>();
    for (let seed = 0; seed < SEEDS; seed++) {
      const o = runScenario(sc, { seed }).outcome;
      const key = `${o.kind}:${o.leader}`;
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
      if (o.kind === "sole-leader") expect(o.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      else expect(o.date).toBeNull();
    }
    expect(kinds.size).toBeGreaterThan(1);
  });
});
