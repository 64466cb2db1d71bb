/**
 * The HTTP API's request and response shapes, shared by the server (which validates requests with the zod
 * schemas) and the dashboard (which imports the types only). Every path is under `/api`; the OpenAPI
 * document at `/api/openapi.json` is generated from these schemas.
 */
import { z } from "zod";
import type { Bibliography } from "../bibliography/bibliography.ts";
import type { MechanismInfo } from "../catalog/catalog.ts";
import type { ExperimentSummary } from "../experiments/summarize.ts";
import type { ExperimentListing } from "../experiments/types.ts";
import type { HistoryRecord } from "../history/record.ts";
import type { Lesson } from "../lesson/lesson.ts";
import { PathError, parsePath } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";

import { DEFAULT_LIMITS } from "./limits.ts";

export { DEFAULT_LIMITS, type Limits } from "./limits.ts";

const SEED_MAX = 2 ** 31 - 1;
const idText = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "must be a lower-case id (letters, digits, dashes)");

/** One scenario change, as `--set path=value` on the command line. */
export const changeSchema = z
  .object({
    path: z
      .string()
      .min(1)
      .max(200)
      .superRefine((path, ctx) => {
        // The scenario's own path grammar: what the patcher would refuse is refused here, as a 400.
        try {
          parsePath(path);
        } catch (err) {
          if (!(err instanceof PathError)) throw err;
          ctx.addIssue({
            code: "custom",
            message: `${err.message} (a scenario path looks like mechanisms.patronage.enabled or people.some-id.attributes.prestige)`,
          });
        }
      }),
    value: z.union([z.number(), z.boolean(), z.string().max(200)]),
  })
  .strict();
export type Change = z.infer<typeof changeSchema>;

const changesSchema = z.array(changeSchema).max(DEFAULT_LIMITS.maxChanges).default([]);

/** POST /api/replay: one history, run on the server (the dashboard runs these in a Web Worker instead). */
export const replayRequestSchema = z
  .object({
    scenario: idText.describe("built-in scenario id"),
    seed: z.number().int().min(0).max(SEED_MAX),
    changes: changesSchema,
    until: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
      .refine((d) => {
        const ms = Date.parse(`${d}T00:00:00Z`);
        // Round-trip the date: Date.parse rolls impossible days (Feb 30) over into the next month.
        return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
      }, "must be a real calendar date")
      .optional(),
  })
  .strict();
export type ReplayRequest = z.input<typeof replayRequestSchema>;

/** POST /api/experiments: a Monte Carlo, a what-if (changes against the baseline) or a factor attribution. */
export const experimentRequestSchema = z
  .object({
    kind: z.enum(["mc", "whatif", "attribute"]),
    scenario: idText,
    runs: z.number().int().min(1).max(DEFAULT_LIMITS.maxRunsPerVariant).describe("runs per variant"),
    seed: z.number().int().min(0).max(SEED_MAX).default(1),
    changes: changesSchema.describe("mc: the scenario changed; whatif: the change tested; attribute: unused"),
    name: z.string().max(200).optional(),
    series: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, "must be a measure name like members"))
      .min(1)
      .max(32)
      .optional()
      .describe("per-tick series each run keeps (measures of the run's series), for fan charts and export"),
  })
  .strict();
export type ExperimentRequest = z.input<typeof experimentRequestSchema>;

/** GET /api/scenarios */
export interface ScenarioListing {
  id: string;
  title: string;
  description: string;
  isDefault: boolean;
}

/**
 * GET /api/scenarios/{id}: the validated scenario, its mechanisms, the factor-group question if any, and
 * for the classroom the historical record to set beside a replay and the full references of its sources.
 */
export interface ScenarioDetail {
  scenario: Scenario;
  mechanisms: MechanismInfo[];
  factors: {
    question: { text: string; leader: string; by: string };
    groups: { id: string; label: string }[];
  } | null;
  history: HistoryRecord | null;
  bibliography: Bibliography | null;
  lesson: Lesson | null;
}

/** An experiment as listed (GET /api/experiments) and, with its summary, shown (GET /api/experiments/{id}). */
export interface ExperimentInfo extends ExperimentListing {
  /** Whether this server process is running it now. */
  active: boolean;
}

export interface ExperimentDetail extends ExperimentInfo {
  seed: number;
  runsPerVariant: number;
  variants: string[];
  summary: ExperimentSummary;
  /** Series each run keeps (empty when none): fan charts and the series export exist for these. */
  series: string[];
  /** Whether the variants are design points (sweeps, sensitivity designs): scenario discovery applies. */
  hasPoints: boolean;
}

/** GET /api/experiments/{id}/discover: query parameters. */
export const discoverQuerySchema = z
  .object({
    outcome: z
      .string()
      .min(1)
      .max(100)
      .default("yes")
      .describe('a yes/no outcome: "yes", "not yes", "members < 1000000"...'),
    method: z.enum(["prim", "cart"]).default("prim"),
    leader: idText.optional().describe("ask the question of this leader instead"),
    by: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
      .optional(),
    minCoverage: z.coerce
      .number()
      .gt(0)
      .lt(1)
      .optional()
      .describe("PRIM: choose the densest box with this coverage"),
  })
  .strict();

/** GET /api/experiments/{id}/export: which table, in which format. */
export const exportQuerySchema = z
  .object({
    format: z.enum(["csv", "parquet"]).default("csv"),
    table: z.enum(["runs", "series"]).default("runs"),
  })
  .strict();

/**
 * GET /api/experiments/{id}/events is a server-sent event stream:
 * - `progress`: {@link ProgressMessage}, at most a few a second while it runs;
 * - `done`: the {@link ExperimentDetail}, once, then the stream ends;
 * - `failed`: {@link ApiError}, then the stream ends.
 */
export interface ProgressMessage {
  id: number;
  done: number;
  total: number;
  /** Runs per second in this process so far. */
  rate: number;
}

/** Every 4xx and 5xx body. `field` names the request field at fault where there is one. */
export interface ApiError {
  error: string;
  field?: string;
  issues?: { path: string; message: string }[];
}
