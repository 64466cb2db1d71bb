/**
 * The report of any experiment that is not an attribution (those have the factor-significance report): what was
 * run, its figures as tables, and its charts (sensitivity indices, fan charts of the kept series), as one
 * self-contained HTML page and as Markdown with the charts beside it as SVG files. Every piece of text from the
 * plan is escaped. Deterministic: the same input gives the same bytes.
 */

import { measureLabel, num } from "../charts/frame.ts";
import type { Fan } from "../experiments/fan.ts";
import { namedOutcomeLabel, questionMeasure } from "../experiments/metrics.ts";
import type { ExperimentSummary, ShareCI, VariantSummary } from "../experiments/summarize.ts";
import type { ExperimentPlan } from "../experiments/types.ts";
import { renderFanCharts, renderSensitivityChart } from "./nodeCharts.ts";

export interface ExperimentReportInput {
  id: number;
  created: string;
  plan: ExperimentPlan;
  summary: ExperimentSummary;
  /** Fans of the kept series (empty when the experiment keeps none). */
  fans: Fan[];
}

export interface ExperimentReport {
  html: string;
  markdown: string;
  /** The charts, each with the file name the Markdown links to. */
  charts: { file: string; title: string; svg: string }[];
}

const KIND: Record<string, string> = {
  mc: "Monte Carlo",
  whatif: "What-if",
  attribute: "Factor attribution",
  sweep: "Sweep",
  sensitivity: "Sensitivity analysis",
};

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "-");
const share = (s: ShareCI) => `${pct(s.share)} [${pct(s.lo)}, ${pct(s.hi)}]`;

interface Table {
  caption: string;
  head: string[];
  rows: string[][];
}

function htmlTable(t: Table): string {
  return [
    "<table>",
    `<caption>${esc(t.caption)}</caption>`,
    `<thead><tr>${t.head.map((h) => `<th scope="col">${esc(h)}</th>`).join("")}</tr></thead>`,
    `<tbody>${t.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("\n")}</tbody>`,
    "</table>",
  ].join("\n");
}

function mdTable(t: Table): string {
  const cell = (c: string) => c.replace(/\|/g, "\\|");
  return [
    `**${t.caption}**`,
    "",
    `| ${t.head.map(cell).join(" | ")} |`,
    `| ${t.head.map(() => "---").join(" | ")} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(" | ")} |`),
  ].join("\n");
}

function variantTable(v: VariantSummary, name: (id: string) => string): Table {
  return {
    caption: `How the ${v.runs} runs of “${v.label}” ended (95% intervals)`,
    head: ["outcome", "share of runs"],
    rows: v.outcomes.map((o) => [namedOutcomeLabel(o.label, name), share(o.share)]),
  };
}

function tablesOf(s: ExperimentSummary, name: (id: string) => string): { lead: string[]; tables: Table[] } {
  const ask = questionMeasure(s.question, name(s.question.leader));
  switch (s.kind) {
    case "mc":
      return {
        lead: [`Chance that ${ask}: ${share(s.baseline.yes)}.`],
        tables: [variantTable(s.baseline, name)],
      };
    case "whatif":
      return {
        lead: [
          `Chance that ${ask}: ${share(s.baseline.yes)} as in the scenario, ${share(s.changed.yes)} with ${s.changed.label}.`,
          `Effect, paired by seed: ${(s.effect.value * 100).toFixed(1)} points [${(s.effect.lo * 100).toFixed(1)}, ${(s.effect.hi * 100).toFixed(1)}].`,
        ],
        tables: [variantTable(s.baseline, name), variantTable(s.changed, name)],
      };
    case "attribute":
      return {
        lead: [
          `Chance that ${ask} with every factor present: ${share(s.baseline.yes)}; with none: ${share(s.none)}.`,
        ],
        tables: [
          {
            caption: "Shapley value of each factor (points of chance, 95% intervals)",
            head: ["factor", "Shapley value", "interval"],
            rows: s.factors.map((f) => [
              f.label,
              (f.shapley.value * 100).toFixed(1),
              `${(f.shapley.lo * 100).toFixed(1)} to ${(f.shapley.hi * 100).toFixed(1)}`,
            ]),
          },
        ],
      };
    case "sweep": {
      const paths = Object.keys(s.points[0]?.point ?? {});
      return {
        lead: [`Chance that ${ask}, at each design point.`],
        tables: [
          {
            caption: `${s.points.length} design points (95% intervals)`,
            head: ["point", ...paths, "chance"],
            rows: s.points.map((p, i) => [String(i), ...paths.map((k) => String(p.point[k])), share(p.yes)]),
          },
        ],
      };
    }
    case "sensitivity": {
      const outcome = s.outcome === "yes" ? `“${ask}” (1 for yes, 0 for no)` : `“${s.outcome}”`;
      const lead = [
        `${s.method === "sobol" ? "Sobol' indices (Saltelli design, Saltelli 2010 and Jansen 1999 estimators)" : "Morris screening (elementary effects; μ* after Campolongo et al. 2007)"} of ${outcome} over ${s.parameters.length} estimates of the scenario, each varied over its range: ${s.points} design points, ${s.replicates} runs each (their mean is the point's output). Intervals are 95% bootstrap percentiles.`,
        `The output over the design has mean ${num(s.mean)} and variance ${num(s.variance)}.`,
      ];
      if (s.note) return { lead: [...lead, s.note], tables: [] };
      const order = s.parameters.map((_, i) => i);
      if (s.sobol) {
        const { first, total } = s.sobol;
        order.sort((a, b) => total[b]!.value - total[a]!.value || a - b);
        const ci = (c: { value: number; lo: number; hi: number }) =>
          `${num(c.value)} [${num(c.lo)}, ${num(c.hi)}]`;
        return {
          lead,
          tables: [
            {
              caption: "First-order (S1) and total (ST) index of each parameter, ranked by ST",
              head: ["parameter", "range", "S1", "ST"],
              rows: order.map((i) => [
                s.parameters[i]!.path,
                `${s.parameters[i]!.range[0]} to ${s.parameters[i]!.range[1]}`,
                ci(first[i]!),
                ci(total[i]!),
              ]),
            },
          ],
        };
      }
      const f = s.morris!.factors;
      order.sort((a, b) => f[b]!.muStar.value - f[a]!.muStar.value || a - b);
      return {
        lead,
        tables: [
          {
            caption: `Elementary effects over ${s.morris!.trajectories} trajectories, ranked by μ*`,
            head: ["parameter", "range", "μ*", "μ", "σ"],
            rows: order.map((i) => [
              s.parameters[i]!.path,
              `${s.parameters[i]!.range[0]} to ${s.parameters[i]!.range[1]}`,
              `${num(f[i]!.muStar.value)} [${num(f[i]!.muStar.lo)}, ${num(f[i]!.muStar.hi)}]`,
              num(f[i]!.mu),
              num(f[i]!.sigma),
            ]),
          },
        ],
      };
    }
  }
}

