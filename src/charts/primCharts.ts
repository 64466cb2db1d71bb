/**
 * PRIM's pictures: the peeling trajectory (coverage against density, each box a dot coloured by how many inputs
 * it restricts, the chosen one ringed) and the chosen box (each restricted input's whole range as a grey bar,
 * the box's part of it in blue, its limits and quasi-p-value written beside).
 */
import * as Plot from "@observablehq/plot";
import type { PrimResult } from "../discovery/prim.ts";
import {
  BLUE,
  type ChartOptions,
  cutLabel,
  finish,
  GREY,
  INK,
  labelMargin,
  num,
  plotBase,
  RED,
  shortPath,
} from "./frame.ts";

/**
 * The peeling trajectory, as SVG text.
 *
 * @example
 * primTrajectoryChart(result.prim, { document });
 */
export function primTrajectoryChart(r: PrimResult, o: ChartOptions & { outcome: string }): string {
  const points = r.trajectory.map((b, i) => ({
    i,
    coverage: b.coverage,
    density: b.density,
    restricted: String(b.restricted),
  }));
  const chosen = points[r.chosen]!;
  const title = `PRIM peeling trajectory for “${o.outcome}”: coverage against density of ${points.length} boxes`;
  const description = `Box 0 is every run (density ${num(points[0]!.density, 2)}). Peeling raises density and lowers coverage; box ${r.chosen} was chosen (coverage ${num(chosen.coverage, 2)}, density ${num(chosen.density, 2)}); after pasting: coverage ${num(r.box.coverage, 2)}, density ${num(r.box.density, 2)}, ${r.restricted.length} inputs restricted.`;
  // A key of the colours (how many inputs each box restricts), bottom left: low coverage with low density is
  // where a trajectory never goes.
  const counts = [...new Set(points.map((p) => p.restricted))].sort((a, b) => Number(a) - Number(b));
  const keys = counts.map((k, i) =>
    Plot.text([k], {
      frameAnchor: "bottom-left",
      textAnchor: "start",
      dx: 8,
      dy: -(8 + 15 * (counts.length - 1 - i)),
      text: (d: string) => `● ${d} input${d === "1" ? "" : "s"} restricted`,
      fill: (d: string) => d,
    }),
  );
  const svg = Plot.plot({
    ...plotBase(o, title),
    height: 340,
    marginLeft: 56,
    marginBottom: 44,
    x: { label: "coverage (share of all yes runs inside the box)", domain: [0, 1], grid: true },
    y: { label: "density (share of yes inside)", domain: [0, 1], grid: true },
    color: { type: "ordinal", scheme: "viridis", legend: false },
    marks: [
      Plot.line(points, { x: "coverage", y: "density", stroke: GREY }),
      Plot.dot(points, { x: "coverage", y: "density", fill: "restricted", r: 4 }),
      Plot.dot([chosen], { x: "coverage", y: "density", r: 9, stroke: RED, strokeWidth: 2 }),
      Plot.text([chosen], { x: "coverage", y: "density", text: () => `box ${r.chosen}`, dy: -16, fill: RED }),
      ...keys,
    ],
  }) as unknown as Element;
  return finish(svg, o.document, title, description);
}

/**
 * The chosen (pasted) box, as SVG text.
 *
 * @example
 * primBoxChart(result.prim, { document });
 */
export function primBoxChart(r: PrimResult, o: ChartOptions): string {
  const rows = r.restricted.map((d) => {
    const span = d.max - d.min;
    return {
      key: d.name,
      from: span === 0 ? 0 : (d.lo - d.min) / span,
      to: span === 0 ? 1 : (d.hi - d.min) / span,
      text: `${num(d.lo)}–${num(d.hi)} of ${num(d.min)}–${num(d.max)}, qp ${d.qp < 0.001 ? d.qp.toExponential(1) : num(d.qp, 2)}`,
    };
  });
  const title = `The chosen box: ${rows.length} restricted input${rows.length === 1 ? "" : "s"}, coverage ${num(r.box.coverage, 2)}, density ${num(r.box.density, 2)}`;
  const description =
    rows.length === 0
      ? "The box restricts no input."
      : `${rows.map((x) => `${x.key}: ${x.text}`).join("; ")}.`;
  const width = o.width ?? 720;
  const { margin, chars } = labelMargin(Math.max(10, ...rows.map((x) => shortPath(x.key).length)), width);
  // On narrow screens the limits go under each bar instead of beside it.
  const narrow = width < 560;
  const svg = Plot.plot({
    ...plotBase(o, title),
    height: Math.max(1, rows.length) * (narrow ? 52 : 34) + 60,
    marginLeft: margin,
    marginRight: narrow
      ? 16
      : Math.min(360, Math.ceil(Math.max(10, ...rows.map((x) => x.text.length)) * 7) + 16),
    marginBottom: 40,
    x: { label: "position in the input's range over the runs", domain: [0, 1], grid: true },
    y: { domain: rows.map((x) => x.key), label: null, padding: narrow ? 0.5 : 0.3 },
    marks: [
      Plot.barX(rows, { y: "key", x1: 0, x2: 1, fill: "#e4e4e4" }),
      Plot.barX(rows, { y: "key", x1: "from", x2: "to", fill: BLUE }),
      narrow
        ? Plot.text(rows, { y: "key", x: 0, text: "text", dy: 17, textAnchor: "start", fill: INK })
        : Plot.text(rows, { y: "key", x: 1, text: "text", dx: 8, textAnchor: "start", fill: INK }),
      Plot.axisY({ tickSize: 0, tickFormat: (k: string) => cutLabel(shortPath(k), chars) }),
    ],
  }) as unknown as Element;
  return finish(svg, o.document, title, description);
}
