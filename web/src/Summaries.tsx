// Readable views of experiment summaries: a Monte Carlo (outcomes, when, order of falls), a what-if (paired
// outcome bars and the effect in words), and an attribution (each factor's share of the chance).
import { type ExperimentSummary, questionMeasure, type Scenario } from "../../src/index.ts";
import type { Change, ScenarioDetail } from "../../src/server/contract.ts";
import { enoughForInterval, MIN_RUNS_FOR_INTERVAL } from "../../src/stats/minimum.ts";
import { type BarRow, Bars } from "./Bars.tsx";
import { capitalise, describeChanges } from "./changes.ts";
import { int, niceDate, pct, points } from "./format.ts";
import { orderText, outcomeText, personName } from "./people.ts";
import { SensitivityResult } from "./toolkit/SensitivityResult.tsx";
import { SweepResult } from "./toolkit/SweepResult.tsx";

type Of<K extends ExperimentSummary["kind"]> = Extract<ExperimentSummary, { kind: K }>;
type Variant = Of<"mc">["baseline"];

function question(s: Scenario, q: Of<"mc">["question"]): string {
  return questionMeasure(q, personName(s, q.leader), niceDate).replace(" sole leader", " is sole leader");
}

function outcomeRows(s: Scenario, variants: Variant[]): BarRow[] {
  const labels: string[] = [];
  for (const v of variants) for (const o of v.outcomes) if (!labels.includes(o.label)) labels.push(o.label);
  return labels.map((label) => ({
    label: outcomeText(s, label),
    values: variants.map(
      (v) => v.outcomes.find((o) => o.label === label)?.share ?? { share: 0, lo: 0, hi: 0 },
    ),
  }));
}

function VariantFacts({ s, v, q }: { s: Scenario; v: Variant; q: Of<"mc">["question"] }) {
  return (
    <div className="facts">
      <p>
        Chance that {question(s, q)}: <b>{pct(v.yes.share)}</b>{" "}
        <span className="muted">
          (95% interval {pct(v.yes.lo)} to {pct(v.yes.hi)}; {int(v.yes.k)} of {int(v.runs)} runs)
        </span>
      </p>
      {v.soleDate.n > 0 && (
        <p>
          When he became sole leader: typically <b>{niceDate(v.soleDate.median)}</b>{" "}
          <span className="muted">
            (one run in ten before {niceDate(v.soleDate.p10)}, one in ten after {niceDate(v.soleDate.p90)})
          </span>
        </p>
      )}
      <h4>Most common orders in which rivals lost their seats</h4>
      <ol className="orders">
        {v.exitOrders.map((o) => (
          <li key={o.order}>
            {orderText(s, o.order)} <span className="muted">— {pct(o.share.share)} of runs</span>
          </li>
        ))}
      </ol>
      <p className="muted small">Party members at the end, on average: {int(v.meanMembers)}.</p>
    </div>
  );
}

export function MonteCarloResult({ s, summary }: { s: Scenario; summary: Of<"mc"> }) {
  const v = summary.baseline;
  return (
    <div className="result" data-testid="mc-result">
      <h3>How {int(v.runs)} histories ended</h3>
      <Bars rows={outcomeRows(s, [v])} series={[{ name: "runs", className: "base" }]} testId="mc-outcomes" />
      <VariantFacts s={s} v={v} q={summary.question} />
    </div>
  );
}

export function WhatIfResult(p: { detail: ScenarioDetail; summary: Of<"whatif">; changes: Change[] | null }) {
  const s = p.detail.scenario;
  const { baseline, changed, effect } = p.summary;
  const what = p.changes ? capitalise(describeChanges(p.detail, p.changes)) : "The change";
  return (
    <div className="result" data-testid="whatif-result">
      <p className="effect" data-testid="whatif-effect" data-effect={effect.value}>
        {what} changes the chance that {question(s, p.summary.question)} by{" "}
        <b>{points(effect.value)} points</b> (95% interval {points(effect.lo)} to {points(effect.hi)}): from{" "}
        {pct(baseline.yes.share)} to {pct(changed.yes.share)}, over {int(effect.n)} pairs of runs with the
        same seeds.
      </p>
      <FewRuns runs={effect.n} what={effect.n === 1 ? "pair of runs" : "pairs of runs"} />
      <Bars
        rows={outcomeRows(s, [baseline, changed])}
        series={[
          { name: "history as in the scenario", className: "base" },
          { name: "with your changes", className: "changed" },
        ]}
        testId="whatif-outcomes"
      />
    </div>
  );
}

/** The warning under a result that rests on too few runs for its intervals to mean much. */
function FewRuns({ runs, what }: { runs: number; what: string }) {
  if (enoughForInterval(runs)) return null;
  return (
    <p className="warning" role="note" data-testid="few-runs">
      {`Only ${int(runs)} ${what}, fewer than ${MIN_RUNS_FOR_INTERVAL}: too few for the 95% intervals to be trusted, and values that look different may not be. Run at least 200 before drawing a conclusion.`}
    </p>
  );
}

export function AttributionResult({ s, summary }: { s: Scenario; summary: Of<"attribute"> }) {
  const rows: BarRow[] = summary.factors.map((f) => ({
    label: f.label,
    values: [
      {
        share: Math.max(0, f.shapley.value),
        // Missing intervals (one run) arrive as null: keep them missing rather than clamp them to zero.
        lo: f.shapley.lo === null ? Number.NaN : Math.max(0, f.shapley.lo),
        hi: f.shapley.hi === null ? Number.NaN : Math.max(0, f.shapley.hi),
      },
    ],
  }));
  return (
    <div className="result" data-testid="attr-result">
      <p>
        Chance that {question(s, summary.question)}: <b>{pct(summary.baseline.yes.share)}</b> with every
        factor present, {pct(summary.none.share)} with none ({int(summary.replicates)} complete sets of runs).
      </p>
      <FewRuns
        runs={summary.replicates}
        what={summary.replicates === 1 ? "complete set of runs" : "complete sets of runs"}
      />
      <h4>How much of that chance each factor accounts for (Shapley value, in points)</h4>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th>Factor</th>
              <th>Share of the chance</th>
              <th>95% interval</th>
              <th>Chance without it</th>
              <th>Chance with it alone</th>
            </tr>
          </thead>
          <tbody>
            {summary.factors.map((f) => (
              <tr key={f.id}>
                <td>{f.label}</td>
                <td>
                  <b>{points(f.shapley.value)}</b>
                  {f.shareOfEffect !== null && (
                    <span className="muted"> ({pct(f.shareOfEffect)} of the effect)</span>
                  )}
                </td>
                <td>
                  {points(f.shapley.lo)} to {points(f.shapley.hi)}
                </td>
                <td>{pct(f.without.share)}</td>
                <td>{pct(f.alone.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Bars rows={rows} series={[{ name: "Shapley value", className: "base" }]} />
    </div>
  );
}

export function SummaryView({ detail, summary }: { detail: ScenarioDetail; summary: ExperimentSummary }) {
  const s = detail.scenario;
  switch (summary.kind) {
    case "mc":
      return <MonteCarloResult s={s} summary={summary} />;
    case "whatif":
      return <WhatIfResult detail={detail} summary={summary} changes={null} />;
    case "attribute":
      return <AttributionResult s={s} summary={summary} />;
    case "sweep":
      return <SweepResult summary={summary} />;
    case "sensitivity":
      return <SensitivityResult summary={summary} />;
  }
}
