/**
 * Small made-up plans and runs for the store's tests. The store never looks inside a scenario, so the plans
 * carry a stand-in with just an id.
 */
import type { ExperimentPlan, RunMetrics, RunRow, Variant } from "../experiments/types.ts";
import type { Scenario } from "../scenario/schema.ts";

/**
 * A plan with the given variants (default: two plain ones) and everything else fixed.
 *
 * @example
 * const plan = fakePlan({ kind: "sweep", variants: [{ label: "low", sets: [], point: { "a.b": 1 } }] });
 */
export function fakePlan(overrides: Partial<ExperimentPlan> = {}): ExperimentPlan {
  const variants: Variant[] = [
    { label: "base", sets: [] },
    { label: "no patronage", sets: [{ path: "mechanisms.patronage.enabled", value: false }] },
  ];
  return {
    kind: "mc",
    name: "toy experiment",
    seed: 7,
    replicates: 3,
    scenario: { id: "toy-scenario" } as unknown as Scenario,
    scenarioHash: "0123456789abcdef",
    variants,
    question: { text: "Is a sole leader before the cut-off?", leader: "a", by: "2005-01-01" },
    ...overrides,
  };
}

/**
 * A run at `index` for a plan with `variantCount` variants, with metrics that vary with the index.
 *
 * @example
 * store.addRuns(id, [0, 1, 2].map((i) => fakeRun(i, 2)));
 */
export function fakeRun(index: number, variantCount: number, metrics: Partial<RunMetrics> = {}): RunRow {
  const sole = index % 3 === 0;
  return {
    index,
    variant: index % variantCount,
    replicate: Math.floor(index / variantCount),
    seed: 2 ** 40 + index * 7919,
    metrics: {
      outcome: sole ? "sole-leader" : index % 3 === 1 ? "dominant-leader" : "collective",
      leader: sole ? "a" : index % 3 === 1 ? "b" : null,
      soleDate: sole ? `200${index % 10}-03-15` : null,
      exits: sole
        ? [
            { id: "c", date: "2002-01-10" },
            { id: "b", date: "2003-06-01" },
          ]
        : [],
      members: 1_000_000 + index,
      committee: 50 + (index % 7),
      ...metrics,
    },
  };
}

/**
 * The tables of stores written by earlier versions, for the tests that open such a store and check that it is
 * brought up to date: version 1 (experiments and runs), and the kept series that version 2 added.
 */
export const STORE_V1_TABLES = `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE experiments (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, name TEXT NOT NULL,
  scenario_id TEXT NOT NULL, created TEXT NOT NULL, status TEXT NOT NULL, total INTEGER NOT NULL,
  plan TEXT NOT NULL, finished TEXT);
CREATE TABLE runs (experiment_id INTEGER NOT NULL REFERENCES experiments (id), idx INTEGER NOT NULL,
  variant INTEGER NOT NULL, replicate INTEGER NOT NULL, seed INTEGER NOT NULL, metrics TEXT NOT NULL,
  PRIMARY KEY (experiment_id, idx)) WITHOUT ROWID;`;

export const STORE_V2_SERIES_TABLE = `CREATE TABLE run_series (experiment_id INTEGER NOT NULL REFERENCES experiments (id),
  idx INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (experiment_id, idx)) WITHOUT ROWID;`;
