/**
 * The API's OpenAPI 3.1 document, served at /api/openapi.json. Request bodies come straight from the zod
 * schemas the server validates with, so the document cannot drift from what is enforced.
 */
import { z } from "zod";
import { experimentRequestSchema, type Limits, replayRequestSchema } from "./contract.ts";

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
        `An experiment's estimated computing is at most ${Math.round(limits.maxExperimentSeconds / 60)} CPU-minutes;`,
        `a server-side replay takes at most ${limits.replayTimeoutSeconds} s and ${limits.maxReplayBytes} bytes.`,
        "Every scenario, changed or not, is held to the resource limits of docs/reliability.md.",
        "Every POST must send Content-Type: application/json (415 otherwise) and, when it names an Origin,",
        "come from this server's own origin (403 otherwise): pages on other sites cannot write.",
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
            400: refusal(
              "invalid request, a change the scenario refuses, or a replay too large (the field is named)",
            ),
            403: refusal("written from another origin"),
            413: refusal("body too large"),
            415: refusal("not JSON"),
            429: refusal("too many replays running"),
            503: refusal("the replay ran past the server's time limit and was stopped"),
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
            400: refusal(
              "invalid request, or more runs or estimated computing than allowed (the field is named)",
            ),
            403: refusal("written from another origin"),
            413: refusal("body too large"),
            415: refusal("not JSON"),
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
          summary: "Finish an experiment that stopped or failed (send an empty JSON object)",
          parameters: [idParam],
          responses: {
            202: { description: "ExperimentInfo" },
            403: refusal("written from another origin"),
            404: refusal("unknown"),
            409: refusal("finished, damaged in the store, or a stored plan this version will not run"),
            415: refusal("not JSON"),
            429: refusal("too many experiments running"),
          },
        },
      },
      "/api/experiments/{id}/report": {
        get: {
          summary: "The factor-significance report of an attribution, as a self-contained HTML page",
          parameters: [idParam],
          responses: { 200: { description: "text/html" }, 404: refusal("unknown, or not an attribution") },
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
