// The live progress of a server experiment: a bar with "n / N runs, x runs/s" (shown while it runs).

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
