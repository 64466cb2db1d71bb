/** Plain-text rendering of experiment summaries for the terminal: shares with intervals, ranked tables. */

import { namedOutcomeLabel, questionMeasure } from "../experiments/metrics.ts";
import type { ExperimentSummary, ShareCI, VariantSummary } from "../experiments/summarize.ts";
import type { ExperimentPlan } from "../experiments/types.ts";
import type { Names } from "../kernel/narrative.ts";
import { rankLabels } from "../report/ties.ts";

const pct = (x: number) => (Number.isNaN(x) ? "-" : `${(x * 100).toFixed(1)}%`);
const pts = (x: number) => (Number.isNaN(x) ? "-" : `${x >= 0 ? "+" : ""}${(x * 100).toFixed(1)}`);

/** "87.0% [81.6, 91.0]" */
export function showShare(s: ShareCI): string {
  return `${pct(s.share)} [${(s.lo * 100).toFixed(1)}, ${(s.hi * 100).toFixed(1)}]`;
}

const pad = (s: string, n: number) => s + " ".repeat(Math.max(0, n - s.length));

function namedOutcome(label: string, names: Names): string {
  return namedOutcomeLabel(label, (id) => names.person(id));
}

/** "a>b>c" as names joined by arrows. */
function namedOrder(order: string, names: Names): string {
  return order === "(none)"
    ? "nobody lost a seat"
    : order
        .split(">")
        .map((id) => names.person(id))
        .join(" > ");
}

function variantLines(v: VariantSummary, names: Names, indent = "  "): string[] {
  const width = Math.max(...v.outcomes.map((o) => namedOutcome(o.label, names).length), 10) + 2;
  const lines = [`${indent}outcomes over ${v.runs} runs:`];
  for (const o of v.outcomes)
    lines.push(`${indent}  ${pad(namedOutcome(o.label, names), width)}${showShare(o.share)}`);
  if (v.soleDate.n > 0)
    lines.push(
      `${indent}sole leadership from: median ${v.soleDate.median} (10%: ${v.soleDate.p10}, 90%: ${v.soleDate.p90})`,
    );
  if (v.exitOrders.length > 0) {
    lines.push(`${indent}order in which contenders lost their executive seats (most frequent):`);
    for (const o of v.exitOrders)
      lines.push(`${indent}  ${showShare(o.share).padEnd(22)}${namedOrder(o.order, names)}`);
  }
  lines.push(`${indent}members at the end: ${v.meanMembers.toLocaleString("en-US")} on average`);
  return lines;
}

/**
 * The summary as lines of text.
 *
 * @example
 * process.stdout.write(summaryText(plan, summarize(plan, rows), names).join("\n"));
 */
export function summaryText(plan: ExperimentPlan, s: ExperimentSummary, names: Names): string[] {
  const q = s.question;
  const ask = questionMeasure(q, names.person(q.leader));
  switch (s.kind) {
    case "mc":
      return [`${ask}: ${showShare(s.baseline.yes)}`, ...variantLines(s.baseline, names)];
    case "whatif":
      return [
        `${ask}:`,
        `  baseline:  ${showShare(s.baseline.yes)}`,
        `  changed:   ${showShare(s.changed.yes)}   (${s.changed.label})`,
        `  effect:    ${pts(s.effect.value)} points [${pts(s.effect.lo)}, ${pts(s.effect.hi)}], paired by seed over ${s.effect.n} seeds`,
        "",
        "Baseline:",
        ...variantLines(s.baseline, names),
        "",
        "Changed:",
        ...variantLines(s.changed, names),
      ];
    case "attribute": {
      const ranked = [...s.factors].sort((a, b) => b.shapley.value - a.shapley.value);
      const width = Math.max(...ranked.map((f) => f.label.length), 6) + 2;
      const lines = [
        `${ask}:`,
        `  all factors present: ${showShare(s.baseline.yes)}   none present: ${showShare(s.none)}`,
        `  Shapley values over ${s.replicates} seeds x ${plan.variants.length} combinations (points of chance; they sum to the difference):`,
        `  ${pad("rank", 6)}${pad("factor", width)}${pad("Shapley", 24)}${pad("share", 8)}${pad("without it", 22)}alone`,
      ];
      // Factors the runs cannot tell apart share a rank ("=1"): a tie is never printed as a ranking.
      const ranks = rankLabels(ranked.map((f) => f.shapley));
      ranked.forEach((f, i) => {
        const shapley = `${pts(f.shapley.value)} [${pts(f.shapley.lo)}, ${pts(f.shapley.hi)}]`;
        const share = f.shareOfEffect === null ? "-" : pct(f.shareOfEffect);
        lines.push(
          `  ${pad(ranks[i]!, 6)}${pad(f.label, width)}${pad(shapley, 24)}${pad(share, 8)}${pad(showShare(f.without), 22)}${showShare(f.alone)}`,
        );
      });
      return lines;
    }
    case "sweep": {
      const paths = Object.keys(s.points[0]?.point ?? {});
      const lines = [`${ask}, by design point:`];
      for (const p of s.points)
        lines.push(`  ${paths.map((k) => `${k}=${String(p.point[k])}`).join("  ")}   ${showShare(p.yes)}`);
      return lines;
    }
    case "sensitivity":
      return sensitivityLines(s, ask);
  }
}

