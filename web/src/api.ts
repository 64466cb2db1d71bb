// Typed client for the server's HTTP API (same origin, under /api), from hono's client and the server's
// route definitions, and the experiments' progress stream.
import { hc } from "hono/client";
import type { DiscoveryResult } from "../../src/discovery/discover.ts";
import type {
  ApiError,
  ExperimentDetail,
  ExperimentRequest,
  ProgressMessage,
} from "../../src/server/contract.ts";
import type { ApiType } from "../../src/server/routes.ts";

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

/** The success answer's JSON type of a typed client call. */
type Success<R> = R extends { ok: true; json(): Promise<infer T> } ? T : never;

/** Awaits a typed call: the JSON of a success, or an ApiFailure carrying the server's refusal. */
async function answer<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  call: () => Promise<R>,
  what: string,
): Promise<Success<R>> {
  let res: R;
  try {
    res = await call();
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
    throw new ApiFailure(res.status, body, `${what} failed`);
  }
  return (await res.json()) as Success<R>;
}

/** hono's client typed by the server's own routes: paths, bodies and answers cannot drift from the server. */
const client = hc<ApiType>("/");

export const api = {
  scenarios: () => answer(() => client.api.scenarios.$get(), "GET /api/scenarios"),
  scenario: (id: string) =>
    answer(() => client.api.scenarios[":id"].$get({ param: { id } }), `GET /api/scenarios/${id}`),
  limits: () => answer(() => client.api.limits.$get(), "GET /api/limits"),
  experiments: () => answer(() => client.api.experiments.$get(), "GET /api/experiments"),
  experiment: (id: number) =>
    answer(
      () => client.api.experiments[":id"].$get({ param: { id: String(id) } }),
      `GET /api/experiments/${id}`,
    ),
  startExperiment: (body: ExperimentRequest) =>
    answer(() => client.api.experiments.$post({ json: body }), "POST /api/experiments"),
  // Every write sends JSON, the resume an empty object: the server refuses anything else (a guard against
  // cross-site requests).
  resumeExperiment: (id: number) =>
    answer(
      () =>
        client.api.experiments[":id"].resume.$post(
          { param: { id: String(id) } },
          { init: { headers: { "content-type": "application/json" }, body: "{}" } },
        ),
      `POST /api/experiments/${id}/resume`,
    ),
  reportUrl: (id: number) => `/api/experiments/${id}/report`,
  fans: (id: number) =>
    answer(
      () => client.api.experiments[":id"].fans.$get({ param: { id: String(id) } }),
      `GET /api/experiments/${id}/fans`,
    ),
  // A CART tree is recursive, which hono's JSON typing flattens: the result is the server's own type.
  discover: (id: number, query: Record<string, string>) =>
    answer(
      () => client.api.experiments[":id"].discover.$get({ param: { id: String(id) }, query }),
      `GET /api/experiments/${id}/discover`,
    ) as Promise<unknown> as Promise<DiscoveryResult>,
  exportUrl: (id: number, format: "csv" | "parquet", table: "runs" | "series") =>
    `/api/experiments/${id}/export?format=${format}&table=${table}`,
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
