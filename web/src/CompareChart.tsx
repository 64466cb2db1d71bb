// One leader's measure over time in two histories on one small uPlot: "as in the scenario" (dashed, grey) and
// "with your changes" (solid, his colour). data-digest fingerprints the plotted data, so it changes with the run.
import { useEffect, useMemo, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Scenario } from "../../src/index.ts";
import type { Replay } from "../../src/replay/timeline.ts";
import { ChartFigures } from "./ChartFigures.tsx";
import { chartSummary } from "./chartText.ts";
import { niceDate, unixSeconds } from "./format.ts";
import { fnv1a } from "./hash.ts";
import { chartFrame, type Metric, MetricSelect, metricHelp, metricLabels, valueAt } from "./PowerCharts.tsx";
import { leadersOf } from "./people.ts";
import { useElementSize } from "./useElementSize.ts";

interface Props {
  baseline: Replay;
  changed: Replay;
  scenario: Scenario;
  /** The leader shown first (the scenario's question leader, if any). */
  leader?: string | undefined;
  height?: number;
}

const BASE_COLOUR = "#777";

function column(replay: Replay, leader: string, metric: Metric, n: number): (number | null)[] {
  const row = replay.result.series.leaders[leader];
  const values = row ? (metric === "power" ? row.realPower : row[metric]) : [];
  const out: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out.push(v === undefined ? null : Math.round(v * 100) / 100);
  }
  return out;
}

export function CompareChart({ baseline, changed, scenario, leader: first, height = 190 }: Props) {
  const leaders = useMemo(() => leadersOf(scenario), [scenario]);
  const [leader, setLeader] = useState(() =>
    first && leaders.some((l) => l.id === first) ? first : (leaders[0]?.id ?? ""),
  );
  const [metric, setMetric] = useState<Metric>("committeeVotes");
  const [hover, setHover] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(box);
  const labels = metricLabels(scenario);
  const help = metricHelp(scenario);
  const info = leaders.find((l) => l.id === leader);

  // The longer history's weeks on the x axis; the shorter one's missing weeks are gaps.
  const dates = useMemo(() => {
    const a = baseline.result.series.dates;
    const b = changed.result.series.dates;
    return a.length >= b.length ? a : b;
  }, [baseline, changed]);

  const data = useMemo(() => {
    const n = dates.length;
    return [
      dates.map(unixSeconds),
      column(baseline, leader, metric, n),
      column(changed, leader, metric, n),
    ] as uPlot.AlignedData;
  }, [dates, baseline, changed, leader, metric]);

  const digest = useMemo(() => fnv1a(JSON.stringify({ leader, metric, data })), [leader, metric, data]);
  const figures = useMemo(
    () => [
      { label: "As in the scenario", values: data[1] ?? [] },
      { label: "With your changes", values: data[2] ?? [] },
    ],
    [data],
  );

  useEffect(() => {
    const el = box.current;
    if (!el || width < 50) return;
    const stepped = metric === "politburo" ? uPlot.paths.stepped?.({ align: 1 }) : undefined;
    const paths = stepped ? { paths: stepped } : {};
    const opts: uPlot.Options = {
      width,
      height,
      scales: { x: { time: true }, ...(metric === "politburo" ? { y: { range: [-0.2, 2.2] } } : {}) },
      series: [
        {},
        { label: "As in the scenario", stroke: BASE_COLOUR, width: 2, dash: [6, 4], ...paths },
        { label: "With your changes", stroke: info?.color ?? "#d55e00", width: 2.5, ...paths },
      ],
      ...chartFrame(metric, metric === "politburo" ? 84 : 48),
      hooks: { setCursor: [(u) => setHover(u.cursor.idx ?? null)] },
    };
    const u = new uPlot(opts, data, el);
    return () => u.destroy();
  }, [data, width, height, metric, info]);

  const at = hover ?? dates.length - 1;
  return (
    <section className="compare" data-testid="power-charts" data-digest={digest} data-metric={metric}>
      <div className="compare-head">
        <h3>Power over time</h3>
        <label>
          <span className="visually-hidden">Leader </span>
          <select data-testid="cf-compare-leader" value={leader} onChange={(e) => setLeader(e.target.value)}>
            {leaders.map((l) => (
              <option key={l.id} value={l.id}>
                {l.short}
              </option>
            ))}
          </select>
        </label>
        <MetricSelect metric={metric} labels={labels} help={help} onChange={setMetric} />
      </div>
      <p className="muted small chart-help">
        {labels[metric]}
        {metric === "power" ? " (real, not as rivals see it)" : ""} of {info?.name}: dashed grey as in the
        scenario, solid with your changes.
      </p>
      <div
        ref={box}
        className="compare-canvas"
        style={{ height }}
        role="img"
        aria-label={chartSummary(
          `${labels[metric]} of ${info?.name ?? leader}, as in the scenario and with your changes`,
          figures,
          dates.length - 1,
          (i) => niceDate(dates[i]),
          (v) => valueAt(metric, v),
          dates.length - 1,
        )}
      />
      <ChartFigures
        caption={`${labels[metric]} of ${info?.name ?? leader}`}
        dates={dates}
        series={figures}
        valueText={(v) => valueAt(metric, v)}
      />
      <ul className="legend" aria-label="Histories">
        <li className="legend-date">{niceDate(dates[at])}</li>
        <li>
          <span className="line-key dashed" style={{ borderColor: BASE_COLOUR }} /> As in the scenario{" "}
          <b>{valueAt(metric, data[1]?.[at])}</b>
        </li>
        <li>
          <span className="line-key" style={{ borderColor: info?.color }} /> With your changes{" "}
          <b>{valueAt(metric, data[2]?.[at])}</b>
        </li>
      </ul>
    </section>
  );
}
