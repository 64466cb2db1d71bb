// One experiment on the server, followed live: start or resume it (POST), stream its progress (SSE), keep the
// result.
// Held by the App so an experiment keeps running and reporting while the user looks at another tab.
import { useCallback, useEffect, useRef, useState } from "react";
import type {
  ExperimentDetail,
  ExperimentInfo,
  ExperimentRequest,
  ProgressMessage,
} from "../../src/server/contract.ts";
import { ApiFailure, api, type ExperimentStream, followExperiment } from "./api.ts";

export interface ExperimentState {
  phase: "idle" | "starting" | "running" | "done" | "error";
  id: number | null;
  progress: ProgressMessage | null;
  detail: ExperimentDetail | null;
  error: string | null;
}

/** Whether an experiment is being started or is running (its form should not start another). */
export const isBusy = (s: ExperimentState) => s.phase === "starting" || s.phase === "running";

const IDLE: ExperimentState = { phase: "idle", id: null, progress: null, detail: null, error: null };

export interface ExperimentHandle {
  state: ExperimentState;
  start(req: ExperimentRequest): void;
  /** Finishes a stored experiment that stopped part-way. */
  resume(id: number): void;
  /** Shows an experiment that already finished (from the stored list). */
  show(detail: ExperimentDetail): void;
}

export function useExperiment(onFinished?: () => void): ExperimentHandle {
  const [state, setState] = useState<ExperimentState>(IDLE);
  const stream = useRef<ExperimentStream | null>(null);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  useEffect(() => () => stream.current?.close(), []);

  const follow = useCallback((started: Promise<ExperimentInfo>) => {
    stream.current?.close();
    setState({ ...IDLE, phase: "starting" });
    started.then(
      (info) => {
        setState({
          phase: "running",
          id: info.id,
          progress: { id: info.id, done: info.done, total: info.total, rate: 0 },
          detail: null,
          error: null,
        });
        finished.current?.();
        stream.current = followExperiment(info.id, {
          progress: (p) =>
            setState((s) => (s.id === p.id && s.phase === "running" ? { ...s, progress: p } : s)),
          done: (d) => {
            setState((s) => ({ ...s, phase: "done", detail: d }));
            finished.current?.();
          },
          failed: (message) => {
            setState((s) => ({ ...s, phase: "error", error: message }));
            finished.current?.();
          },
        });
      },
      (err: unknown) => {
        const message = err instanceof ApiFailure ? err.message : String(err);
        setState({ ...IDLE, phase: "error", error: message });
      },
    );
  }, []);

  const start = useCallback((req: ExperimentRequest) => follow(api.startExperiment(req)), [follow]);
  const resume = useCallback((id: number) => follow(api.resumeExperiment(id)), [follow]);

  const show = useCallback((detail: ExperimentDetail) => {
    stream.current?.close();
    setState({ phase: "done", id: detail.id, progress: null, detail, error: null });
  }, []);

  return { state, start, resume, show };
}