const fix = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : "-");

/** The indices ranked by total index (Sobol) or μ* (Morris), one parameter a line. */
function sensitivityLines(s: Extract<ExperimentSummary, { kind: "sensitivity" }>, ask: string): string[] {
  const what = s.outcome === "yes" ? `"${ask}" (1 yes, 0 no)` : `"${s.outcome}"`;
  const k = s.parameters.length;
  const lines = [
    `${s.method === "sobol" ? "Sobol' indices" : "Morris elementary effects"} of ${what} over ${k} parameter${k === 1 ? "" : "s"}: ${s.points} design points x ${s.replicates} complete runs each`,
    `  output over the design: mean ${fix(s.mean)}, variance ${fix(s.variance, 4)}`,
  ];
  if (s.note) return [...lines, `  ${s.note}`];
  const width = Math.max(...s.parameters.map((p) => p.path.length), 9) + 2;
  if (s.sobol) {
    const { first, total } = s.sobol;
    const order = s.parameters.map((_, i) => i).sort((a, b) => total[b]!.value - total[a]!.value || a - b);
    lines.push(
      `  95% bootstrap intervals over N = ${s.sobol.N} base samples; ranked by total index`,
      `  ${pad("parameter", width)}${pad("range", 22)}${pad("first-order S1", 26)}total ST`,
    );
    for (const i of order) {
      const p = s.parameters[i]!;
      const ci = (c: { value: number; lo: number; hi: number }) =>
        `${fix(c.value)} [${fix(c.lo)}, ${fix(c.hi)}]`;
      lines.push(
        `  ${pad(p.path, width)}${pad(`[${p.range[0]}, ${p.range[1]}]`, 22)}${pad(ci(first[i]!), 26)}${ci(total[i]!)}`,
      );
    }
  }
  if (s.morris) {
    const f = s.morris.factors;
    const order = s.parameters
      .map((_, i) => i)
      .sort((a, b) => f[b]!.muStar.value - f[a]!.muStar.value || a - b);
    lines.push(
      `  effects per whole range over ${s.morris.trajectories} trajectories; 95% bootstrap interval of mu*; ranked by mu*`,
      `  ${pad("parameter", width)}${pad("range", 22)}${pad("mu*", 28)}${pad("mu", 10)}sigma`,
    );
    for (const i of order) {
      const p = s.parameters[i]!;
      const m = f[i]!;
      lines.push(
        `  ${pad(p.path, width)}${pad(`[${p.range[0]}, ${p.range[1]}]`, 22)}${pad(`${fix(m.muStar.value)} [${fix(m.muStar.lo)}, ${fix(m.muStar.hi)}]`, 28)}${pad(fix(m.mu), 10)}${fix(m.sigma)}`,
      );
    }
  }
  return lines;
}
