import type { Reference } from "../bibliography/bibliography.ts";

/** A cited source: its key, its citation as one line, and the full reference where the bibliography has it. */
export interface ReportSource {
  key: string;
  citation: string;
  reference?: Reference | null;
}

/**
 * What the factor-significance report is made from: an attribution experiment's figures, already computed,
 * plus the scenario's sources. The renderers only lay it out; they compute nothing statistical.
 */

/** A share with its 95 % interval. */
export interface Share {
  share: number;
  lo: number;
  hi: number;
  /** Runs behind the share. */
  n: number;
}

/** An estimate with its 95 % interval (for Shapley values and differences, which can be negative). */
export interface Estimate95 {
  value: number;
  lo: number;
  hi: number;
}

export interface ReportFactor {
  id: string;
  label: string;
  description: string;
  /** Shapley value on the chance that the question's leader is sole leader by the date. */
  shapley: Estimate95;
  /** Shapley value as a share of the total effect (baseline minus nothing-present), null when that is ~0. */
  shareOfEffect: number | null;
  /** Chance with this factor removed and every other one present (the one-at-a-time counterfactual). */
  without: Share;
  /** Chance with only this factor present. */
  alone: Share;
  /** Assignments that remove the factor. */
  off: { path: string; value: unknown }[];
  /** Mechanisms behind the factor, with the evidence the scenario cites for each. */
  mechanisms: {
    id: string;
    title: string;
    description: string;
    evidence: { source: string; citation: string; note: string }[];
  }[];
  /** Extra sources the factor group cites, resolved. */
  sources: ReportSource[];
}

export interface ReportInput {
  title: string;
  /** The essay question, e.g. how significant a post was in a leader's rise. */
  question: string;
  /** The measurable version: "<leader name> sole leader before <date>". */
  measure: string;
  leaderName: string;
  scenario: { id: string; title: string };
  experiment: { id: number; seed: number; replicates: number; runs: number; created: string };
  /** All factors present: the historical baseline. */
  baseline: Share;
  /** No factor present. */
  none: Share;
  /** Ranked by Shapley value, largest first. */
  factors: ReportFactor[];
  /** Chance for every combination of factors: `present` in the order of `factors`' original groups. */
  combinations: { present: string[]; chance: Share }[];
  /** Baseline outcome distribution (e.g. "sole leader: X", "collective", ...). */
  outcomes: { label: string; share: Share }[];
  /** Every source key cited anywhere in the report, with its citation. */
  sources: ReportSource[];
  /** Honest limits to print under the results. */
  caveats: string[];
  /** The essay answers, when the scenario has an essay file and the report ran its experiments. */
  essay?: ReportEssay;
}

/** A Shapley value of one factor under one grouping of the switches. */
export interface GroupedFactor {
  id: string;
  label: string;
  shapley: Estimate95;
}

/** One of the essay's what-ifs, measured on the same seeds as the baseline. */
export interface ReportWhatIf {
  id: string;
  label: string;
  meaning: string;
  kind: "whole-post" | "post" | "all-posts" | "other";
  sets: { path: string; value: unknown }[];
  chance: Share;
  /** Change from the baseline chance, paired by seed. */
  effect: Estimate95;
  /** The leader who got the post, and his chance of ending the run sole leader. */
  newHolder?: { name: string; sole: Share };
}

/** A mean over runs with its 95 % interval. */
export interface MeanEstimate extends Estimate95 {
  n: number;
}

/** One congress of the runs, averaged: the links of the chain from appointments to removals. */
export interface ReportChainStep {
  number: number;
  runs: number;
  date: string;
  appointments: MeanEstimate;
  regionAppointments: MeanEstimate;
  regionShare: MeanEstimate;
  delegateShare: MeanEstimate;
  committeeShare: MeanEstimate;
  removals: MeanEstimate;
  removalsHeMoved: MeanEstimate;
}

/** The essay answers: both questions, the what-ifs, the causal chain and the grouping dependence. */
export interface ReportEssay {
  questions: {
    post: { text: string; source: string; post: string };
    jobs: { text: string; source: string; jobs: string };
  };
  /** The factor standing for the post, by id (in `ReportInput.factors` and each grouping). */
  postFactor: string;
  /** The attribution under other groupings of the same switches, each beside the main one. */
  groupings: { label: string; experimentId: number; replicates: number; factors: GroupedFactor[] }[];
  whatIfs: { experimentId: number; runs: number; baseline: Share; items: ReportWhatIf[] };
  chain: { runs: number; seeds: string; steps: ReportChainStep[] };
  /** What the report could not measure, and why. */
  limits: string[];
}

/** One prebuilt report as the dashboard lists it (web/public/reports/index.json). */
export interface PrebuiltEntry {
  scenario: string;
  /** Path under the dashboard's root. */
  html: string;
  markdown: string;
  runsPerCombination: number;
  seed: number;
  generated: string;
  commit: string | null;
  seconds: number;
}
