// The Experiments tab: start a Monte Carlo or a factor attribution on the server and follow it live; browse
// the stored experiments, open one's summary, and read an attribution's factor report.
import { useCallback, useEffect, useState } from "react";
import type { ExperimentDetail, ExperimentInfo, Limits, ScenarioDetail } from "../../src/server/contract.ts";
import { ApiFailure, api } from "./api.ts";
import { ExperimentFeedback, NoQuestion } from "./ExperimentProgress.tsx";
import { int, momentText } from "./format.ts";
import { PrebuiltReport } from "./PrebuiltReport.tsx";
import { AttributionResult, MonteCarloResult, SummaryView } from "./Summaries.tsx";
import { ExperimentTools } from "./toolkit/ExperimentTools.tsx";
import { type ExperimentHandle, isBusy } from "./useExperiment.ts";
import { WholeNumberInput } from "./WholeNumberInput.tsx";

interface Props {
  detail: ScenarioDetail;
  mc: ExperimentHandle;
  attr: ExperimentHandle;
  /** Follows an experiment resumed from the stored list. */
  resumed: ExperimentHandle;
  onStartMc(runs: number, seed: number): void;
  onStartAttr(runs: number, seed: number): void;
  version: number;
  limits: Limits | null;
}

const KIND: Record<string, string> = {
  mc: "Monte Carlo",
  whatif: "What-if",
  attribute: "Attribution",
  sweep: "Sweep",
  sensitivity: "Sensitivity",
};

