// The live state of a server experiment: its refusal or failure, and while it runs a bar with
// "n / N runs, x runs/s".

import { int } from "./format.ts";
import type { ExperimentState } from "./useExperiment.ts";

export function ExperimentProgress({ state }: { state: ExperimentState }) {
  if (state.phase === "starting") return <p className="muted">Starting the experiment on the server…</p>;
  if (state.phase !== "running" || !state.progress) return null;
  const { done, total, rate } = state.progress;
  const share = total > 0 ? done / total : 0;
  const eta = rate > 0 ? Math.ceil((total - done) / rate) : null;
  return (
    <div
      className="progress"
      data-testid="experiment-progress"
      role="progressbar"
      aria-valuemin={0}
      aria-valuenow={done}
      aria-valuemax={total}
      aria-label="Experiment progress"
    >
      <div className="progress-bar">
        <div className="progress-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
      <span className="progress-text">
        {int(done)} / {int(total)} runs, {rate.toFixed(1)} runs/s
        {eta !== null && done < total ? ` — about ${int(eta)} s left` : ""}
      </span>
    </div>
  );
}

/** The experiment's error (if any) and its progress, as every experiment form shows them. */
export function ExperimentFeedback({ state, errorTestId }: { state: ExperimentState; errorTestId: string }) {
  return (
    <>
      {state.phase === "error" && (
        <p className="error" role="alert" data-testid={errorTestId}>
          {state.error}
        </p>
      )}
      <ExperimentProgress state={state} />
    </>
  );
}

/**
 * Why the server's experiments are off for a scenario: it has no factor-group file, so no question to measure.
 */
export function NoQuestion({ id }: { id: string }) {
  return (
    <p className="muted small" data-testid="no-question">
      No question to measure for this scenario: it has no factor-group file (factors/{id}.yaml), so the server
      cannot run its experiments. Write one (see docs/experiments.md) to ask which leader prevails and by
      when.
    </p>
  );
}
