/**
 * Every mechanism is a switch: turned off, a full run still completes with a defined outcome, and the run
 * is no longer the same (so the switch really reaches the mechanism).
 */
import { describe, expect, it } from "vitest";
import { MECHANISMS, type RunResult, runScenario } from "../src/kernel/engine.ts";
import type { CompiledScenario } from "../src/scenario/compile.ts";
import { bolshevik } from "./fixtures.ts";

const KINDS = ["sole-leader", "dominant-leader", "collective", "none"];
/** Seeds tried in turn until one run differs; the first two are always run in full. */
const SEEDS = [1, 2, 3, 4, 5, 6];
const ALWAYS = 2;

const baseline = new Map<number, string>();
function base(seed: number): string {
  let out = baseline.get(seed);
  if (out === undefined) {
    out = JSON.stringify(runScenario(bolshevik(), { seed }));
    baseline.set(seed, out);
  }
  return out;
}

function expectDefinedOutcome(sc: CompiledScenario, r: RunResult): void {
  const ids = new Set(sc.people.map((p) => p.id));
  expect(KINDS).toContain(r.outcome.kind);
  if (r.outcome.kind === "sole-leader") expect(r.outcome.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  else expect(r.outcome.date).toBeNull();
  if (r.outcome.kind === "sole-leader" || r.outcome.kind === "dominant-leader")
    expect(ids.has(r.outcome.leader ?? "")).toBe(true);
  else expect(r.outcome.leader).toBeNull();
  for (const id of r.outcome.rulingCoalition) expect(ids.has(id)).toBe(true);
  // The run reached the scenario's end.
  expect(r.series.dates.length).toBe(sc.clock.ticks);
}

describe("switching mechanisms off", () => {
  it("the engine's mechanism list names every switch in the scenario exactly once", () => {
    const ids = MECHANISMS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(bolshevik().enabled).sort());
  });

  it.each(MECHANISMS.map((m) => m.id))(
    "%s off: full runs complete with a defined outcome, and differ",
    (id) => {
      const sc = bolshevik({ [`mechanisms.${id}.enabled`]: false });
      expect(sc.enabled[id]).toBe(false);
      expect(Object.entries(sc.enabled).filter(([, on]) => !on)).toEqual([[id, false]]);
      let differs = 0;
      for (const [k, seed] of SEEDS.entries()) {
        if (k >= ALWAYS && differs > 0) break;
        const r = runScenario(sc, { seed });
        expectDefinedOutcome(sc, r);
        if (JSON.stringify(r) !== base(seed)) differs++;
      }
      expect(differs).toBeGreaterThan(0);
    },
  );
});
