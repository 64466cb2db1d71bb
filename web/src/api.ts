// Typed client for the server's HTTP API (same origin, under /api): JSON fetches and the progress stream.
import type {
  ApiError,
  ExperimentDetail,
  ExperimentInfo,
  ExperimentRequest,
  Limits,
  ProgressMessage,
  ScenarioDetail,
  ScenarioListing,
} from "../../src/server/contract.ts";

/** An error answer of the API, readable as one message. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly body: ApiError | null;
  constructor(status: number, body: ApiError | null, fallback: string) {
    super(describeApiError(status, body, fallback));
    this.name = "ApiFailure";
    this.status = status;
    this.body = body;
  }
}

export function describeApiError(status: number, body: ApiError | null, fallback: string): string {
  if (!body) return `${fallback} (HTTP ${status})`;
  let text = body.error;
  if (status === 429) text = `The server is busy: ${body.error} Wait for a running experiment to finish.`;
  if (body.field) text += ` (field: ${body.field})`;
  if (body.issues?.length) text += ` — ${body.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`;
  return text;
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiFailure(0, null, "Cannot reach the server");
  }
  if (!res.ok) {
    let body: ApiError | null = null;
    try {
      body = (await res.json()) as ApiError;
    } catch {
      body = null;
    }
    throw new ApiFailure(res.status, body, `${init?.method ?? "GET"} ${path} failed`);
  }
  return (await res.json()) as T;
}

export const api = {
  scenarios: () => request<ScenarioListing[]>("/api/scenarios"),
  scenario: (id: string) => request<ScenarioDetail>(`/api/scenarios/${encodeURIComponent(id)}`),
  limits: () => request<Limits>("/api/limits"),
  experiments: () => request<ExperimentInfo[]>("/api/experiments"),
  experiment: (id: number) => request<ExperimentDetail>(`/api/experiments/${id}`),
  startExperiment: (body: ExperimentRequest) =>
    request<ExperimentInfo>("/api/experiments", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  // Every write sends JSON: the server refuses anything else (a guard against cross-site requests).
  resumeExperiment: (id: number) =>
    request<ExperimentInfo>(`/api/experiments/${id}/resume`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }),
  reportUrl: (id: number) => `/api/experiments/${id}/report`,
  openApiUrl: "/api/openapi.json",
};

export interface ExperimentStream {
  close(): void;
}

/** Follows an experiment's event stream until `done` or `failed`. */
export function followExperiment(
  id: number,
  on: {
    progress(p: ProgressMessage): void;
    done(d: ExperimentDetail): void;
    failed(message: string): void;
  },
): ExperimentStream {
  const source = new EventSource(`/api/experiments/${id}/events`);
  let finished = false;
  const finish = () => {
    finished = true;
    source.close();
  };
  source.addEventListener("progress", (ev) => on.progress(JSON.parse((ev as MessageEvent<string>).data)));
  source.addEventListener("done", (ev) => {
    finish();
    on.done(JSON.parse((ev as MessageEvent<string>).data));
  });
  source.addEventListener("failed", (ev) => {
    finish();
    const data = (ev as MessageEvent<string>).data;
    let message = "The experiment failed.";
    try {
      message = `The experiment failed: ${(JSON.parse(data) as ApiError).error}`;
    } catch {
      // keep the generic message
    }
    on.failed(message);
  });
  source.onerror = () => {
    if (finished) return;
    // EventSource reconnects by itself; if the stream is closed for good, fetch the final state once.
    if (source.readyState === EventSource.CLOSED) {
      finish();
      api.experiment(id).then(
        (d) =>
          d.status === "finished"
            ? on.done(d)
            : on.failed(`The connection to the server was lost (${d.status}).`),
        () => on.failed("The connection to the server was lost."),
      );
    }
  };
  return { close: finish };
}
