/**
 * Every endpoint of the HTTP API as an OpenAPI route: method, path, the zod schemas requests are checked
 * against, and what each answer holds. The server mounts its handlers on these routes (app.ts), the OpenAPI
 * document at /api/openapi.json is generated from them, and the dashboard's typed client takes its types
 * from `ApiType` below, so the three cannot drift apart. Pure: no Node imports (the dashboard imports the
 * type).
 */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import type { DiscoveryResult } from "../discovery/discover.ts";
import type { Fan } from "../experiments/fan.ts";
import { EXPERIMENT_KINDS } from "../experiments/types.ts";
import type { Replay } from "../replay/timeline.ts";
import {
  type ApiError,
  discoverQuerySchema,
  type ExperimentDetail,
  type ExperimentInfo,
  experimentRequestSchema,
  exportQuerySchema,
  type Limits,
  replayRequestSchema,
  type ScenarioDetail,
  type ScenarioListing,
} from "./contract.ts";

/** A shape too large to spell out here, typed for the client and documented as an object. */
const described = <T>(id: string, description: string) =>
  z.custom<T>().meta({ id, description, type: "object" } as { id: string; description: string });

export const apiErrorSchema = z
  .object({
    error: z.string().describe("what is wrong, in a sentence"),
    field: z.string().optional().describe("the request field at fault, where there is one"),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "ApiError", description: "Every 4xx and 5xx answer" });

export const limitsSchema = z
  .object({
    maxBodyBytes: z.number().int().describe("largest request body, in bytes"),
    maxRunsPerVariant: z.number().int().describe("most runs per variant in one experiment"),
    maxTotalRuns: z.number().int().describe("most runs in one experiment, over all its variants"),
    maxConcurrentExperiments: z.number().int().describe("experiments running at once (429 beyond)"),
    maxChanges: z.number().int().describe("most changes in one request"),
    maxExperimentSeconds: z
      .number()
      .describe("most estimated CPU seconds in one experiment, summed over its runs"),
    replayTimeoutSeconds: z.number().describe("wall-clock seconds a server-side replay may take"),
    maxReplayBytes: z.number().int().describe("largest replay answer, in bytes of JSON"),
    maxConcurrentReplays: z
      .number()
      .int()
      .describe("server-side replays running at once (429 beyond a short queue)"),
  })
  .meta({ id: "Limits" });

export const scenarioListingSchema = z
  .object({ id: z.string(), title: z.string(), description: z.string(), isDefault: z.boolean() })
  .meta({ id: "ScenarioListing" });

export const experimentInfoSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum(EXPERIMENT_KINDS),
    name: z.string(),
    scenario: z.string(),
    created: z.string().describe("ISO time"),
    status: z
      .enum(["running", "finished", "failed"])
      .describe("running (or stopped part-way, resumable), finished, or failed (resumable too)"),
    total: z.number().int(),
    done: z.number().int(),
    error: z.string().optional().describe("why it failed, when it did"),
    active: z.boolean().describe("whether this server process is running it now"),
  })
  .meta({ id: "ExperimentInfo" });

// The answers' schemas and the contract's interfaces must describe the same shapes: a change to one
// without the other fails the type check here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof apiErrorSchema>, ApiError>,
  Same<z.infer<typeof limitsSchema>, Limits>,
  Same<z.infer<typeof scenarioListingSchema>, ScenarioListing>,
  Same<z.infer<typeof experimentInfoSchema>, ExperimentInfo>,
] = [true, true, true, true];
void sameShapes;

const scenarioDetailSchema = described<ScenarioDetail>(
  "ScenarioDetail",
  "The validated scenario, its mechanisms (parameters, ranges, sources as full references), its factor-group question, its historical record and its lesson",
);
const replaySchema = described<Replay>(
  "Replay",
  "One history: the run (outcome, events, series) and the patronage network for every week",
);
const experimentDetailSchema = described<ExperimentDetail>(
  "ExperimentDetail",
  "An experiment as listed, with its plan's seed and variants and its summary (partial while it runs)",
);

const fansSchema = described<Fan[]>(
  "Fans",
  "Quantiles across runs of each kept series, tick by tick (median, 50% and 90% bands); empty when none is kept",
);
const discoverySchema = described<DiscoveryResult>(
  "DiscoveryResult",
  "Scenario discovery: PRIM's peeling trajectory and chosen box, or CART's tree, with coverage and density",
);

