// Scenario discovery on a stored design: choose a yes/no outcome and PRIM or CART; see the peeling trajectory,
// the chosen box and its restricted inputs with quasi-p-values (PRIM), or the tree's leaves (CART).
import { useCallback, useState } from "react";
import { num, shortPath } from "../../../src/charts/frame.ts";
import { primBoxChart, primTrajectoryChart } from "../../../src/charts/primCharts.ts";
import type { DiscoveryResult } from "../../../src/discovery/discover.ts";
import type { ExperimentDetail } from "../../../src/server/contract.ts";
import { ApiFailure, api } from "../api.ts";
import { PlotFigure } from "./PlotFigure.tsx";

const OUTCOMES = [
  { value: "not yes", label: "the question's answer is no" },
  { value: "yes", label: "the question's answer is yes" },
  { value: "sole", label: "someone becomes sole leader" },
  { value: "not sole", label: "nobody becomes sole leader" },
];

const qp = (x: number) => (x < 0.001 ? x.toExponential(1) : num(x, 2));

export function DiscoveryPanel({ detail }: { detail: ExperimentDetail }) {
  const [outcome, setOutcome] = useState("not yes");
  const [method, setMethod] = useState<"prim" | "cart">("prim");
  const [result, setResult] = useState<DiscoveryResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = () => {
    setBusy(true);
    setError(null);
    api.discover(detail.id, { outcome, method }).then(
      (r) => {
        setResult(r);
        setBusy(false);
      },
      (e: unknown) => {
        setResult(null);
        setError(e instanceof ApiFailure ? e.message : String(e));
        setBusy(false);
      },
    );
  };
  const trajectory = useCallback(
    (width: number) => primTrajectoryChart(result!.prim!, { document, width, outcome: result!.outcome }),
    [result],
  );
  const box = useCallback((width: number) => primBoxChart(result!.prim!, { document, width }), [result]);
  const p = result?.prim;
  return (
    <section className="tk-discovery" data-testid="discovery" aria-label="Scenario discovery">
      <h4>Scenario discovery: where in the design does an outcome happen?</h4>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label className="tk-field">
          Outcome{" "}
          <select
            value={outcome}
            onChange={(e) => setOutcome(e.target.value)}
            data-testid="discovery-outcome"
          >
            {OUTCOMES.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
        <label className="tk-field">
          Method{" "}
          <select
            value={method}
            onChange={(e) => setMethod(e.target.value as "prim" | "cart")}
            data-testid="discovery-method"
          >
            <option value="prim">PRIM (a box)</option>
            <option value="cart">CART (a tree)</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy} data-testid="discovery-run">
          Find
        </button>
      </form>
      {error && (
        <p className="error" role="alert" data-testid="discovery-error">
          {error}
        </p>
      )}
      {result && (
        <p data-testid="discovery-summary">
          “{result.outcome}” in {result.yes} of {result.runs} runs ({num((result.yes / result.runs) * 100, 3)}
          %) over {result.inputs.length} inputs.
          {p &&
            ` The chosen box holds ${p.box.n} runs: it covers ${num(p.box.coverage * 100, 3)}% of the runs with the outcome, which happens in ${num(p.box.density * 100, 3)}% of the runs inside it.`}
        </p>
      )}
      {p && (
        <>
          <PlotFigure
            draw={trajectory}
            file={`experiment-${detail.id}-prim-trajectory`}
            testId="prim-trajectory"
            alternative={
              <div className="tk-scroll">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Box</th>
                      <th scope="col">Coverage</th>
                      <th scope="col">Density</th>
                      <th scope="col">Inputs restricted</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.trajectory
                      .map((b, box) => ({ ...b, box }))
                      .map((b) => (
                        <tr key={b.box}>
                          <td>
                            {b.box}
                            {b.box === p.chosen ? " (chosen)" : ""}
                          </td>
                          <td>{num(b.coverage)}</td>
                          <td>{num(b.density)}</td>
                          <td>{b.restricted}</td>
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            }
          />
          <PlotFigure
            draw={box}
            file={`experiment-${detail.id}-prim-box`}
            testId="prim-box"
            alternative={
              <table className="table" data-testid="prim-restricted">
                <thead>
                  <tr>
                    <th scope="col">Input</th>
                    <th scope="col">Box</th>
                    <th scope="col">Range over the runs</th>
                    <th scope="col">Quasi-p-value</th>
                  </tr>
                </thead>
                <tbody>
                  {p.restricted.map((d) => (
                    <tr key={d.name}>
                      <td title={d.name}>{shortPath(d.name)}</td>
                      <td>
                        {num(d.lo)} to {num(d.hi)}
                      </td>
                      <td>
                        {num(d.min)} to {num(d.max)}
                      </td>
                      <td>{qp(d.qp)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
          />
        </>
      )}
      {result?.cart && (
        <div className="tk-scroll">
          <table className="table" data-testid="cart-leaves">
            <caption>The tree's leaves, where the outcome is most frequent first</caption>
            <thead>
              <tr>
                <th scope="col">Conditions</th>
                <th scope="col">Runs</th>
                <th scope="col">Density</th>
                <th scope="col">Coverage</th>
              </tr>
            </thead>
            <tbody>
              {result.cart.leaves.map((l) => (
                <tr key={l.conditions.join("&")}>
                  <td>
                    {l.conditions
                      .map((c) => c.replace(/[a-zA-Z0-9_.-]+\.[a-zA-Z0-9_.-]+/g, (m) => shortPath(m)))
                      .join(" and ") || "all runs"}
                  </td>
                  <td>{l.n}</td>
                  <td>{num(l.density)}</td>
                  <td>{num(l.coverage)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">
        PRIM peels thin slices off the design to find a box where the outcome is frequent (density) that still
        holds most runs with it (coverage); a quasi-p-value near 0 means the restriction on that input
        matters. CART splits the runs in two again and again on the input that best separates the outcome.
      </p>
    </section>
  );
}
