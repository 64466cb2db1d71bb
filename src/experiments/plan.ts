/**
 * Experiment plans: each kind of experiment as a list of scenario variants run over the same replicates.
 * Monte Carlo has one variant, a what-if two (baseline and changed), attribution one per combination of
 * factor groups, a sweep one per design point. Every variant is applied to the scenario here, once, so a
 * bad path or value fails before any run starts, with the scenario's own error naming it. Pure.
 */
import { estimateRun } from "../scenario/limits.ts";
import { applyPatch, applySets } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { MAX_GROUPS } from "./factors.ts";
import type { Assignment, ExperimentPlan, FactorGroup, Question, Variant } from "./types.ts";

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
): ExperimentPlan {
  if (!Number.isSafeInteger(base.replicates) || base.replicates < 1)
    throw new PlanError(`runs per variant must be a positive integer, got ${base.replicates}`);
  const total = base.replicates * variants.length;
  if (total > MAX_RUNS)
    throw new PlanError(
      `${variants.length} variants x ${base.replicates} runs = ${total} runs, more than the limit of ${MAX_RUNS}`,
    );
  // Apply every variant now: a bad path or value is reported before anything runs, and the cost is known.
  let seconds = 0;
  for (const v of variants)
    seconds += base.replicates * estimateRun(variantScenario(base.scenario, v)).seconds;
  if (seconds > MAX_ESTIMATED_SECONDS)
    throw new PlanError(
      `${variants.length} variants x ${base.replicates} runs are estimated at ${hours(seconds)} of computing, more than the limit of ${hours(MAX_ESTIMATED_SECONDS)}: use fewer runs or a smaller scenario`,
    );
  return {
    kind,
    name: base.name ?? kind,
    seed: base.seed,
    replicates: base.replicates,
    scenario: base.scenario,
    scenarioHash: scenarioHash(base.scenario),
    variants,
    question: base.question,
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
