/**
 * The data of an experiment: a plan (what to run), rows (what each run measured) and summaries. Plain JSON
 * throughout, so the same shapes go to worker threads, the distributed queue, the store and the browser.
 */
import type { OutcomeKind } from "../kernel/outcome.ts";
import type { Scenario } from "../scenario/schema.ts";

export const EXPERIMENT_KINDS = ["mc", "whatif", "attribute", "sweep", "sensitivity"] as const;
export type ExperimentKind = (typeof EXPERIMENT_KINDS)[number];

/** One `--set`-style assignment. */
export interface Assignment {
  path: string;
  value: unknown;
}

/** One version of the scenario an experiment runs: the base with some assignments (and maybe a patch). */
export interface Variant {
  label: string;
  sets: Assignment[];
  /** A partial scenario merged over the base before the sets (whatif patch files). */
  patch?: unknown;
  /** Attribution: which factor groups are present (true) in this variant, in the order of `plan.groups`. */
  present?: boolean[];
  /** Sweep: the design point's value for each swept path. */
  point?: Record<string, number | boolean | string>;
}

/**
 * The question attribution and what-ifs answer: is `leader` sole leader before `by`? With `outcomes`
 * including "dominant-leader", a run in which he dominates at the end (without passing the sole-leadership
 * test) also answers yes.
 */
export interface Question {
  text: string;
  leader: string;
  by: string;
  /** Outcome kinds that answer yes (default: sole leadership only). */
  outcomes?: ("sole-leader" | "dominant-leader")[];
}

/** A named group of switches: the assignments that remove one factor. */
export interface FactorGroup {
  id: string;
  label: string;
  description: string;
  /** Mechanisms the group touches, for the report's sources. */
  mechanisms: string[];
  /** Source keys behind the group beyond those of its mechanisms. */
  sources: string[];
  off: Assignment[];
}

/**
 * Everything needed to run an experiment again, stored with it so a resumed run reproduces the same tasks
 * whatever has changed on disk since.
 */
export interface ExperimentPlan {
  kind: ExperimentKind;
  name: string;
  /** Experiment seed: every run's seed is derived from it and the run's replicate number. */
  seed: number;
  /** Runs per variant. */
  replicates: number;
  /** The validated base scenario. */
  scenario: Scenario;
  /** 64-bit fingerprint of the base scenario's JSON (16 hex digits). */
  scenarioHash: string;
  variants: Variant[];
  question: Question;
  groups?: FactorGroup[];
  /** Sweep: the design as given. */
  design?: unknown;
  /** Sensitivity analysis: the method, its parameters and the outcome analysed (variants are its design points). */
  sensitivity?: SensitivityDesign;
  /** Per-tick series each run keeps (measure names of the run's series), when asked for. */
  series?: string[];
  /** Estimated CPU seconds of all its runs on the reference machine (see scenario/limits.ts). */
  estimatedSeconds?: number;
}

/** One parameter of a sensitivity analysis: a scenario estimate and the range it is varied over. */
export interface SensitivityParameter {
  path: string;
  range: [number, number];
  /** The scenario's own value. */
  value: number;
}

/** A global sensitivity analysis as planned: the variants of its plan are the design's points, in order. */
export interface SensitivityDesign {
  method: "sobol" | "morris";
  parameters: SensitivityParameter[];
  /** Sobol: base samples N (N (k + 2) points). Morris: trajectories r (r (k + 1) points). */
  samples: number;
  /** Morris: levels of the grid. */
  levels?: number;
  /** The number each run gives the analysis (see outcomes.ts), e.g. "yes" or "members". */
  outcome: string;
  /** Bootstrap resamples for the intervals. */
  resamples: number;
}

/**
 * What one run measured. Small on purpose: an experiment keeps these, not the runs' event logs.
 */
export interface RunMetrics {
  outcome: OutcomeKind;
  /** Sole or dominant leader, else null. */
  leader: string | null;
  /** Start of unbroken sole leadership, else null. */
  soleDate: string | null;
  /** Contenders in the order they lost their full executive seat for good, with the date. */
  exits: { id: string; date: string }[];
  /** Party members at the end. */
  members: number;
  /** Committee size at the end. */
  committee: number;
  /** Numbers a model other than the scenario engine reports (a library user's model, the test functions). */
  outputs?: Record<string, number>;
}

/** One line of a run's series: a measure, party-wide (leader null) or of one leader, one value per tick. */
export interface SeriesLine {
  measure: string;
  leader: string | null;
  values: number[];
}

/** The per-tick series a run keeps when its experiment asks for them. */
export interface RunSeries {
  dates: string[];
  lines: SeriesLine[];
}

/** One stored run. Index `i` runs variant `i % V` with replicate `floor(i / V)`: runs interleave variants. */
export interface RunRow {
  index: number;
  variant: number;
  replicate: number;
  seed: number;
  metrics: RunMetrics;
  /** Kept series, when the plan asks for them (stored apart from the metrics). */
  series?: RunSeries;
}

/** Running (or stopped part-way and resumable), finished, or failed (with the reason; resumable too). */
export type ExperimentStatus = "running" | "finished" | "failed";

/** An experiment as stored. */
export interface ExperimentRecord {
  id: number;
  created: string;
  status: ExperimentStatus;
  plan: ExperimentPlan;
  total: number;
  done: number;
  /** Why it failed, when it did. */
  error?: string;
}

/** A line of `apparat runs`. */
export interface ExperimentListing {
  id: number;
  kind: ExperimentKind;
  name: string;
  scenario: string;
  created: string;
  status: ExperimentStatus;
  total: number;
  done: number;
  /** Why it failed, when it did. */
  error?: string;
}
