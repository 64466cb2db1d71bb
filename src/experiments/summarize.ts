/**
 * Summaries of stored runs, one per kind of experiment: shares with Wilson intervals, paired differences and
 * Shapley values with intervals from per-replicate values (all variants of a replicate share its seed).
 * Computed from rows in index order only, so the same rows give the same bytes whoever ran them. Pure.
 */
import { type SensitivitySummary, summarizeSensitivity } from "../sensitivity/analyse.ts";
import { boundedMeanInterval, quantile, wilson } from "../stats/intervals.ts";
import { answersYes, outcomeLabel } from "./metrics.ts";
import { shapley } from "./shapley.ts";
import type { ExperimentPlan, RunMetrics, RunRow } from "./types.ts";

/** A share of runs with its 95 % Wilson interval. */
export interface ShareCI {
  k: number;
  n: number;
  share: number;
  lo: number;
  hi: number;
}

/** An estimate with its 95 % interval. */
export interface EstimateCI {
  value: number;
  lo: number;
  hi: number;
  n: number;
}

export function shareOf(k: number, n: number): ShareCI {
  const [lo, hi] = wilson(k, n);
  return { k, n, share: n === 0 ? Number.NaN : k / n, lo, hi };
}

/** How runs ended: each outcome label with its share, most frequent first (ties by label). */
export function outcomeDistribution(ms: readonly RunMetrics[]): { label: string; share: ShareCI }[] {
  const counts = new Map<string, number>();
  for (const m of ms) counts.set(outcomeLabel(m), (counts.get(outcomeLabel(m)) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([label, k]) => ({ label, share: shareOf(k, ms.length) }));
}

const DAY = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOfDay = (d: number) => new Date(Math.round(d) * DAY).toISOString().slice(0, 10);

/** When the question's leader became sole leader, over the runs where he did before the date. */
export interface DateSpread {
  n: number;
  p10: string | null;
  median: string | null;
  p90: string | null;
}

function dateSpread(dates: string[]): DateSpread {
  const days = dates.map(dayNumber).sort((a, b) => a - b);
  if (days.length === 0) return { n: 0, p10: null, median: null, p90: null };
  return {
    n: days.length,
    p10: isoOfDay(quantile(days, 0.1)),
    median: isoOfDay(quantile(days, 0.5)),
    p90: isoOfDay(quantile(days, 0.9)),
  };
}

/** The figures of one variant: the answer to the question, how runs ended, when, in what order rivals fell. */
export interface VariantSummary {
  label: string;
  runs: number;
  yes: ShareCI;
  outcomes: { label: string; share: ShareCI }[];
  soleDate: DateSpread;
  /** Most frequent orders in which contenders lost their executive seats ("a>b>c"), top five. */
  exitOrders: { order: string; share: ShareCI }[];
  meanMembers: number;
}

function summarizeVariant(plan: ExperimentPlan, label: string, rows: readonly RunRow[]): VariantSummary {
  const ms = rows.map((r) => r.metrics);
  const yes = ms.filter((m) => answersYes(m, plan.question));
  const orders = new Map<string, number>();
  for (const m of ms) {
    const key = m.exits.map((e) => e.id).join(">") || "(none)";
    orders.set(key, (orders.get(key) ?? 0) + 1);
  }
  return {
    label,
    runs: ms.length,
    yes: shareOf(yes.length, ms.length),
    outcomes: outcomeDistribution(ms),
    // A question that accepts dominance has yes runs without a date of sole leadership.
    soleDate: dateSpread(yes.flatMap((m) => (m.soleDate !== null ? [m.soleDate] : []))),
    exitOrders: [...orders]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([order, k]) => ({ order, share: shareOf(k, ms.length) })),
    meanMembers: ms.length === 0 ? Number.NaN : Math.round(ms.reduce((a, m) => a + m.members, 0) / ms.length),
  };
}

/** Rows by variant, each list in index order. */
function byVariant(plan: ExperimentPlan, rows: readonly RunRow[]): RunRow[][] {
  const out: RunRow[][] = plan.variants.map(() => []);
  for (const r of [...rows].sort((a, b) => a.index - b.index)) out[r.variant]!.push(r);
  return out;
}

/** Per replicate, the yes/no answer of every variant; only replicates where every variant has run. */
function completeReplicates(plan: ExperimentPlan, rows: readonly RunRow[]): number[][] {
  const V = plan.variants.length;
  const grid = new Map<number, number[]>();
  for (const r of rows) {
    let line = grid.get(r.replicate);
    if (!line) {
      line = new Array<number>(V).fill(Number.NaN);
      grid.set(r.replicate, line);
    }
    line[r.variant] = answersYes(r.metrics, plan.question) ? 1 : 0;
  }
  return [...grid]
    .sort((a, b) => a[0] - b[0])
    .map(([, line]) => line)
    .filter((line) => line.every((x) => !Number.isNaN(x)));
}

