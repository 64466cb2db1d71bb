/**
 * Assembles the report's input from a stored attribution experiment: its summary, the factor groups, the
 * scenario's mechanism catalogue (descriptions and evidence) and its source list. Pure.
 */
import { namedOutcomeLabel } from "../experiments/metrics.ts";
import type { AttributionSummary, ShareCI } from "../experiments/summarize.ts";
import type { ExperimentPlan } from "../experiments/types.ts";
import { mechanismCatalogue } from "../scenario/catalog.ts";
import type { ReportInput, Share } from "./types.ts";

const share = (s: ShareCI): Share => ({ share: s.share, lo: s.lo, hi: s.hi, n: s.n });

/**
 * The report input for an attribution experiment.
 *
 * @example
 * const input = reportInput(plan, summary, { id: 3, created: record.created });
 * writeFileSync("report.html", renderHtml(input));
 */
export function reportInput(
  plan: ExperimentPlan,
  summary: AttributionSummary,
  experiment: { id: number; created: string },
): ReportInput {
  const scenario = plan.scenario;
  const groups = plan.groups ?? [];
  const catalogue = new Map(mechanismCatalogue(scenario).map((m) => [m.id, m]));
  const citation = (key: string) => (Object.hasOwn(scenario.sources, key) ? scenario.sources[key]! : key);
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
        sources: g.sources.map((key) => ({ key, citation: citation(key) })),
      };
    })
    .sort((a, b) => b.shapley.value - a.shapley.value);

  const cited = new Map<string, string>();
  for (const f of factors) {
    for (const m of f.mechanisms) for (const e of m.evidence) cited.set(e.source, e.citation);
    for (const s of f.sources) cited.set(s.key, s.citation);
  }

  const caveats = [
    "These are figures about the model, not the past: they say how much each factor matters given the mechanisms as modelled and the scenario's estimates, each of which is listed with its source and range.",
    "What removing a factor means is set in the factor-group file (see what each factor switches off); a different definition gives different values.",
    `Each combination of factors ran ${plan.replicates} times; intervals are 95% and reflect only the randomness of the runs.`,
  ];
  for (const f of factors)
    if (f.shapley.lo <= 0 && f.shapley.hi >= 0)
      caveats.push(
        `The interval for "${f.label}" includes zero: over these runs its effect cannot be told from none.`,
      );

  return {
    title: `Factor significance: ${scenario.title}`,
    question: plan.question.text,
    measure: `${leaderName} sole leader before ${plan.question.by}`,
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
    sources: [...cited].map(([key, c]) => ({ key, citation: c })),
    caveats,
  };
}
