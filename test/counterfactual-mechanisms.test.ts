/**
 * Every mechanism is a switch: turned off, a full run still completes with a defined outcome, and the run
 * is no longer the same (so the switch really reaches the mechanism). Each is switched off in a shipped
 * scenario that has it on.
 */
import { describe, expect, it } from "vitest";
import type { MechanismId } from "../src/kernel/compiled.ts";
import { MECHANISMS, type RunResult, runScenario } from "../src/kernel/engine.ts";
import type { CompiledScenario } from "../src/scenario/compile.ts";
import { bolshevik, chinaCompiled } from "./fixtures.ts";

const KINDS = ["sole-leader", "dominant-leader", "collective", "none"];
/** Seeds tried in turn until one run differs; the first two are always run in full. */
const SEEDS = [1, 2, 3, 4, 5, 6];
const ALWAYS = 2;

/**
 * The shipped scenario a mechanism is switched off in: the Bolshevik one, where every mechanism is on but the
 * return of the fallen and pre-emptive force, which the China scenario switches on.
 */
function scenarioFor(id: MechanismId): (sets?: Record<string, unknown>) => CompiledScenario {
  return bolshevik().enabled[id] ? bolshevik : chinaCompiled;
}

const baseline = new Map<string, string>();
function base(make: (sets?: Record<string, unknown>) => CompiledScenario, seed: number): string {
  const key = `${make().id}:${seed}`;
  let out = baseline.get(key);
  if (out === undefined) {
    out = JSON.stringify(runScenario(make(), { seed }));
    baseline.set(key, out);
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
      const make = scenarioFor(id);
      const sc = make({ [`mechanisms.${id}.enabled`]: false });
      expect(make().enabled[id]).toBe(true);
      expect(sc.enabled[id]).toBe(false);
      const offBefore = Object.entries(make().enabled).filter(([, on]) => !on);
      expect(Object.entries(sc.enabled).filter(([, on]) => !on)).toEqual(
        Object.entries(sc.enabled).filter(([k]) => k === id || offBefore.some(([o]) => o === k)),
      );
      let differs = 0;
      for (const [k, seed] of SEEDS.entries()) {
        if (k >= ALWAYS && differs > 0) break;
        const r = runScenario(sc, { seed });
        expectDefinedOutcome(sc, r);
        if (JSON.stringify(r) !== base(make, seed)) differs++;
      }
      expect(differs).toBeGreaterThan(0);
    },
  );
});
