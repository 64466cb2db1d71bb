// Fan charts of the series an experiment keeps: pick a measure, see its median and 50% and 90% bands across
// the runs, week by week (one panel per leader for a leader's measure).
import { useCallback, useEffect, useMemo, useState } from "react";
import { fanChart } from "../../../src/charts/fanChart.ts";
import { measureLabel, num } from "../../../src/charts/frame.ts";
import type { Fan } from "../../../src/experiments/fan.ts";
import type { ExperimentDetail, ScenarioDetail } from "../../../src/server/contract.ts";
import { ApiFailure, api } from "../api.ts";
import { niceDate } from "../format.ts";
import { personName } from "../people.ts";
import { PlotFigure } from "./PlotFigure.tsx";

export function FanCharts({ detail, scenario }: { detail: ExperimentDetail; scenario: ScenarioDetail }) {
  const [fans, setFans] = useState<Fan[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [measure, setMeasure] = useState(detail.series[0] ?? "");
  useEffect(() => {
    setFans(null);
    setError(null);
    api
      .fans(detail.id)
      .then(setFans, (e: unknown) => setError(e instanceof ApiFailure ? e.message : String(e)));
  }, [detail.id]);
  const shown = useMemo(() => (fans ?? []).filter((f) => f.measure === measure), [fans, measure]);
  const name = useCallback((id: string) => personName(scenario.scenario, id), [scenario]);
  const draw = useCallback((width: number) => fanChart(shown, { document, width, name }), [shown, name]);
  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!fans) return <p className="muted">Loading the series…</p>;
  return (
    <section className="tk-fans" data-testid="fan-charts" aria-label="Series across runs">
      <h4>Series across runs</h4>
      <label className="tk-field">
        Measure{" "}
        <select value={measure} onChange={(e) => setMeasure(e.target.value)} data-testid="fan-measure">
          {detail.series.map((m) => (
            <option key={m} value={m}>
              {measureLabel(m)}
            </option>
          ))}
        </select>
      </label>
      {shown.length > 0 && (
        <PlotFigure
          draw={draw}
          file={`experiment-${detail.id}-fan-${measure}`}
          testId="fan-chart"
          alternative={
            <table className="table">
              <caption>At the last week of each run</caption>
              <thead>
                <tr>
                  <th scope="col">{shown.some((f) => f.leader) ? "Leader" : "Measure"}</th>
                  <th scope="col">Runs</th>
                  <th scope="col">Date</th>
                  <th scope="col">Median</th>
                  <th scope="col">Middle 50%</th>
                  <th scope="col">Middle 90%</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((f) => {
                  const t = f.dates.length - 1;
                  return (
                    <tr key={`${f.leader}-${f.group}`}>
                      <td>
                        {f.leader ? name(f.leader) : measureLabel(f.measure)}
                        {f.group !== "all runs" && f.group !== "baseline" ? ` (${f.group})` : ""}
                      </td>
                      <td>{f.runs}</td>
                      <td>{niceDate(f.dates[t])}</td>
                      <td>{num(f.p50[t]!)}</td>
                      <td>
                        {num(f.p25[t]!)} to {num(f.p75[t]!)}
                      </td>
                      <td>
                        {num(f.p05[t]!)} to {num(f.p95[t]!)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          }
        />
      )}
    </section>
  );
}
