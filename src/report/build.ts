/**
 * Assembles the report's input from a stored attribution experiment: its summary, the factor groups, the
 * scenario's mechanism catalogue (descriptions and evidence) and its source list. Pure.
 */

import { type Bibliography, citeKeys } from "../bibliography/bibliography.ts";
import { mechanismCatalogue } from "../catalog/catalog.ts";
import { namedOutcomeLabel, questionMeasure } from "../experiments/metrics.ts";
import type { AttributionSummary, ShareCI } from "../experiments/summarize.ts";
import type { ExperimentPlan } from "../experiments/types.ts";
import { enoughForInterval, MIN_RUNS_FOR_INTERVAL } from "../stats/minimum.ts";
import type { ReportInput, ReportSource, Share } from "./types.ts";

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