const json = <S extends z.ZodType>(schema: S, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const refusal = (description: string) => json(apiErrorSchema, description);
const experimentId = z.object({
  id: z.string().meta({ description: "experiment id (a positive whole number)", example: "3" }),
});

export const routes = {
  health: createRoute({
    method: "get",
    path: "/api/health",
    summary: "Liveness and the number of experiments running",
    responses: { 200: json(z.object({ ok: z.boolean(), running: z.number().int() }), "ok") },
  }),
  limits: createRoute({
    method: "get",
    path: "/api/limits",
    summary: "The limits in force",
    responses: { 200: json(limitsSchema, "the limits") },
  }),
  scenarios: createRoute({
    method: "get",
    path: "/api/scenarios",
    summary: "Built-in scenarios",
    responses: { 200: json(z.array(scenarioListingSchema), "the scenarios") },
  }),
  scenario: createRoute({
    method: "get",
    path: "/api/scenarios/{id}",
    summary: "A scenario with its mechanisms, question, historical record, bibliography and lesson",
    request: { params: z.object({ id: z.string().meta({ description: "scenario id" }) }) },
    responses: { 200: json(scenarioDetailSchema, "the scenario"), 404: refusal("unknown scenario") },
  }),
  replay: createRoute({
    method: "post",
    path: "/api/replay",
    summary: "Run one history on the server: the run (outcome, events, series) and the patronage network",
    request: {
      body: { required: true, content: { "application/json": { schema: replayRequestSchema } } },
    },
    responses: {
      200: json(replaySchema, "the history"),
      400: refusal(
        "invalid request, a change the scenario refuses, or a replay too large (the field is named)",
      ),
      403: refusal("written from another origin"),
      413: refusal("body too large"),
      415: refusal("not JSON"),
      429: refusal("too many replays running"),
      503: refusal("the replay ran past the server's time limit and was stopped"),
    },
  }),
  experiments: createRoute({
    method: "get",
    path: "/api/experiments",
    summary: "Stored experiments, newest first",
    responses: { 200: json(z.array(experimentInfoSchema), "the experiments") },
  }),
  startExperiment: createRoute({
    method: "post",
    path: "/api/experiments",
    summary: "Start a Monte Carlo, a what-if or a factor attribution; follow it at /events",
    request: {
      body: { required: true, content: { "application/json": { schema: experimentRequestSchema } } },
    },
    responses: {
      202: json(experimentInfoSchema, "started"),
      400: refusal("invalid request, or more runs or estimated computing than allowed (the field is named)"),
      403: refusal("written from another origin"),
      413: refusal("body too large"),
      415: refusal("not JSON"),
      429: refusal("too many experiments running"),
    },
  }),
  experiment: createRoute({
    method: "get",
    path: "/api/experiments/{id}",
    summary: "An experiment with its summary (partial while it runs)",
    request: { params: experimentId },
    responses: {
      200: json(experimentDetailSchema, "the experiment"),
      400: refusal("bad id"),
      404: refusal("unknown"),
    },
  }),
  events: createRoute({
    method: "get",
    path: "/api/experiments/{id}/events",
    summary: "Server-sent events: progress, then done (ExperimentDetail) or failed (ApiError)",
    request: { params: experimentId },
    responses: {
      200: {
        description: "text/event-stream",
        content: { "text/event-stream": { schema: z.string() } },
      },
      400: refusal("bad id"),
      404: refusal("unknown"),
    },
  }),
  resume: createRoute({
    method: "post",
    path: "/api/experiments/{id}/resume",
    summary:
      "Finish an experiment that stopped (the server or CLI was killed) or failed; send an empty JSON object",
    request: { params: experimentId },
    responses: {
      202: json(experimentInfoSchema, "resumed"),
      400: refusal("bad id"),
      403: refusal("written from another origin"),
      404: refusal("unknown"),
      409: refusal("finished, damaged in the store, or a stored plan this version will not run"),
      415: refusal("not JSON"),
      429: refusal("too many experiments running"),
    },
  }),
  report: createRoute({
    method: "get",
    path: "/api/experiments/{id}/report",
    summary:
      "The experiment's report as a self-contained HTML page: the factor-significance report of an attribution, else its figures, sensitivity chart and fan charts",
    request: { params: experimentId },
    responses: {
      200: { description: "the report", content: { "text/html": { schema: z.string() } } },
      404: refusal("unknown"),
    },
  }),
  fans: createRoute({
    method: "get",
    path: "/api/experiments/{id}/fans",
    summary: "Quantiles across runs of each kept series, tick by tick (median, 50% and 90% bands)",
    request: { params: experimentId },
    responses: { 200: json(fansSchema, "the fans"), 404: refusal("unknown") },
  }),
  discover: createRoute({
    method: "get",
    path: "/api/experiments/{id}/discover",
    summary: "Scenario discovery (PRIM or CART) over an experiment with design points and a yes/no outcome",
    request: { params: experimentId, query: discoverQuerySchema },
    responses: {
      200: json(discoverySchema, "the discovery"),
      400: refusal("no design points, an outcome that is not yes/no, or one that never varies"),
      404: refusal("unknown"),
    },
  }),
  export: createRoute({
    method: "get",
    path: "/api/experiments/{id}/export",
    summary: "The runs (one row per run) or the kept series (long format) as a CSV or Parquet download",
    request: { params: experimentId, query: exportQuerySchema },
    responses: {
      200: {
        description: "text/csv or application/vnd.apache.parquet",
        content: {
          "text/csv": { schema: z.string() },
          "application/vnd.apache.parquet": { schema: z.string() },
        },
      },
      400: refusal("bad format or table"),
      404: refusal("unknown, or no series kept"),
    },
  }),
} as const;

/**
 * The API's routes chained on an app, for their types alone: the typed client (`hc<ApiType>`) reads each
 * path, method, request and answer from it. Never called; the server mounts real handlers in app.ts.
 */
function typed() {
  const h = null as never;
  return new OpenAPIHono()
    .openapi(routes.health, h)
    .openapi(routes.limits, h)
    .openapi(routes.scenarios, h)
    .openapi(routes.scenario, h)
    .openapi(routes.replay, h)
    .openapi(routes.experiments, h)
    .openapi(routes.startExperiment, h)
    .openapi(routes.experiment, h)
    .openapi(routes.resume, h)
    .openapi(routes.fans, h)
    .openapi(routes.discover, h);
}
export type ApiType = ReturnType<typeof typed>;
