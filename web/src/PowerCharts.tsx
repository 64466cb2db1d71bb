// Power over time: one uPlot line per leader (stable colours), a metric picker, a marker at the scrubber's
// week, and a legend whose values follow the scrubber (or the mouse). data-digest fingerprints the plotted data.
import { useEffect, useMemo, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Scenario } from "../../src/index.ts";
import type { Replay } from "../../src/replay/timeline.ts";
import { ChartFigures } from "./ChartFigures.tsx";
import { chartSummary } from "./chartText.ts";
import { int, niceDate, unixSeconds } from "./format.ts";
import { fnv1a } from "./hash.ts";
import { bodyNames, leadersOf } from "./people.ts";
import { useElementSize } from "./useElementSize.ts";

export type Metric = "committeeVotes" | "congressVotes" | "politburo" | "clients" | "power";

interface Props {
  replay: Replay;
  scenario: Scenario;
  tick: number;
  height?: number;
  testId?: string;
}

export const SEAT = ["none", "candidate", "full member"];

/** The measure picker both power charts share: short labels, the full meaning as its tooltip. */
export function MetricSelect(p: {
  metric: Metric;
  labels: Record<Metric, string>;
  help: Record<Metric, string>;
  onChange(m: Metric): void;
  className?: string;
}) {
  return (
    <label className={p.className}>
      <span className="visually-hidden">Measure </span>
      <select
        data-testid="metric-select"
        title={p.help[p.metric]}
        value={p.metric}
        onChange={(e) => p.onChange(e.target.value as Metric)}
      >
        {(Object.keys(p.labels) as Metric[]).map((m) => (
          <option key={m} value={m}>
            {p.labels[m]}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * What both power charts share: dates on the x axis in UTC (the scenario's calendar), no built-in legend or
 * zoom, light grids, and for the Politburo metric a y axis of seat names. `ySize` is the y axis's width.
 */
export function chartFrame(
  metric: Metric,
  ySize: number,
): Pick<uPlot.Options, "tzDate" | "legend" | "cursor" | "axes"> {
  return {
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), "Etc/UTC"),
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    axes: [
      { stroke: "#444", grid: { stroke: "#eee" } },
      {
        stroke: "#444",
        grid: { stroke: "#eee" },
        size: ySize,
        ...(metric === "politburo"
          ? { splits: () => [0, 1, 2], values: (_u: uPlot, vs: number[]) => vs.map((v) => SEAT[v] ?? "") }
          : {}),
      },
    ],
  };
}

/** Short labels for the metric picker (they must fit a narrow select). */
export function metricLabels(s: Scenario): Record<Metric, string> {
  const b = bodyNames(s);
  return {
    committeeVotes: `${b.committee} votes`,
    congressVotes: `${b.congress} delegates`,
    politburo: `${b.executive} seat`,
    clients: "Clients",
    power: "Power",
  };
}

/** One sentence per metric saying what the lines measure, shown under the picker. */
export function metricHelp(s: Scenario): Record<Metric, string> {
  const b = bodyNames(s);
  return {
    committeeVotes: `Votes in the ${b.committee} that each leader controls.`,
    congressVotes: `${b.congress} delegates expected to follow each leader.`,
    politburo: `Each leader's seat in the ${b.executive}: none, candidate or full member.`,
    clients: "Clients: officials who owe him their post.",
    power: "Power: real (solid line) and as his rivals see it (dashed).",
  };
}

export function valueAt(metric: Metric, v: number | null | undefined): string {
  if (v === null || v === undefined) return "—";
  if (metric === "politburo") return SEAT[Math.round(v)] ?? String(v);
  if (metric === "power") return v.toFixed(2);
  return int(v);
}

export function PowerCharts({
  replay,
  scenario,
  tick,
  height: minHeight = 200,
  testId = "power-charts",
}: Props) {
  const [metric, setMetric] = useState<Metric>("committeeVotes");
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [hover, setHover] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const { width, height: boxHeight } = useElementSize(box);
  const height = Math.max(minHeight, boxHeight);
  const plot = useRef<uPlot | null>(null);
  const tickRef = useRef(tick);
  tickRef.current = tick;

  const leaders = useMemo(() => leadersOf(scenario), [scenario]);
  const labels = metricLabels(scenario);
  const help = metricHelp(scenario);
  const series = replay.result.series;

  const data = useMemo(() => {
    const xs = series.dates.map(unixSeconds);
    const cols: number[][] = [];
    leaders.forEach((l, k) => {
      const row = series.leaders[l.id];
      if (!row) return;
      if (metric === "power") {
        cols.push(row.realPower, row.perceivedPower);
      } else if (metric === "politburo") {
        // Offset each leader a little so equal seats stay visible as separate lines.
        const off = (k - (leaders.length - 1) / 2) * 0.035;
        cols.push(row.politburo.map((v) => v + off));
      } else cols.push(row[metric].map((v) => Math.round(v * 100) / 100));
    });
    return [xs, ...cols] as uPlot.AlignedData;
  }, [series, leaders, metric]);

  const digest = useMemo(() => fnv1a(JSON.stringify({ metric, data })), [metric, data]);
  // The same figures as text: the real values (no offsets), one series per leader.
  const figures = useMemo(
    () =>
      leaders.flatMap((l) => {
        const row = series.leaders[l.id];
        if (!row) return [];
        return [{ label: l.short, values: metric === "power" ? row.realPower : row[metric] }];
      }),
    [leaders, series, metric],
  );

  useEffect(() => {
    const el = box.current;
    if (!el || width < 50) return;
    const lines: uPlot.Series[] = [{}];
    for (const l of leaders) {
      const show = !hidden.has(l.id);
      const paths = metric === "politburo" ? uPlot.paths.stepped?.({ align: 1 }) : undefined;
      lines.push({ label: l.short, stroke: l.color, width: 2, show, ...(paths ? { paths } : {}) });
      if (metric === "power")
        lines.push({ label: `${l.short} (seen)`, stroke: l.color, width: 1.5, dash: [5, 4], show });
    }
    const opts: uPlot.Options = {
      width,
      height,
      scales: { x: { time: true }, ...(metric === "politburo" ? { y: { range: [-0.3, 2.3] } } : {}) },
      series: lines,
      ...chartFrame(metric, metric === "politburo" ? 90 : 56),
      hooks: {
        setCursor: [(u) => setHover(u.cursor.idx ?? null)],
        draw: [
          (u) => {
            const x = u.data[0][tickRef.current];
            if (x === undefined) return;
            const px = u.valToPos(x, "x", true);
            const ctx = u.ctx;
            ctx.save();
            ctx.strokeStyle = "#222";
            ctx.lineWidth = 1.5 * devicePixelRatio;
            ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(px, u.bbox.top);
            ctx.lineTo(px, u.bbox.top + u.bbox.height);
            ctx.stroke();
            ctx.restore();
          },
        ],
      },
    };
    const u = new uPlot(opts, data, el.querySelector<HTMLDivElement>(".chart-canvas")!);
    plot.current = u;
    return () => {
      u.destroy();
      plot.current = null;
    };
  }, [data, width, height, leaders, hidden, metric]);

  useEffect(() => {
    void tick;
    plot.current?.redraw(false);
  }, [tick]);

  const at = hover ?? tick;
  const toggle = (id: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="panel power" data-testid={testId} data-digest={digest} data-metric={metric}>
      <header className="panel-head">
        <h2>Power over time</h2>
        <MetricSelect metric={metric} labels={labels} help={help} onChange={setMetric} className="metric" />
      </header>
      <p className="muted small chart-help">{help[metric]}</p>
      <div ref={box} className="chart-box">
        <div
          className="chart-canvas"
          role="img"
          data-testid="power-chart-canvas"
          aria-label={chartSummary(
            `${labels[metric]} for each leader`,
            figures,
            Math.min(tick, series.dates.length - 1),
            (i) => niceDate(series.dates[i]),
            (v) => valueAt(metric, v),
            series.dates.length - 1,
          )}
        />
      </div>
      <ChartFigures
        caption={`${labels[metric]} for each leader`}
        dates={series.dates}
        series={figures}
        valueText={(v) => valueAt(metric, v)}
      />
      <ul className="legend" aria-label="Leaders">
        <li className="legend-date">{niceDate(series.dates[at])}</li>
        {leaders.map((l) => {
          const row = series.leaders[l.id];
          const v = metric === "power" ? row?.realPower[at] : row?.[metric][at];
          const seen = metric === "power" ? row?.perceivedPower[at] : undefined;
          return (
            <li key={l.id} className={hidden.has(l.id) ? "off" : ""}>
              <button
                type="button"
                className="legend-item"
                onClick={() => toggle(l.id)}
                title="Show or hide this leader"
              >
                <span className="swatch" style={{ background: l.color }} />
                {l.short} <b>{valueAt(metric, v)}</b>
                {seen !== undefined && <span className="muted"> (seen {valueAt(metric, seen)})</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