export interface MonteCarloSummary {
  kind: "mc";
  question: ExperimentPlan["question"];
  baseline: VariantSummary;
}

export interface WhatIfSummary {
  kind: "whatif";
  question: ExperimentPlan["question"];
  baseline: VariantSummary;
  changed: VariantSummary;
  /** Change in the chance of a yes, paired by seed. */
  effect: EstimateCI;
}

export interface AttributionFactor {
  id: string;
  label: string;
  shapley: EstimateCI;
  /** Shapley value over the total effect (all present minus none), null when that total is under 1 point. */
  shareOfEffect: number | null;
  /** This factor removed, the others present. */
  without: ShareCI;
  /** Only this factor present. */
  alone: ShareCI;
}

export interface AttributionSummary {
  kind: "attribute";
  question: ExperimentPlan["question"];
  /** Replicates where every combination has run (Shapley values use only these). */
  replicates: number;
  baseline: VariantSummary;
  none: ShareCI;
  factors: AttributionFactor[];
  combinations: { present: string[]; chance: ShareCI }[];
}

export interface SweepSummary {
  kind: "sweep";
  question: ExperimentPlan["question"];
  points: { point: Record<string, number | boolean | string>; yes: ShareCI; meanMembers: number }[];
}

export type { SensitivitySummary };

export type ExperimentSummary =
  | MonteCarloSummary
  | WhatIfSummary
  | AttributionSummary
  | SweepSummary
  | SensitivitySummary;

function summarizeAttribution(plan: ExperimentPlan, rows: readonly RunRow[]): AttributionSummary {
  const groups = plan.groups ?? [];
  const n = groups.length;
  const all = (1 << n) - 1;
  const variants = byVariant(plan, rows);
  const yesShare = (mask: number) => {
    const rs = variants[mask]!;
    return shareOf(rs.filter((r) => answersYes(r.metrics, plan.question)).length, rs.length);
  };
  const lines = completeReplicates(plan, rows);
  const perReplicate = lines.map((v) => shapley(v, n));
  const total = yesShare(all).share - yesShare(0).share;
  return {
    kind: "attribute",
    question: plan.question,
    replicates: lines.length,
    baseline: summarizeVariant(plan, plan.variants[all]!.label, variants[all]!),
    none: yesShare(0),
    factors: groups.map((g, i) => {
      // A Shapley value of a yes/no outcome lies in [-1, 1]; the bounded interval never collapses to a point.
      const phi = boundedMeanInterval(
        perReplicate.map((p) => p[i]!),
        -1,
        1,
      );
      return {
        id: g.id,
        label: g.label,
        shapley: phi,
        shareOfEffect: Math.abs(total) >= 0.01 ? phi.value / total : null,
        without: yesShare(all ^ (1 << i)),
        alone: yesShare(1 << i),
      };
    }),
    combinations: plan.variants.map((_, mask) => ({
      present: groups.filter((_, g) => (mask & (1 << g)) !== 0).map((g) => g.id),
      chance: yesShare(mask),
    })),
  };
}

/**
 * The summary of an experiment's runs (any subset: a partial experiment gives a partial summary).
 *
 * @example
 * const s = summarize(plan, store.runs(id));
 * if (s.kind === "whatif") console.log(s.effect.value);
 */
export function summarize(plan: ExperimentPlan, rows: readonly RunRow[]): ExperimentSummary {
  const variants = byVariant(plan, rows);
  switch (plan.kind) {
    case "mc":
      return {
        kind: "mc",
        question: plan.question,
        baseline: summarizeVariant(plan, "baseline", variants[0]!),
      };
    case "whatif": {
      const diffs = completeReplicates(plan, rows).map(([base, changed]) => changed! - base!);
      const effect = boundedMeanInterval(diffs, -1, 1);
      return {
        kind: "whatif",
        question: plan.question,
        baseline: summarizeVariant(plan, plan.variants[0]!.label, variants[0]!),
        changed: summarizeVariant(plan, plan.variants[1]!.label, variants[1]!),
        effect,
      };
    }
    case "attribute":
      return summarizeAttribution(plan, rows);
    case "sweep":
      return {
        kind: "sweep",
        question: plan.question,
        points: plan.variants.map((v, i) => {
          const s = summarizeVariant(plan, v.label, variants[i]!);
          return { point: v.point ?? {}, yes: s.yes, meanMembers: s.meanMembers };
        }),
      };
    case "sensitivity":
      return summarizeSensitivity(plan, rows);
  }
}
