// A sensitivity analysis in the page: what was varied and measured, the tornado of Sobol' indices (or the
// Morris μ* bars) with intervals, and every parameter's figures in a table.
import "./toolkit.css";
import { useCallback } from "react";
import { num, shortPath } from "../../../src/charts/frame.ts";
import { sensitivityChart } from "../../../src/charts/sensitivityChart.ts";
import type { ExperimentSummary } from "../../../src/index.ts";
import { int } from "../format.ts";
import { PlotFigure } from "./PlotFigure.tsx";

type Summary = Extract<ExperimentSummary, { kind: "sensitivity" }>;

const ci = (c: { value: number; lo: number; hi: number }) => `${num(c.value)} (${num(c.lo)} to ${num(c.hi)})`;

function IndexTable({ s }: { s: Summary }) {
  const order = s.parameters.map((_, i) => i);
  if (s.sobol) order.sort((a, b) => s.sobol!.total[b]!.value - s.sobol!.total[a]!.value || a - b);
  if (s.morris)
    order.sort((a, b) => s.morris!.factors[b]!.muStar.value - s.morris!.factors[a]!.muStar.value || a - b);
  return (
    <div className="tk-scroll">
      <table className="table" data-testid="sensitivity-table">
        <caption>
          {s.sobol
            ? "First-order and total index, ranked by total index (95% intervals)"
            : "Elementary effects, ranked by μ* (95% interval of μ*)"}
        </caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Range</th>
            {s.sobol ? (
              <>
                <th scope="col">Total ST</th>
                <th scope="col">First-order S1</th>
              </>
            ) : (
              <>
                <th scope="col">μ*</th>
                <th scope="col">μ</th>
                <th scope="col">σ</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {order.map((i) => {
            const p = s.parameters[i]!;
            return (
              <tr key={p.path}>
                <td title={p.path}>{shortPath(p.path)}</td>
                <td>
                  {p.range[0]} to {p.range[1]}
                </td>
                {s.sobol ? (
                  <>
                    <td>{ci(s.sobol.total[i]!)}</td>
                    <td>{ci(s.sobol.first[i]!)}</td>
                  </>
                ) : (
                  <>
                    <td>{ci(s.morris!.factors[i]!.muStar)}</td>
                    <td>{num(s.morris!.factors[i]!.mu)}</td>
                    <td>{num(s.morris!.factors[i]!.sigma)}</td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function SensitivityResult({ summary, id }: { summary: Summary; id?: number }) {
  const draw = useCallback((width: number) => sensitivityChart(summary, { document, width }), [summary]);
  const method = summary.method === "sobol" ? "Sobol' indices" : "Morris screening";
  const outcome = summary.outcome === "yes" ? "the chance of the question" : `“${summary.outcome}”`;
  return (
    <div className="result" data-testid="sensitivity-result">
      <p>
        {method} of {outcome} over {summary.parameters.length} estimates, each varied across its range:{" "}
        {int(summary.points)} design points, {int(summary.replicates)} runs each. The output's mean over the
        design is {num(summary.mean)}.
      </p>
      {summary.note ? (
        <p className="muted">{summary.note}</p>
      ) : (
        <PlotFigure
          draw={draw}
          file={`experiment-${id ?? "sensitivity"}-indices`}
          testId="sensitivity-chart"
          alternative={<IndexTable s={summary} />}
        />
      )}
      <p className="muted small">
        {summary.sobol
          ? "The total index counts everything a parameter does, alone and with others; the first-order index what it does alone. Both are shares of the output's variance across the design."
          : "μ* is the mean size of the change in the output when the parameter moves across its range one step at a time; σ large against μ* means its effect depends on the other parameters."}
      </p>
    </div>
  );
}
