// The status line of a run in the browser: running, done (with the run's digest for checking), or an error.
import type { LocalRun } from "./engine.ts";
import { int } from "./format.ts";

export type RunStatus =
  | { state: "idle" }
  | { state: "running"; seed: number }
  | { state: "done"; run: LocalRun }
  | { state: "error"; seed: number; message: string; issues: { path: string; message: string }[] };

export function RunStatusLine({ status, testId = "replay-status" }: { status: RunStatus; testId?: string }) {
  if (status.state === "done") {
    const weeks = status.run.replay.result.series.dates.length;
    return (
      <output
        className="status done"
        data-testid={testId}
        data-state="done"
        data-digest={status.run.digest}
        data-seed={status.run.seed}
        data-scenario={status.run.replay.result.scenario.id}
        title={`SHA-256 of the result: ${status.run.digest}`}
      >
        Ran {int(weeks)} weeks in {int(status.run.ms)} ms in your browser (seed {status.run.seed}).
      </output>
    );
  }
  if (status.state === "running") {
    return (
      <output className="status running" data-testid={testId} data-state="running" data-seed={status.seed}>
        Running seed {status.seed}…
      </output>
    );
  }
  if (status.state === "error") {
    return (
      <output
        className="status error"
        data-testid={testId}
        data-state="error"
        data-seed={status.seed}
        role="alert"
      >
        This history cannot run: {status.message}
      </output>
    );
  }
  return (
    <output className="status" data-testid={testId} data-state="idle">
      Not run yet.
    </output>
  );
}
