/**
 * Experiment plans: each kind of experiment as a list of scenario variants run over the same replicates.
 * Monte Carlo has one variant, a what-if two (baseline and changed), attribution one per combination of
 * factor groups, a sweep one per design point. Every variant is applied to the scenario here, once, so a
 * bad path or value fails before any run starts, with the scenario's own error naming it. Pure.
 */
import { estimateRun } from "../scenario/limits.ts";
import { applyPatch, applySets } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { DEFAULT_RESAMPLES } from "../sensitivity/bootstrap.ts";
import { DEFAULT_MORRIS_LEVELS, morrisDesign } from "../sensitivity/morris.ts";
import { valueAt } from "../sensitivity/parameters.ts";
import { MAX_SOBOL_FACTORS, saltelliDesign } from "../sensitivity/sobolIndices.ts";
import { MAX_GROUPS } from "./factors.ts";
import { parseOutcome } from "./outcomes.ts";
import type {
  Assignment,
  ExperimentPlan,
  FactorGroup,
  Question,
  SensitivityDesign,
  SensitivityParameter,
  Variant,
} from "./types.ts";

/** A plan that cannot be made as asked (no change in a what-if, too many runs...): the message says why. */
export class PlanError extends Error {
  override name = "PlanError";
}

/** Upper bound on runs in one experiment: enough for any design here, small enough to catch typos. */
export const MAX_RUNS = 1_000_000;

/**
 * Upper bound on an experiment's estimated CPU time (seconds on the reference machine, summed over its runs):
 * 1,000 CPU-hours, six weeks of a core. Beyond it a plan is surely a mistake (a long calendar times many
 * runs), and is refused before it starts. Servers set a much lower bound of their own.
 */
export const MAX_ESTIMATED_SECONDS = 1000 * 3600;

export interface PlanBase {
  name?: string;
  scenario: Scenario;
  seed: number;
  /** Runs per variant. */
  replicates: number;
  question: Question;
  /** Per-tick series each run keeps (measures of the run's series); none when absent. */
  series?: string[];
}

/** The scenario one variant runs: base, then the variant's patch, then its assignments. */
export function variantScenario(base: Scenario, v: Variant): Scenario {
  const s = v.patch === undefined ? base : applyPatch(base, v.patch, `variant "${v.label}" patch`);
  return applySets(s, v.sets, `variant "${v.label}"`);
}

function plan(
  kind: ExperimentPlan["kind"],
  base: PlanBase,
  variants: Variant[],
  extra: Partial<ExperimentPlan> = {},
  /** Variants to check by applying them; every variant unless the caller checks a smaller set that covers them. */
  check: readonly Variant[] = variants,
): ExperimentPlan {
  if (!Number.isSafeInteger(base.replicates) || base.replicates < 1)
    throw new PlanError(`runs per variant must be a positive integer, got ${base.replicates}`);
  const total = base.replicates * variants.length;
  if (total > MAX_RUNS)
    throw new PlanError(
      `${variants.length} variants x ${base.replicates} runs = ${total} runs, more than the limit of ${MAX_RUNS}`,
    );
  // Apply the variants now: a bad path or value is reported before anything runs, and the cost is known.
  // When the caller checks a smaller set that covers the rest (a sensitivity design's two ends), each run is
  // costed as the dearest of that set.
  const costs = check.map((v) => estimateRun(variantScenario(base.scenario, v)).seconds);
  const seconds =
    check === variants ? base.replicates * costs.reduce((a, b) => a + b, 0) : total * Math.max(0, ...costs);
  if (seconds > MAX_ESTIMATED_SECONDS)
    throw new PlanError(
      `${variants.length} variants x ${base.replicates} runs are estimated at ${hours(seconds)} of computing, more than the limit of ${hours(MAX_ESTIMATED_SECONDS)}: use fewer runs or a smaller scenario`,
    );
  if (base.series !== undefined && base.series.length === 0)
    throw new PlanError("name at least one series measure to keep, or none at all");
  return {
    kind,
    name: base.name ?? kind,
    seed: base.seed,
    replicates: base.replicates,
    scenario: base.scenario,
    scenarioHash: scenarioHash(base.scenario),
    variants,
    question: base.question,
    ...(base.series ? { series: base.series } : {}),
    estimatedSeconds: Math.round(seconds),
    ...extra,
  };
}