export function ExperimentsView(p: Props) {
  const [mcRuns, setMcRuns] = useState(200);
  const [mcSeed, setMcSeed] = useState(1);
  const [attrRuns, setAttrRuns] = useState(10);
  const [attrSeed, setAttrSeed] = useState(1);
  const [list, setList] = useState<ExperimentInfo[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [shown, setShown] = useState<ExperimentDetail | null>(null);
  const [shownError, setShownError] = useState<string | null>(null);
  const [report, setReport] = useState<number | null>(null);

  const refresh = useCallback(() => {
    api.experiments().then(
      (xs) => {
        setList(xs);
        setListError(null);
      },
      (e: unknown) => setListError(e instanceof ApiFailure ? e.message : String(e)),
    );
  }, []);

  useEffect(() => {
    void p.version;
    refresh();
  }, [refresh, p.version]);

  const open = (id: number) => {
    setShownError(null);
    api
      .experiment(id)
      .then(setShown, (e: unknown) => setShownError(e instanceof ApiFailure ? e.message : String(e)));
  };

  const s = p.detail.scenario;
  const groups = p.detail.factors?.groups.length ?? 0;

  return (
    <div className="experiments" data-testid="experiments-view">
      <div className="exp-forms">
        <section className="panel">
          <h2>Monte Carlo: many histories</h2>
          <p className="muted small">
            Runs the scenario with many seeds: how often each outcome happens, when, and in what order rivals
            fall.
          </p>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              p.onStartMc(mcRuns, mcSeed);
            }}
          >
            <WholeNumberInput label="Runs" testId="mc-runs" value={mcRuns} min={1} onChange={setMcRuns} />
            <WholeNumberInput label="Seed" testId="mc-seed" value={mcSeed} min={0} onChange={setMcSeed} />
            <button
              type="submit"
              className="primary"
              data-testid="mc-start"
              disabled={!p.detail.factors || isBusy(p.mc.state)}
            >
              Start
            </button>
          </form>
          {!p.detail.factors && <NoQuestion id={s.id} />}
          <ExperimentFeedback state={p.mc.state} errorTestId="mc-error" />
          {p.mc.state.phase === "done" && p.mc.state.detail?.summary.kind === "mc" && (
            <MonteCarloResult s={s} summary={p.mc.state.detail.summary} />
          )}
        </section>

        <section className="panel">
          <h2>Factor attribution</h2>
          <PrebuiltReport scenario={s.id} />
          <p className="muted small">
            {p.detail.factors
              ? `${p.detail.factors.question.text} Runs every combination of ${groups} factors present or removed (${int(2 ** groups)} combinations) and splits the chance among them.`
              : "This scenario has no factor groups."}
          </p>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              p.onStartAttr(attrRuns, attrSeed);
            }}
          >
            <WholeNumberInput
              label="Runs per combination"
              testId="attr-runs"
              value={attrRuns}
              min={1}
              onChange={setAttrRuns}
            />
            <WholeNumberInput
              label="Seed"
              testId="attr-seed"
              value={attrSeed}
              min={0}
              onChange={setAttrSeed}
            />
            <button
              type="submit"
              className="primary"
              data-testid="attr-start"
              disabled={!p.detail.factors || isBusy(p.attr.state)}
            >
              Start
            </button>
          </form>
          {groups > 0 && <p className="muted small">Total: {int(attrRuns * 2 ** groups)} runs.</p>}
          <ExperimentFeedback state={p.attr.state} errorTestId="attr-error" />
          {p.attr.state.phase === "done" && p.attr.state.detail?.summary.kind === "attribute" && (
            <>
              <AttributionResult s={s} summary={p.attr.state.detail.summary} />
              <button type="button" onClick={() => setReport(p.attr.state.detail?.id ?? null)}>
                Open report
              </button>
            </>
          )}
        </section>
      </div>

      <section className="panel">
        <header className="panel-head">
          <h2>Stored experiments</h2>
          <button type="button" onClick={refresh}>
            Refresh
          </button>
        </header>
        {listError && (
          <p className="error" role="alert">
            {listError}
          </p>
        )}
        <div className="table-scroll">
          <table className="table clickable" data-testid="experiments-list">
            <thead>
              <tr>
                <th>#</th>
                <th>Kind</th>
                <th>Name</th>
                <th>Status</th>
                <th>Runs done</th>
                <th>Created</th>
                <th>
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(list ?? []).map((x) => (
                <tr
                  key={x.id}
                  data-experiment-id={x.id}
                  data-kind={x.kind}
                  data-status={x.status}
                  className={shown?.id === x.id ? "selected" : ""}
                  onClick={() => open(x.id)}
                >
                  <td>{x.id}</td>
                  <td>{KIND[x.kind] ?? x.kind}</td>
                  <td>
                    {/* The row opens on a click; this button is the same for the keyboard. */}
                    <button
                      type="button"
                      className="link row-open"
                      onClick={(e) => {
                        e.stopPropagation();
                        open(x.id);
                      }}
                    >
                      {x.name}
                    </button>
                  </td>
                  <td title={x.error}>{x.active ? "running" : x.status}</td>
                  <td>
                    {int(x.done)} / {int(x.total)}
                  </td>
                  <td>{momentText(x.created)}</td>
                  <td>
                    {x.status !== "finished" && !x.active && (
                      <button
                        type="button"
                        data-testid="resume-experiment"
                        title={
                          x.status === "failed"
                            ? `This experiment failed (${x.error ?? "no reason stored"}): try the rest again`
                            : "This experiment stopped part-way (its server or command was stopped): run the rest"
                        }
                        disabled={isBusy(p.resumed.state)}
                        onClick={(e) => {
                          e.stopPropagation();
                          p.resumed.resume(x.id);
                        }}
                      >
                        Resume
                      </button>
                    )}
                    {x.kind === "attribute" && (
                      <button
                        type="button"
                        data-testid="open-report"
                        onClick={(e) => {
                          e.stopPropagation();
                          setReport(x.id);
                        }}
                      >
                        Open report
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {list && list.length === 0 && (
                <tr>
                  <td colSpan={7} className="muted">
                    No experiments stored yet.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <ExperimentFeedback state={p.resumed.state} errorTestId="resume-error" />
        {p.resumed.state.phase === "done" && p.resumed.state.detail && (
          <p className="muted" data-testid="resume-done">
            Experiment {p.resumed.state.detail.id} has finished: {int(p.resumed.state.detail.done)} runs
            stored. Click its row to see the results.
          </p>
        )}
        {shownError && (
          <p className="error" role="alert">
            {shownError}
          </p>
        )}
        {shown && (
          <div className="shown" data-testid="experiment-detail" data-experiment-id={shown.id}>
            <h3>
              Experiment {shown.id}: {KIND[shown.kind] ?? shown.kind} “{shown.name}” —{" "}
              {int(shown.runsPerVariant)} runs per variant, seed {shown.seed}
            </h3>
            <SummaryView detail={p.detail} summary={shown.summary} />
            <ExperimentTools detail={shown} scenario={p.detail} />
          </div>
        )}
      </section>

      {report !== null && (
        <section className="panel">
          <header className="panel-head">
            <h2>Factor report of experiment {report}</h2>
            <span>
              <a href={api.reportUrl(report)} target="_blank" rel="noreferrer">
                Open in a new window
              </a>{" "}
              <button type="button" onClick={() => setReport(null)}>
                Close
              </button>
            </span>
          </header>
          <iframe
            className="report"
            data-testid="report-frame"
            title={`Factor report of experiment ${report}`}
            src={api.reportUrl(report)}
          />
        </section>
      )}
    </div>
  );
}
