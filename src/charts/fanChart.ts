/**
 * Fan charts of a measure across the runs of an experiment: the median as a line, the middle 50 % of runs as a
 * dark band and the middle 90 % as a pale one, week by week; a leader measure gets one panel per leader.
 */
import * as Plot from "@observablehq/plot";
import type { Fan } from "../experiments/fan.ts";
import { BLUE, type ChartOptions, finish, measureLabel, num, plotBase, RED } from "./frame.ts";

const GROUP_COLOURS = [BLUE, RED];

interface Row {
  date: Date;
  panel: string;
  group: string;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/**
 * One fan chart for every fan of `measure` (all leaders, all groups), as SVG text.
 *
 * @example
 * fanChart(fans.filter((f) => f.measure === "members"), { document, name: (id) => id });
 */
export function fanChart(
  fans: readonly Fan[],
  o: ChartOptions & { name?: (leaderId: string) => string },
): string {
  if (fans.length === 0) throw new RangeError("no fan to draw");
  const measure = fans[0]!.measure;
  const label = measureLabel(measure);
  const name = o.name ?? ((id: string) => id);
  const groups = [...new Set(fans.map((f) => f.group))];
  const panels = [...new Set(fans.map((f) => (f.leader === null ? "" : name(f.leader))))];
  const rows: Row[] = fans.flatMap((f) =>
    f.dates.map((d, t) => ({
      date: new Date(`${d}T00:00:00Z`),
      panel: f.leader === null ? "" : name(f.leader),
      group: f.group,
      p05: f.p05[t]!,
      p25: f.p25[t]!,
      p50: f.p50[t]!,
      p75: f.p75[t]!,
      p95: f.p95[t]!,
    })),
  );
  const colour = (g: string) => GROUP_COLOURS[groups.indexOf(g) % GROUP_COLOURS.length]!;
  const faceted = panels.length > 1 || panels[0] !== "";
  const runs = fans[0]!.runs;
  const title = `${label[0]!.toUpperCase()}${label.slice(1)} across ${runs} runs: median, middle 50% and middle 90%`;
  const ends = fans.map((f) => {
    const last = f.dates.length - 1;
    const who = f.leader === null ? "" : `${name(f.leader)}, `;
    const g = groups.length > 1 ? `${f.group}, ` : "";
    return `${who}${g}at ${f.dates[last]}: median ${num(f.p50[last]!)}, 50% of runs ${num(f.p25[last]!)} to ${num(f.p75[last]!)}, 90% ${num(f.p05[last]!)} to ${num(f.p95[last]!)}`;
  });
  const description = `Per week, the quantiles of ${label} over the runs${groups.length > 1 ? ` of each of ${groups.join(" and ")}` : ""}. ${ends.join("; ")}.`;
  const fy = faceted ? { fy: "panel" } : {};
  const big = rows.some((r) => Math.abs(r.p95) >= 10_000 || Math.abs(r.p05) >= 10_000);
  const marks: Plot.Markish[] = [];
  for (const g of groups) {
    const data = rows.filter((r) => r.group === g);
    marks.push(
      Plot.areaY(data, { x: "date", y1: "p05", y2: "p95", fill: colour(g), fillOpacity: 0.18, ...fy }),
      Plot.areaY(data, { x: "date", y1: "p25", y2: "p75", fill: colour(g), fillOpacity: 0.38, ...fy }),
      Plot.lineY(data, { x: "date", y: "p50", stroke: colour(g), strokeWidth: 1.6, ...fy }),
    );
  }
  if (groups.length > 1)
    groups.forEach((g, i) => {
      marks.push(
        Plot.text([g], {
          frameAnchor: "top-left",
          dy: 4 + i * 14,
          dx: 4,
          text: (x: string) => `— ${x}`,
          fill: colour(g),
          ...(faceted ? { fy: () => panels[0] } : {}),
        }),
      );
    });
  const svg = Plot.plot({
    ...plotBase(o, title),
    height: faceted ? Math.max(1, panels.length) * 110 + 50 : 260,
    marginLeft: 64,
    marginRight: faceted ? ((o.width ?? 720) < 500 ? 80 : 110) : 16,
    x: { type: "utc", label: null },
    // Large counts (party members) as 1.2M rather than digits the margin cannot hold.
    y: { label, grid: true, nice: true, ...(big ? { tickFormat: "~s" } : {}) },
    ...(faceted ? { fy: { label: null, domain: panels } } : {}),
    marks,
  }) as unknown as Element;
  return finish(svg, o.document, title, description);
}
