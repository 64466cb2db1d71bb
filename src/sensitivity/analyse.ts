/**
 * The analysis of a stored sensitivity experiment: each design point's output is the mean outcome over the
 * replicates where every point has run (all points of a replicate share its seed, so differences between
 * points are not blurred by different random histories), and the indices come from those means. Pure.
 */
import { outcomeValue, parseOutcome } from "../experiments/outcomes.ts";
import { unitDesign } from "../experiments/plan.ts";
import type { ExperimentPlan, Question, RunRow, SensitivityParameter } from "../experiments/types.ts";
import { type MorrisFactor, morrisEffects } from "./morris.ts";
import { type IndexCI, sobolIndices } from "./sobolIndices.ts";

export interface SensitivitySummary {
  kind: "sensitivity";
  question: Question;
  method: "sobol" | "morris";
  outcome: string;
  parameters: SensitivityParameter[];
  /** Design points, and runs per point used (complete replicates). */
  points: number;
  replicates: number;
  /** Mean and variance of the point outputs (the analysed function). */
  mean: number;
  variance: number;
  /** Sobol: first-order and total index of each parameter, with 95 % bootstrap intervals. */
  sobol?: { N: number; first: IndexCI[]; total: IndexCI[] };
  /** Morris: μ, μ* with its 95 % bootstrap interval, and σ of each parameter. */
  morris?: { trajectories: number; factors: MorrisFactor[] };
  /** Why there are no indices, when there are none. */
  note?: string;
}

/**
 * The sensitivity summary of an experiment's rows (any subset: only complete replicates are used).
 *
 * @example
 * const s = summarizeSensitivity(plan, store.runs(id));
 * s.sobol?.total[0].value;
 */
export function summarizeSensitivity(plan: ExperimentPlan, rows: readonly RunRow[]): SensitivitySummary {
  const d = plan.sensitivity;
  if (!d) throw new Error("not a sensitivity plan");
  const outcome = parseOutcome(d.outcome);
  const V = plan.variants.length;
  const k = d.parameters.length;
  const byReplicate = new Map<number, number[]>();
  for (const r of rows) {
    let line = byReplicate.get(r.replicate);
    if (!line) {
      line = new Array<number>(V).fill(Number.NaN);
      byReplicate.set(r.replicate, line);
    }
    line[r.variant] = outcomeValue(outcome, r.metrics, plan.question);
  }
  const complete = [...byReplicate]
    .sort((a, b) => a[0] - b[0])
    .map(([, line]) => line)
    .filter((line) => line.every((v) => !Number.isNaN(v)));
  const base: SensitivitySummary = {
    kind: "sensitivity",
    question: plan.question,
    method: d.method,
    outcome: d.outcome,
    parameters: d.parameters,
    points: V,
    replicates: complete.length,
    mean: Number.NaN,
    variance: Number.NaN,
  };
  if (complete.length === 0)
    return { ...base, note: "no replicate has run at every design point yet: resume the experiment" };
  // Summed in replicate order, so the same rows give the same bytes.
  const y = Array.from(
    { length: V },
    (_, v) => complete.reduce((s, line) => s + line[v]!, 0) / complete.length,
  );
  const mean = y.reduce((a, b) => a + b, 0) / V;
  const variance = y.reduce((a, b) => a + (b - mean) ** 2, 0) / V;
  const out = { ...base, mean, variance };
  if (!(variance > 0))
    return {
      ...out,
      note: `the outcome "${d.outcome}" took the same value at every design point: nothing to attribute`,
    };
  if (d.method === "sobol") {
    const r = sobolIndices(y, k, { seed: plan.seed, resamples: d.resamples });
    return { ...out, sobol: { N: r.N, first: r.first, total: r.total } };
  }
  const r = morrisEffects(unitDesign(d, plan.seed), y, k, { seed: plan.seed, resamples: d.resamples });
  return { ...out, morris: r };
}
