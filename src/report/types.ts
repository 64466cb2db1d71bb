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
}
