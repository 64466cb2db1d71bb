/**
 * Assembles the report's input from a stored attribution experiment: its summary, the factor groups, the
 * scenario's mechanism catalogue (descriptions and evidence) and its source list. Pure.
 */

import { type Bibliography, citeKeys } from "../bibliography/bibliography.ts";
import { mechanismCatalogue } from "../catalog/catalog.ts";
import type { ChainStep } from "../essay/chain.ts";
import type { whatIfFigures } from "../essay/whatifs.ts";
import type { EssayFile } from "../experiments/essay.ts";
import { namedOutcomeLabel, questionMeasure } from "../experiments/metrics.ts";
import type { AttributionSummary, ShareCI } from "../experiments/summarize.ts";
import type { ExperimentPlan } from "../experiments/types.ts";
import { enoughForInterval, MIN_RUNS_FOR_INTERVAL } from "../stats/minimum.ts";
import type { ReportEssay, ReportInput, ReportSource, Share } from "./types.ts";

const share = (s: ShareCI): Share => ({ share: s.share, lo: s.lo, hi: s.hi, n: s.n });

/**
 * The report input for an attribution experiment; with the scenario's bibliography, every source is cited
 * as a full reference (author, title, year, link).
 *
 * @example
 * const input = reportInput(plan, summary, { id: 3, created: record.created }, loadBibliography(plan.scenario.id));
 * writeFileSync("report.html", renderHtml(input));
 */
export function reportInput(
  plan: ExperimentPlan,
  summary: AttributionSummary,
  experiment: { id: number; created: string },
  bibliography: Bibliography | null = null,
): ReportInput {
  const scenario = plan.scenario;
  const groups = plan.groups ?? [];
  const catalogue = new Map(mechanismCatalogue(scenario, bibliography).map((m) => [m.id, m]));
  const cite = (key: string): ReportSource =>
    citeKeys([key], bibliography, (k) => (Object.hasOwn(scenario.sources, k) ? scenario.sources[k]! : k))[0]!;
  const person = (id: string | null) => scenario.people.find((p) => p.id === id)?.name ?? id ?? "";
  const leaderName = person(plan.question.leader);

  const factors = summary.factors
    .map((f, i) => {
      const g = groups[i]!;
      return {
        id: f.id,
        label: f.label,
        description: g.description.trim(),
        shapley: { value: f.shapley.value, lo: f.shapley.lo, hi: f.shapley.hi },
        shareOfEffect: f.shareOfEffect,
        without: share(f.without),
        alone: share(f.alone),
        off: g.off,
        mechanisms: g.mechanisms.flatMap((id) => {
          const m = catalogue.get(id);
          return m ? [{ id, title: m.title, description: m.description, evidence: m.evidence }] : [];
        }),
        sources: g.sources.map(cite),
      };
    })
    .sort((a, b) => b.shapley.value - a.shapley.value);

  const cited = new Map<string, ReportSource>();
  for (const f of factors) {
    for (const m of f.mechanisms) for (const e of m.evidence) cited.set(e.source, cite(e.source));
    for (const s of f.sources) cited.set(s.key, s);
  }

  const caveats = [
    "These are figures about the model, not the past: they say how much each factor matters given the mechanisms as modelled and the scenario's estimates, each of which is listed with its source and range.",
    "What removing a factor means is set in the factor-group file (see what each factor switches off); a different definition gives different values.",
    `Each combination of factors ran ${plan.replicates} times; intervals are 95% and reflect only the randomness of the runs.`,
  ];
  if (!enoughForInterval(summary.replicates))
    caveats.unshift(
      `Each combination ran only ${summary.replicates} ${summary.replicates === 1 ? "time" : "times"}, fewer than ${MIN_RUNS_FOR_INTERVAL}: the intervals rest on too little spread to trust (one run gives none), and the ranking may change with more runs. Rerun with at least 200 runs per combination before quoting a figure.`,
    );
  for (const f of factors)
    if (f.shapley.lo <= 0 && f.shapley.hi >= 0)
      caveats.push(
        `The interval for "${f.label}" includes zero: over these runs its effect cannot be told from none.`,
      );

  return {
    title: `Factor significance: ${scenario.title}`,
    question: plan.question.text,
    measure: questionMeasure(plan.question, leaderName),
    leaderName,
    scenario: { id: scenario.id, title: scenario.title },
    experiment: {
      id: experiment.id,
      seed: plan.seed,
      replicates: summary.replicates,
      runs: summary.replicates * plan.variants.length,
      created: experiment.created,
    },
    baseline: share(summary.baseline.yes),
    none: share(summary.none),
    factors,
    combinations: summary.combinations.map((c) => ({ present: c.present, chance: share(c.chance) })),
    outcomes: summary.baseline.outcomes.map((o) => ({
      label: namedOutcomeLabel(o.label, person),
      share: share(o.share),
    })),
    sources: [...cited.values()],
    caveats,
  };
}

