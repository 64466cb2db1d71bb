/**
 * Scenario-level tests of emergent behaviour across many seeds. They assert directions and sizes of effects,
 * never a scripted history.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../src/kernel/engine.ts";
import type { CompiledScenario } from "../src/scenario/compile.ts";
import { bolshevik } from "./fixtures.ts";

const SEEDS = 30;
/** By this date the first congresses have seated the clients a leader already had at the start. */
const MIDPOINT = "1926-01-01";

/** Committee votes of the person holding the strongest appointment power at the start: first, 1926 and last row. */
function secretaryVotes(sc: CompiledScenario, seed: number): { start: number; mid: number; end: number } {
  const holder = sc.offices.reduce(
    (best, o) => (o.caps[0]! > (sc.offices[best]?.caps[0] ?? -1) ? o.index : best),
    0,
  );
  const id = sc.people[sc.offices[holder]!.holder]!.id;
  const r = runScenario(sc, { seed });
  const votes = r.series.leaders[id]!.committeeVotes;
  const mid = r.series.dates.findIndex((d) => d >= MIDPOINT);
  return { start: votes[0]!, mid: votes[mid]!, end: votes.at(-1)! };
}

describe("the Bolshevik scenario", () => {
  it("with appointments and patronage off, the General Secretary's committee votes stop growing", () => {
    const on = bolshevik();
    // Officials also change patrons when theirs falls or the files press them; those channels are shut too.
    const off = bolshevik({
      "mechanisms.patronage.enabled": false,
      "mechanisms.coercion.enabled": false,
      "mechanisms.files.params.pressPerYear": 0,
    });
    let growthOn = 0;
    let growthOff = 0;
    let lateOff = 0;
    for (let seed = 0; seed < SEEDS; seed++) {
      const a = secretaryVotes(on, seed);
      const b = secretaryVotes(off, seed);
      growthOn += a.end - a.start;
      growthOff += b.end - b.start;
      lateOff = Math.max(lateOff, b.end - b.mid);
    }
    // Without patronage the only gain is seating the clients he had at the start; after that, nothing.
    expect(lateOff).toBeLessThanOrEqual(1);
    expect(growthOff / SEEDS).toBeLessThan(8);
    expect(growthOn / SEEDS).toBeGreaterThan(growthOff / SEEDS + 20);
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
