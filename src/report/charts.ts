/**
 * The report's charts as SVG text, drawn with Observable Plot in Node: Plot takes a `document` option, and
 * linkedom supplies a browser-free one, so the same charts come out of the CLI, a test or a worker without a
 * headless browser. Every chart carries a <title>, a <desc> and an aria-label, uses a fixed class name and
 * no clip paths or markers (whose ids Plot numbers from a global counter), so the same input always gives
 * the same bytes.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import { pct, pp, ranked } from "./format.ts";
import type { ReportInput, Share } from "./types.ts";

const SVG_NS = "http://www.w3.org/2000/svg";
/** Fixed, so Plot's style block and class attribute never vary between runs or versions of the input. */
const CLASS_NAME = "apparat-chart";
const WIDTH = 720;
const FONT_SIZE = 12;
const ROW = 30;
const INK = "#222222";
const POSITIVE = "#3b6ea5";
const NEGATIVE = "#b5523b";
const PALE = "#a9c1dc";
const GREY = "#9a9a9a";

/** The three charts of a report, as SVG text. */
export interface ReportCharts {
  /** Shapley value of each factor in percentage points, with 95 % intervals. */
  shapley: string;
  /** Chance of the outcome: baseline, each factor removed, none present. */
  chances: string;
  /** Baseline outcome distribution. */
  outcomes: string;
}

interface Row {
  key: string;
  label: string;
  value: number;
  lo: number;
  hi: number;
  text: string;
  fill: string;
}

function newDocument(): Document {
  return parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
}

/** A generous estimate of a character's width, so labels fit even in wide fallback fonts. */
const CHAR_WIDTH = FONT_SIZE * 0.6;
const MAX_MARGIN = 300;
const MAX_LINE = Math.floor((MAX_MARGIN - 16) / CHAR_WIDTH);

/**
 * A label broken into at most two lines that fit the left margin, the second cut with an ellipsis if the
 * label is longer still. Done here rather than by Plot, whose own estimate is tuned to narrower fonts.
 */
export function wrapLabel(label: string, max = MAX_LINE): string[] {
  const text = label.replace(/\s+/g, " ").trim();
  if (text.length <= max) return [text];
  const cut = text.lastIndexOf(" ", max);
  const first = cut > max / 2 ? text.slice(0, cut) : text.slice(0, max - 1);
  let second = text.slice(first.length).trim();
  if (second.length > max) second = `${second.slice(0, max - 1).trimEnd()}…`;
  return [first, second];
}

/** Left margin wide enough for the longest (wrapped) label line. */
function leftMargin(lines: string[][]): number {
  const longest = Math.max(0, ...lines.flat().map((l) => l.length));
  return Math.min(MAX_MARGIN, Math.max(90, Math.ceil(longest * CHAR_WIDTH) + 16));
}

/**
 * One horizontal interval chart: a bar per row from zero to the value, a rule across the 95 % interval
 * with ticks at its ends, the figure written to the right, and a line at zero.
 */
function intervalChart(
  rows: Row[],
  opts: { title: string; description: string; xLabel: string; domain?: [number, number] },
): string {
  const document = newDocument();
  const wrapped = rows.map((r) => wrapLabel(r.label));
  const marginLeft = leftMargin(wrapped);
  const labels = new Map(rows.map((r, i) => [r.key, (wrapped[i] ?? []).join("\n")]));
  const rowHeight = wrapped.some((w) => w.length > 1) ? ROW + 10 : ROW;
  const svg = Plot.plot({
    document,
    className: CLASS_NAME,
    width: WIDTH,
    height: Math.max(1, rows.length) * rowHeight + 60,
    marginLeft,
    marginRight: 150,
    marginTop: 16,
    marginBottom: 44,
    style: { fontSize: `${FONT_SIZE}px`, background: "white", color: INK },
    ariaLabel: opts.title,
    x: {
      label: opts.xLabel,
      labelAnchor: "center",
      grid: true,
      ...(opts.domain ? { domain: opts.domain } : {}),
    },
    y: { domain: rows.map((r) => r.key), label: null, padding: 0.25 },
    marks: [
      Plot.axisY({
        tickSize: 0,
        tickFormat: (k: string) => labels.get(k) ?? k,
      }),
      Plot.barX(rows, { y: "key", x: "value", fill: "fill" }),
      Plot.ruleY(rows, { y: "key", x1: "lo", x2: "hi", stroke: INK, strokeWidth: 1.5 }),
      Plot.tickX(rows, { y: "key", x: "lo", stroke: INK, strokeWidth: 1.5, inset: 4 }),
      Plot.tickX(rows, { y: "key", x: "hi", stroke: INK, strokeWidth: 1.5, inset: 4 }),
      Plot.ruleX([0], { stroke: INK }),
      Plot.text(rows, {
        y: "key",
        x: (r: Row) => Math.max(r.hi, r.value, 0),
        text: "text",
        dx: 8,
        textAnchor: "start",
        fill: INK,
      }),
    ],
    // Bar colours are given per row, so the colour scale must pass them through unchanged.
    color: { type: "identity" },
  }) as unknown as Element;
  svg.setAttribute("xmlns", SVG_NS);
  svg.setAttribute("role", "img");
  const desc = document.createElementNS(SVG_NS, "desc");
  desc.textContent = opts.description;
  svg.insertBefore(desc, svg.firstChild);
  const title = document.createElementNS(SVG_NS, "title");
  title.textContent = opts.title;
  svg.insertBefore(title, svg.firstChild);
  return svg.outerHTML;
}

