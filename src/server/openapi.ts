/**
 * The API's OpenAPI 3.1 document, served at /api/openapi.json. Request bodies come straight from the zod
 * schemas the server validates with, so the document cannot drift from what is enforced.
 */
import { z } from "zod";
import {
  discoverQuerySchema,
  experimentRequestSchema,
  exportQuerySchema,
  type Limits,
  replayRequestSchema,
} from "./contract.ts";

const json = (schema: unknown) => ({ "application/json": { schema } });
const errorRef = { $ref: "#/components/schemas/ApiError" };
const refusal = (description: string) => ({ description, content: json(errorRef) });
const idParam = {
  name: "id",
  in: "path",
  required: true,
  description: "experiment id (a positive whole number)",
  schema: { type: "integer", minimum: 1 },
};
const anyObject = { type: "object", additionalProperties: true };

/** Query parameters from a zod object schema: one entry per field, with its JSON Schema. */
function queryParams(schema: z.ZodObject) {
  const js = z.toJSONSchema(schema, { io: "input" }) as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(js.properties ?? {}).map(([name, sch]) => ({
    name,
    in: "query",
    required: js.required?.includes(name) ?? false,
    schema: sch,
  }));
}

/** The document, with the limits in force written into its descriptions. */
export function openApiDocument(limits: Limits): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: {
      title: "Apparat API",
      version: "1",
      description: [
        "Replays and experiments of the Apparat simulation. Every request body is JSON, at most",
        `${limits.maxBodyBytes} bytes; an experiment has at most ${limits.maxRunsPerVariant} runs per variant and`,
        `${limits.maxTotalRuns} runs in all; at most ${limits.maxConcurrentExperiments} run at once (429 beyond).`,
        "Refusals are 4xx with an ApiError body naming the field at fault.",
      ].join(" "),
    },
    paths: {
      "/api/health": {
        get: { summary: "Liveness and running experiments", responses: { 200: { description: "ok" } } },
      },
      "/api/limits": {
        get: { summary: "The limits in force", responses: { 200: { description: "Limits" } } },
      },
      "/api/scenarios": {
        get: { summary: "Built-in scenarios", responses: { 200: { description: "ScenarioListing[]" } } },
      },
      "/api/scenarios/{id}": {
        get: {
          summary: "A scenario with its mechanisms (parameters, ranges, sources) and its question",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: { 200: { description: "ScenarioDetail" }, 404: refusal("unknown scenario") },
        },
      },
      "/api/replay": {
        post: {
          summary:
            "Run one history on the server: the run (outcome, events, series) and the patronage network",
          requestBody: {
            required: true,
            content: json(z.toJSONSchema(replayRequestSchema, { io: "input" })),
          },
          responses: {
            200: { description: "Replay", content: json(anyObject) },
            400: refusal("invalid request (the field is named)"),
            413: refusal("body too large"),
          },
        },
      },
      "/api/experiments": {
        get: {
          summary: "Stored experiments, newest first",
          responses: { 200: { description: "ExperimentInfo[]" } },
        },
        post: {
          summary: "Start a Monte Carlo, a what-if or a factor attribution; follow it at /events",
          requestBody: {
            required: true,
            content: json(z.toJSONSchema(experimentRequestSchema, { io: "input" })),
          },
          responses: {
            202: { description: "ExperimentInfo: started" },
            400: refusal("invalid request (the field is named)"),
            413: refusal("body too large"),
            429: refusal("too many experiments running"),
          },
        },
      },
      "/api/experiments/{id}": {
        get: {
          summary: "An experiment with its summary (partial while it runs)",
          parameters: [idParam],
          responses: {
            200: { description: "ExperimentDetail" },
            400: refusal("bad id"),
            404: refusal("unknown"),
          },
        },
      },
      "/api/experiments/{id}/events": {
        get: {
          summary: "Server-sent events: progress, then done (ExperimentDetail) or failed (ApiError)",
          parameters: [idParam],
          responses: {
            200: {
              description: "text/event-stream",
              content: { "text/event-stream": { schema: { type: "string" } } },
            },
            400: refusal("bad id"),
            404: refusal("unknown"),
          },
        },
      },
      "/api/experiments/{id}/resume": {
        post: {
          summary: "Finish an experiment that stopped (the server or CLI was killed)",
          parameters: [idParam],
          responses: {
            202: { description: "ExperimentInfo" },
            404: refusal("unknown"),
            409: refusal("finished"),
          },
        },
      },
      "/api/experiments/{id}/report": {
        get: {
          summary:
            "The experiment's report as a self-contained HTML page: the factor-significance report of an attribution, else its figures, sensitivity chart and fan charts",
          parameters: [idParam],
          responses: { 200: { description: "text/html" }, 404: refusal("unknown") },
        },
      },
      "/api/experiments/{id}/fans": {
        get: {
          summary:
            "Quantiles across runs of each kept series, tick by tick (median, 50% and 90% bands): Fan[]",
          parameters: [idParam],
          responses: {
            200: { description: "Fan[] (empty when the experiment keeps no series)" },
            404: refusal("unknown"),
          },
        },
      },
      "/api/experiments/{id}/discover": {
        get: {
          summary:
            "Scenario discovery (PRIM or CART) over an experiment with design points and a yes/no outcome",
          parameters: [idParam, ...queryParams(discoverQuerySchema)],
          responses: {
            200: { description: "DiscoveryResult" },
            400: refusal("no design points, an outcome that is not yes/no, or one that never varies"),
            404: refusal("unknown"),
          },
        },
      },
      "/api/experiments/{id}/export": {
        get: {
          summary: "The runs (one row per run) or the kept series (long format) as a CSV or Parquet download",
          parameters: [idParam, ...queryParams(exportQuerySchema)],
          responses: {
            200: { description: "text/csv or application/vnd.apache.parquet" },
            400: refusal("bad format or table"),
            404: refusal("unknown, or no series kept"),
          },
        },
      },
    },
    components: {
      schemas: {
        ApiError: {
          type: "object",
          required: ["error"],
          properties: {
            error: { type: "string" },
            field: { type: "string" },
            issues: {
              type: "array",
              items: {
                type: "object",
                properties: { path: { type: "string" }, message: { type: "string" } },
              },
            },
          },
        },
      },
    },
  };
}