const CSS = `
body { margin: 0; background: #fff; color: #222; font: 16px/1.5 Georgia, "Times New Roman", serif; }
main { max-width: 56rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.7rem; line-height: 1.2; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; margin: 0.8rem 0 1.2rem; font: 0.9rem/1.4 system-ui, sans-serif; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
figure { margin: 1rem 0 1.5rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { font: 0.88rem/1.4 system-ui, sans-serif; color: #555; }
.muted { color: #555; }
`;

/**
 * The report of an experiment.
 *
 * @example
 * const r = experimentReport({ id, created, plan, summary: summarize(plan, rows), fans: [] }, names);
 * writeFileSync("report.html", r.html);
 */
export function experimentReport(
  input: ExperimentReportInput,
  name: (id: string) => string,
): ExperimentReport {
  const { plan, summary } = input;
  const title = `${KIND[plan.kind] ?? plan.kind} #${input.id}: ${plan.name}`;
  const facts = `Scenario “${plan.scenario.title}” (${plan.scenario.id}), experiment seed ${plan.seed}, ${plan.variants.length} variant${plan.variants.length === 1 ? "" : "s"} x ${plan.replicates} runs, created ${input.created}.`;
  const { lead, tables } = tablesOf(summary, name);
  const charts: ExperimentReport["charts"] = [];
  if (summary.kind === "sensitivity" && (summary.sobol || summary.morris))
    charts.push({ file: `experiment-${input.id}-sensitivity.svg`, ...renderSensitivityChart(summary) });
  for (const c of renderFanCharts(input.fans, name))
    charts.push({ file: `experiment-${input.id}-fan-${c.measure}.svg`, title: c.title, svg: c.svg });
  const fanNote =
    input.fans.length > 0
      ? `Fan charts: for each kept series (${[...new Set(input.fans.map((f) => measureLabel(f.measure)))].join(", ")}), the median over the runs as a line, the middle 50% of runs as a dark band and the middle 90% as a pale one.`
      : null;
  const html = [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title><style>${CSS}</style></head>`,
    "<body><main>",
    `<h1>${esc(title)}</h1>`,
    `<p class="muted">${esc(facts)}</p>`,
    ...lead.map((l) => `<p>${esc(l)}</p>`),
    ...charts
      .filter((c) => c.file.endsWith("sensitivity.svg"))
      .map((c) => `<figure>${c.svg}<figcaption>${esc(c.title)}</figcaption></figure>`),
    ...tables.map(htmlTable),
    ...(fanNote ? ["<h2>Series across runs</h2>", `<p>${esc(fanNote)}</p>`] : []),
    ...charts
      .filter((c) => c.file.includes("-fan-"))
      .map((c) => `<figure>${c.svg}<figcaption>${esc(c.title)}</figcaption></figure>`),
    "</main></body></html>",
    "",
  ].join("\n");
  const markdown = [
    `# ${title}`,
    "",
    facts,
    "",
    ...lead.flatMap((l) => [l, ""]),
    ...charts
      .filter((c) => c.file.endsWith("sensitivity.svg"))
      .flatMap((c) => [`![${c.title}](${c.file})`, ""]),
    ...tables.flatMap((t) => [mdTable(t), ""]),
    ...(fanNote ? ["## Series across runs", "", fanNote, ""] : []),
    ...charts.filter((c) => c.file.includes("-fan-")).flatMap((c) => [`![${c.title}](${c.file})`, ""]),
  ].join("\n");
  return { html, markdown, charts };
}