function shareRow(key: string, label: string, s: Share, fill: string): Row {
  return {
    key,
    label,
    value: s.share * 100,
    lo: s.lo * 100,
    hi: s.hi * 100,
    text: `${pct(s.share)} % [${pct(s.lo)}, ${pct(s.hi)}]`,
    fill,
  };
}

/**
 * Horizontal bars of each factor's Shapley value in percentage points, largest first, with its 95 %
 * interval and a line at zero.
 *
 * @example
 * const svg = shapleyChart(input); // "<svg ...><title>Shapley value of each factor ...</title>..."
 */
export function shapleyChart(input: ReportInput): string {
  const rows: Row[] = ranked(input).map((f, i) => ({
    key: `f${i}`,
    label: f.label,
    value: f.shapley.value * 100,
    lo: f.shapley.lo * 100,
    hi: f.shapley.hi * 100,
    text: `${pp(f.shapley.value)} [${pct(f.shapley.lo)}, ${pct(f.shapley.hi)}]`,
    fill: f.shapley.value >= 0 ? POSITIVE : NEGATIVE,
  }));
  const list = rows.map((r) => `${r.label}: ${r.text} percentage points`).join("; ");
  return intervalChart(rows, {
    title: "Shapley value of each factor, in percentage points, with 95 % intervals",
    description: `How much each factor adds on average to the chance of the outcome “${input.measure}”. ${list}.`,
    xLabel: "Shapley value (percentage points)",
  });
}

/**
 * The chance of the outcome with all factors present (the baseline), with each factor removed in turn,
 * and with none present, each with its 95 % interval.
 *
 * @example
 * const svg = chanceChart(input); // one bar for the baseline, one per factor removed, one for none
 */
export function chanceChart(input: ReportInput): string {
  const rows: Row[] = [
    shareRow("baseline", "All factors (baseline)", input.baseline, POSITIVE),
    ...ranked(input).map((f, i) => shareRow(`f${i}`, `Removed: ${f.label}`, f.without, PALE)),
    shareRow("none", "None of the factors", input.none, GREY),
  ];
  const list = rows.map((r) => `${r.label}: ${r.text}`).join("; ");
  return intervalChart(rows, {
    title:
      "Chance of the outcome with all factors, with each factor removed, and with none, with 95 % intervals",
    description: `Share of runs in which “${input.measure}”. ${list}.`,
    xLabel: "Chance of the outcome (%)",
    domain: [0, 100],
  });
}

/**
 * Bars of how the baseline runs ended, each outcome's share of runs with its 95 % interval.
 *
 * @example
 * const svg = outcomeChart(input); // one bar per outcome label
 */
export function outcomeChart(input: ReportInput): string {
  const rows = input.outcomes.map((o, i) => shareRow(`o${i}`, o.label, o.share, POSITIVE));
  const list = rows.map((r) => `${r.label}: ${r.text}`).join("; ");
  return intervalChart(rows, {
    title: "How the baseline runs ended: share of runs for each outcome, with 95 % intervals",
    description: `Outcomes with every factor present. ${list}.`,
    xLabel: "Share of baseline runs (%)",
    domain: [0, 100],
  });
}

/**
 * All three charts of a report.
 *
 * @example
 * const { shapley, chances, outcomes } = renderCharts(input);
 * writeFileSync("shapley.svg", shapley);
 */
export function renderCharts(input: ReportInput): ReportCharts {
  return { shapley: shapleyChart(input), chances: chanceChart(input), outcomes: outcomeChart(input) };
}