/** What the essay part of the report is made from, all computed already. */
export interface EssayParts {
  essay: EssayFile;
  /** Each alternative grouping's attribution, in the essay file's order. */
  groupings: { label: string; experimentId: number; summary: AttributionSummary }[];
  whatIfs: { experimentId: number; figures: ReturnType<typeof whatIfFigures> };
  chain: { runs: number; seeds: string; steps: ChainStep[] };
}

const estimate = (m: { value: number; lo: number; hi: number; n: number }) => ({
  value: m.value,
  lo: m.lo,
  hi: m.hi,
  n: m.n,
});

/**
 * The essay part of the report input: the questions, the groupings side by side, the what-ifs with the
 * names of the leaders who got the posts, the chain, and what the report cannot measure.
 *
 * @example
 * input.essay = essayInput(plan.scenario, parts);
 */
export function essayInput(scenario: ExperimentPlan["scenario"], parts: EssayParts): ReportEssay {
  const person = (id: string) => scenario.people.find((p) => p.id === id)?.name ?? id;
  const { essay } = parts;
  return {
    questions: essay.questions,
    postFactor: essay.postFactor,
    groupings: parts.groupings.map((g) => ({
      label: g.label,
      experimentId: g.experimentId,
      replicates: g.summary.replicates,
      factors: g.summary.factors.map((f) => ({
        id: f.id,
        label: f.label,
        shapley: { value: f.shapley.value, lo: f.shapley.lo, hi: f.shapley.hi },
      })),
    })),
    whatIfs: {
      experimentId: parts.whatIfs.experimentId,
      runs: parts.whatIfs.figures.pairedRuns,
      baseline: share(parts.whatIfs.figures.baseline),
      items: parts.whatIfs.figures.whatIfs.map((w) => ({
        id: w.id,
        label: w.label,
        meaning: w.meaning,
        kind: w.kind,
        sets: w.sets,
        chance: share(w.chance),
        effect: { value: w.effect.value, lo: w.effect.lo, hi: w.effect.hi },
        ...(w.newHolder
          ? { newHolder: { name: person(w.newHolder.id), sole: share(w.newHolder.sole) } }
          : {}),
      })),
    },
    chain: {
      runs: parts.chain.runs,
      seeds: parts.chain.seeds,
      steps: parts.chain.steps.map((s) => ({
        number: s.number,
        runs: s.runs,
        date: s.date,
        appointments: estimate(s.appointments),
        regionAppointments: estimate(s.regionAppointments),
        regionShare: estimate(s.regionShare),
        delegateShare: estimate(s.delegateShare),
        committeeShare: estimate(s.committeeShare),
        removals: estimate(s.removals),
        removalsHeMoved: estimate(s.removalsHeMoved),
      })),
    },
    limits: CHAIN_LIMITS,
  };
}

/** What the chain does not measure, and why (the model's structure, not missing data). */
export const CHAIN_LIMITS = [
  "The chain is measured at congresses only: the model has no separate party conferences (the regional conferences that pick the delegates are part of each congress's preparation), so conferences get no row of their own.",
  "Appointments are counted as the appointing leader's, whichever of his posts gave him the lever: the model records who appointed, not through which post, so the chain cannot split the appointments between his posts; the per-post what-ifs answer that question instead.",
  "The delegates following him are those whose regional secretaries carried their conferences for him; how each delegate then voted is not recorded, only the congress's totals.",
  "The chain is measured in the scenario as it stands, not under each what-if: it shows how the outcome came about, while the what-ifs show what it depended on.",
];
