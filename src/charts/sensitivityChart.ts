/**
 * Sensitivity charts: for Sobol' indices a tornado of the parameters, ranked by total index, each with a pale
 * bar for the total index ST and a dark inner bar for the first-order index S1, and their 95 % intervals as
 * lines above (ST) and below (S1) the bar; for Morris screening the mean absolute elementary effect μ* with its
 * interval, ranked, and σ written beside it.
 */
import * as Plot from "@observablehq/plot";
import type { SensitivitySummary } from "../sensitivity/analyse.ts";
import {
  BLUE,
  type ChartOptions,
  cutLabel,
  finish,
  INK,
  labelMargin,
  num,
  PALE_BLUE,
  plotBase,
  shortPath,
} from "./frame.ts";

/** Parameters shown at most; the rest are in the table and the text alternative. */
export const MAX_CHART_PARAMETERS = 30;

interface Row {
  key: string;
  label: string;
  a: number;
  aLo: number;
  aHi: number;
  b: number;
  bLo: number;
  bHi: number;
  text: string;
}

/**
 * The chart of a sensitivity summary that has indices, as SVG text.
 *
 * @example
 * sensitivityChart(summary, { document });
 */
export function sensitivityChart(s: SensitivitySummary, o: ChartOptions): string {
  const rows: Row[] = [];
  if (s.sobol) {
    const { first, total } = s.sobol;
    s.parameters.forEach((p, i) => {
      rows.push({
        key: p.path,
        label: shortPath(p.path),
        a: total[i]!.value,
        aLo: total[i]!.lo,
        aHi: total[i]!.hi,
        b: first[i]!.value,
        bLo: first[i]!.lo,
        bHi: first[i]!.hi,
        text: `ST ${num(total[i]!.value, 2)}, S1 ${num(first[i]!.value, 2)}`,
      });
    });
  } else if (s.morris) {
    s.morris.factors.forEach((f, i) => {
      rows.push({
        key: s.parameters[i]!.path,
        label: shortPath(s.parameters[i]!.path),
        a: f.muStar.value,
        aLo: f.muStar.lo,
        aHi: f.muStar.hi,
        b: Number.NaN,
        bLo: Number.NaN,
        bHi: Number.NaN,
        text: `μ* ${num(f.muStar.value, 2)}, σ ${num(f.sigma, 2)}`,
      });
    });
  } else throw new RangeError("this sensitivity summary has no indices to draw");
  rows.sort((x, y) => y.a - x.a || (x.key < y.key ? -1 : 1));
  const shown = rows.slice(0, MAX_CHART_PARAMETERS);
  const sobol = s.sobol !== undefined;
  const outcome = s.outcome === "yes" ? "the question's answer" : `“${s.outcome}”`;
  const title = sobol
    ? `Sobol' indices of ${outcome}: total (pale) and first-order (dark), with 95% intervals`
    : `Morris screening of ${outcome}: mean absolute elementary effect μ* with 95% intervals`;
  const more =
    rows.length > shown.length
      ? ` The ${rows.length - shown.length} parameters with the smallest values are not drawn.`
      : "";
  const description = `${rows.map((r) => `${r.key}: ${r.text}`).join("; ")}.${more}`;
  const width = o.width ?? 720;
  const { margin: marginLeft, chars } = labelMargin(Math.max(...shown.map((r) => r.label.length)), width);
  const hi = Math.max(
    sobol ? 1 : 0,
    ...shown.flatMap((r) => [r.a, r.aHi, r.b, r.bHi].filter(Number.isFinite)),
  );
  const lo = Math.min(
    0,
    ...shown.map((r) => Math.min(r.aLo, Number.isFinite(r.bLo) ? r.bLo : 0)).filter(Number.isFinite),
  );
  const marks: Plot.Markish[] = [
    Plot.barX(shown, { y: "key", x: "a", fill: sobol ? PALE_BLUE : BLUE }),
    Plot.ruleY(shown, { y: "key", x1: "aLo", x2: "aHi", stroke: INK, strokeWidth: 1.3, dy: sobol ? -5 : 0 }),
    Plot.ruleX([0], { stroke: INK }),
    Plot.text(shown, {
      y: "key",
      x: (r: Row) => Math.max(r.a, Number.isFinite(r.aHi) ? r.aHi : r.a),
      text: "text",
      dx: 6,
      textAnchor: "start",
      fill: INK,
    }),
    Plot.axisY({ tickSize: 0, tickFormat: (k: string) => cutLabel(shortPath(k), chars) }),
  ];
  if (sobol)
    marks.splice(
      1,
      0,
      Plot.barX(shown, { y: "key", x: "b", fill: BLUE, insetTop: 7, insetBottom: 7 }),
      Plot.ruleY(shown, { y: "key", x1: "bLo", x2: "bHi", stroke: "#555555", strokeWidth: 1.3, dy: 5 }),
    );
  const svg = Plot.plot({
    ...plotBase(o, title),
    height: shown.length * 30 + 60,
    marginLeft,
    marginRight: width < 500 ? 96 : Math.min(150, Math.max(110, width / 5)),
    marginBottom: 40,
    x: {
      label: sobol
        ? "index (share of the output's variance)"
        : "μ* (change in the output across the whole range)",
      grid: true,
      domain: [lo, hi],
    },
    y: { domain: shown.map((r) => r.key), label: null, padding: 0.2 },
    marks,
  }) as unknown as Element;
  return finish(svg, o.document, title, description);
}