/** Seconds as hours, for messages. */
export function hours(seconds: number): string {
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} CPU-hours`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return `${minutes} CPU-minute${minutes === 1 ? "" : "s"}`;
}

/**
 * A 64-bit fingerprint (16 hex digits) of the scenario's JSON: two independent 32-bit FNV-1a hashes. It tells
 * stored experiments' scenarios apart; it is not a cryptographic hash (none is needed, and this runs in
 * browsers too).
 */
export function scenarioHash(s: Scenario): string {
  const text = JSON.stringify(s);
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/**
 * Monte Carlo: the scenario as it is, over many seeds.
 *
 * @example
 * planMonteCarlo({ scenario, seed: 1, replicates: 500, question });
 */
export function planMonteCarlo(base: PlanBase): ExperimentPlan {
  return plan("mc", base, [{ label: "baseline", sets: [] }]);
}

/**
 * What-if: the baseline against the scenario changed by a patch and/or assignments, on the same seeds.
 *
 * @example
 * planWhatIf({ ...base, sets: [{ path: "mechanisms.patronage.enabled", value: false }] });
 */
export function planWhatIf(
  base: PlanBase & { sets: Assignment[]; patch?: unknown; label?: string },
): ExperimentPlan {
  if (base.sets.length === 0 && base.patch === undefined)
    throw new PlanError("a what-if needs a change: a patch file or at least one --set path=value");
  const label =
    base.label ?? [...(base.patch !== undefined ? ["patch"] : []), ...base.sets.map(showSet)].join(", ");
  return plan("whatif", base, [
    { label: "baseline", sets: [] },
    { label, sets: base.sets, ...(base.patch !== undefined ? { patch: base.patch } : {}) },
  ]);
}

function showSet(a: Assignment): string {
  return `${a.path}=${typeof a.value === "object" ? JSON.stringify(a.value) : String(a.value)}`;
}

/**
 * Attribution: every combination of factor groups present or removed (2^n variants). Variant k has group g
 * present when bit g of k is set, so variant 2^n - 1 is the scenario as it is and variant 0 removes all.
 *
 * @example
 * planAttribution({ ...base, groups }); // 32 variants for 5 groups
 */
export function planAttribution(base: PlanBase & { groups: FactorGroup[] }): ExperimentPlan {
  const n = base.groups.length;
  if (n < 1 || n > MAX_GROUPS) throw new PlanError(`attribution needs 1 to ${MAX_GROUPS} groups, got ${n}`);
  const variants: Variant[] = [];
  for (let mask = 0; mask < 1 << n; mask++) {
    const present = base.groups.map((_, g) => (mask & (1 << g)) !== 0);
    const absent = base.groups.filter((_, g) => !present[g]);
    variants.push({
      label: absent.length === 0 ? "all present" : `without ${absent.map((g) => g.id).join(", ")}`,
      sets: absent.flatMap((g) => g.off),
      present,
    });
  }
  return plan("attribute", base, variants, { groups: base.groups });
}

/**
 * Sweep: one variant per design point (see design.ts), each point's values assigned at their paths.
 *
 * @example
 * planSweep({ ...base, points: [{ "mechanisms.patronage.params.maxGrip": 0.8 }], design });
 */
export function planSweep(
  base: PlanBase & { points: Record<string, number | boolean | string>[]; design: unknown },
): ExperimentPlan {
  if (base.points.length === 0) throw new PlanError("a sweep needs at least one design point");
  const variants = base.points.map((point, i) => ({
    label: `point ${i}`,
    sets: Object.entries(point).map(([path, value]) => ({ path, value })),
    point,
  }));
  return plan("sweep", base, variants, { design: base.design });
}

/** Number of runs a plan makes. */
export function totalRuns(p: ExperimentPlan): number {
  return p.variants.length * p.replicates;
}

/** What a sensitivity analysis asks for besides the plan's base. */
export interface SensitivityRequest {
  method: "sobol" | "morris";
  parameters: SensitivityParameter[];
  /** Sobol: base samples N. Morris: trajectories r. */
  samples: number;
  levels?: number;
  /** Outcome text (see outcomes.ts); default "yes". */
  outcome?: string;
  resamples?: number;
}

/**
 * The points of a sensitivity design in the unit cube, in variant order: Saltelli's N (k + 2) for Sobol, r
 * trajectories of k + 1 for Morris. A function of the design alone, so the analysis makes it again.
 */
export function unitDesign(d: SensitivityDesign, seed: number): number[][] {
  const k = d.parameters.length;
  return d.method === "sobol" ? saltelliDesign(k, d.samples) : morrisDesign(k, d.samples, d.levels!, seed);
}

/**
 * Global sensitivity analysis: one variant per point of a Sobol' (Saltelli) or Morris design over the chosen
 * estimates, each within its range. Only the two ends of each range are applied to the scenario up front:
 * every point lies between them, and estimates are checked one by one.
 *
 * @example
 * planSensitivity({ ...base, method: "sobol", parameters, samples: 64 }); // 64 (k + 2) variants
 */
export function planSensitivity(base: PlanBase & SensitivityRequest): ExperimentPlan {
  const k = base.parameters.length;
  if (k === 0) throw new PlanError("a sensitivity analysis needs at least one parameter");
  if (base.method === "sobol" && k > MAX_SOBOL_FACTORS)
    throw new PlanError(`a Sobol' analysis takes at most ${MAX_SOBOL_FACTORS} parameters, not ${k}`);
  const minSamples = 2;
  if (!Number.isSafeInteger(base.samples) || base.samples < minSamples)
    throw new PlanError(`samples must be a whole number of at least ${minSamples}, got ${base.samples}`);
  const levels = base.method === "morris" ? (base.levels ?? DEFAULT_MORRIS_LEVELS) : undefined;
  if (levels !== undefined && (!Number.isSafeInteger(levels) || levels < 2 || levels % 2 !== 0))
    throw new PlanError(`Morris levels must be an even whole number of at least 2, got ${levels}`);
  const seen = new Set<string>();
  for (const p of base.parameters) {
    if (seen.has(p.path)) throw new PlanError(`"${p.path}" is listed twice`);
    seen.add(p.path);
    if (!(p.range[1] > p.range[0])) throw new PlanError(`"${p.path}" has no range to vary over`);
  }
  const outcome = parseOutcome(base.outcome ?? "yes").text;
  const points = base.method === "sobol" ? base.samples * (k + 2) : base.samples * (k + 1);
  if (points * base.replicates > MAX_RUNS)
    throw new PlanError(
      `${points} design points x ${base.replicates} runs = ${points * base.replicates} runs, more than the limit of ${MAX_RUNS}`,
    );
  const design: SensitivityDesign = {
    method: base.method,
    parameters: base.parameters,
    samples: base.samples,
    ...(levels !== undefined ? { levels } : {}),
    outcome,
    resamples: base.resamples ?? DEFAULT_RESAMPLES,
  };
  const variants: Variant[] = unitDesign(design, base.seed).map((u, i) => {
    const point: Record<string, number> = {};
    base.parameters.forEach((p, d) => {
      point[p.path] = valueAt(p, u[d]!);
    });
    return {
      label: `point ${i}`,
      sets: Object.entries(point).map(([path, value]) => ({ path, value })),
      point,
    };
  });
  const ends = (["low", "high"] as const).map((end, e) => ({
    label: `every parameter at the ${end} end of its range`,
    sets: base.parameters.map((p) => ({ path: p.path, value: p.range[e]! })),
  }));
  return plan("sensitivity", base, variants, { sensitivity: design }, ends);
}
