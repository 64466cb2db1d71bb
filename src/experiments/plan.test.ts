/** Plans: variant counts and contents, and bad changes refused before anything runs. */
import { describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { ScenarioError } from "../scenario/load.ts";
import { applySet } from "../scenario/patch.ts";
import { tasksFor } from "./execute.ts";
import {
  PlanError,
  planAttribution,
  planMonteCarlo,
  planSweep,
  planWhatIf,
  scenarioHash,
  totalRuns,
} from "./plan.ts";
import { runSeed, taskOf } from "./seeds.ts";
import type { FactorGroup } from "./types.ts";

const scenario = bolshevikScenario();
const base = {
  scenario,
  seed: 7,
  replicates: 3,
  question: { text: "q", leader: "stalin", by: "1930-01-01" },
};
const groups: FactorGroup[] = ["patronage", "files", "information"].map((m) => ({
  id: m,
  label: m,
  description: m,
  mechanisms: [m],
  sources: [],
  off: [{ path: `mechanisms.${m}.enabled`, value: false }],
}));

describe("plans", () => {
  it("Monte Carlo has one variant; runs = replicates", () => {
    const p = planMonteCarlo(base);
    expect(p.variants).toHaveLength(1);
    expect(totalRuns(p)).toBe(3);
  });

  it("a what-if needs a change, and a bad path or an absurd value is refused with the scenario's error", () => {
    expect(() => planWhatIf({ ...base, sets: [] })).toThrow(PlanError);
    expect(() =>
      planWhatIf({ ...base, sets: [{ path: "mechanisms.nosuch.enabled", value: false }] }),
    ).toThrow(/no such field.*mechanisms\.nosuch/);
    const absurd = () =>
      planWhatIf({ ...base, sets: [{ path: "shocks.first-stroke.probability", value: 2 }] });
    expect(absurd).toThrow(ScenarioError);
    expect(absurd).toThrow(/probability/);
  });

  it("attribution runs every combination; the full mask is the scenario as it is, mask 0 removes all", () => {
    const p = planAttribution({ ...base, groups });
    expect(p.variants).toHaveLength(8);
    expect(p.variants[7]!.sets).toEqual([]);
    expect(p.variants[0]!.sets.map((a) => a.path)).toEqual(groups.flatMap((g) => g.off.map((a) => a.path)));
    expect(p.variants[5]!.present).toEqual([true, false, true]);
    expect(p.variants[5]!.label).toBe("without files");
  });

  it("sweeps refuse an empty design and a design too large", () => {
    expect(() => planSweep({ ...base, points: [], design: {} })).toThrow(/at least one design point/);
    expect(() => planMonteCarlo({ ...base, replicates: 2_000_000 })).toThrow(/more than the limit/);
    expect(() => planMonteCarlo({ ...base, replicates: 0 })).toThrow(PlanError);
  });

  it("the scenario fingerprint is stable and changes with the scenario", () => {
    expect(scenarioHash(scenario)).toBe(scenarioHash(structuredClone(scenario)));
    expect(scenarioHash(scenario)).toMatch(/^[0-9a-f]{16}$/);
    expect(scenarioHash(applySet(scenario, "mechanisms.files.enabled", false))).not.toBe(
      scenarioHash(scenario),
    );
  });
});

describe("seeds and tasks", () => {
  it("interleave variants: the first V runs cover every variant once", () => {
    const p = planAttribution({ ...base, groups });
    const first = tasksFor(p).slice(0, 8);
    expect(first.map((t) => t.variant)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(new Set(first.map((t) => t.seed)).size).toBe(1);
  });

  it("derive each replicate's seed from the experiment seed alone, distinct across replicates", () => {
    const seeds = Array.from({ length: 1000 }, (_, r) => runSeed(7, r));
    expect(new Set(seeds).size).toBe(1000);
    expect(seeds.every((s) => Number.isSafeInteger(s) && s >= 0 && s < 2 ** 31)).toBe(true);
    expect(runSeed(8, 0)).not.toBe(runSeed(7, 0));
    expect(taskOf(17, 8)).toEqual({ variant: 1, replicate: 2 });
  });
});
