/**
 * The HTTP API (and, when built, the dashboard's files) as one hono app. Every request body is held to a size
 * limit and checked by the zod schemas of `contract.ts`; a bad request gets a 4xx whose JSON names the field.
 * Scenarios are the built-in ones only, loaded once at start: no endpoint reads a path from the request or
 * evaluates anything the client sends, beyond setting scenario fields through the scenario's own schema.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { TypedResponse } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { streamSSE } from "hono/streaming";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { Bibliography } from "../bibliography/bibliography.ts";
import { mechanismCatalogue } from "../catalog/catalog.ts";
import { DiscoveryError, discover } from "../discovery/discover.ts";
import type { FactorsFile } from "../experiments/factors.ts";
import { fansOf } from "../experiments/fan.ts";
import { OutcomeError } from "../experiments/outcomes.ts";
import {
  hours,
  PlanError,
  planAttribution,
  planMonteCarlo,
  planWhatIf,
  totalRuns,
} from "../experiments/plan.ts";
import { scenarioSeriesMeasures, seriesProblem } from "../experiments/series.ts";
import { summarize } from "../experiments/summarize.ts";
import type { ExperimentPlan, ExperimentRecord, Question } from "../experiments/types.ts";
import type { HistoryRecord } from "../history/record.ts";
import { namesOf } from "../kernel/narrative.ts";
import type { Lesson } from "../lesson/lesson.ts";
import type { Replay } from "../replay/timeline.ts";
import { reportInput } from "../report/build.ts";
import { experimentReport } from "../report/experimentReport.ts";
import { renderHtml } from "../report/index.ts";
import { ScenarioError } from "../scenario/load.ts";
import { applySets } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { exportTable } from "../store/export.ts";
import { type ResultsStore, StoreError } from "../store/store.ts";
import {
  type ApiError,
  type Change,
  type ExperimentDetail,
  type ExperimentInfo,
  exportQuerySchema,
  type Limits,
  type ScenarioDetail,
  type ScenarioListing,
} from "./contract.ts";
import { BusyError, type ExperimentEvent, type ExperimentManager } from "./experiments.ts";
import { estimateReplayBytes, ReplayRefused, type ReplayRunner } from "./replays.ts";
import { routes } from "./routes.ts";
import type { StaticFiles } from "./static.ts";

/** A built-in scenario with what the API needs of it, prepared once. */
export interface ServedScenario {
  scenario: Scenario;
  factors: FactorsFile | null;
  isDefault: boolean;
  /** The historical record set beside a replay, where the repository has one. */
  history?: HistoryRecord | null;
  /** Full references behind the scenario's source keys, where the repository has them. */
  bibliography?: Bibliography | null;
  /** A guided lesson for a class, where the repository has one. */
  lesson?: Lesson | null;
}

export interface AppOptions {
  scenarios: Map<string, ServedScenario>;
  store: ResultsStore;
  experiments: ExperimentManager;
  limits: Limits;
  /** Where server-side replays run: worker threads in a server, this thread in some tests. */
  replays: ReplayRunner;
  /** The built dashboard, or null to serve the API alone. */
  web: StaticFiles | null;
  /**
   * Host names the server answers to (from the Host header), or null for any. A server on loopback answers
   * only to loopback names, so a web page elsewhere cannot reach it by pointing its own name at 127.0.0.1.
   */
  allowedHosts?: string[] | null;
}

/** The host names of this machine's loopback interface. */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

/** The host name of a Host header, without the port ("[::1]:80" gives "[::1]"). */
function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.split(":")[0]!;
}

/** Methods that never change state; every other method is held to the cross-site checks. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The origin (scheme, host, port) an Origin header names, or null when it names none ("null", garbage). */
function originOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === "http:" || url.protocol === "https:" ? url.origin.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** A request the API refuses: the status and the body that says why. */
class ApiFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly body: ApiError,
  ) {
    super(body.error);
  }
}

const fail = (status: ContentfulStatusCode, error: string, field?: string, issues?: ApiError["issues"]) =>
  new ApiFailure(status, { error, ...(field ? { field } : {}), ...(issues ? { issues } : {}) });

function zodIssues(error: z.core.$ZodError): ApiError["issues"] {
  return error.issues.map((i) => {
    const path = i.path.map(String);
    if (i.code === "unrecognized_keys")
      return { path: [...path, ...i.keys].join("."), message: "unknown field" };
    return { path: path.join(".") || "(body)", message: i.message };
  });
}

/** Validation hook of every route: a 400 naming the first bad field and listing every issue. */
function refuse(result: { success: boolean; error?: z.core.$ZodError }): Response | undefined {
  if (result.success || !result.error) return undefined;
  const issues = zodIssues(result.error)!;
  const first = issues[0]!;
  return Response.json(
    { error: `${first.path}: ${first.message}`, field: first.path, issues } satisfies ApiError,
    { status: 400 },
  );
}

/** The scenario's refusal of a change, as a 400 naming the changes and listing every issue. */
function refusedChange(err: ScenarioError): ApiFailure {
  const issues = err.issues.map((i) => ({ path: i.path, message: i.message }));
  return fail(400, `changes: ${issues[0]?.path}: ${issues[0]?.message}`, "changes", issues);
}

/** The scenario with the changes applied through its own schema; a refused change is a 400. */
function changed(s: Scenario, changes: Change[]): Scenario {
  try {
    return applySets(s, changes, "changes");
  } catch (err) {
    throw err instanceof ScenarioError ? refusedChange(err) : err;
  }
}

/** A name that says what was asked, for an experiment started without one. */
function defaultName(req: { kind: string; runs: number; seed: number; changes: Change[] }): string {
  const changes = req.changes.map((c) => `${c.path}=${String(c.value)}`).join(", ");
  if (req.kind === "attribute")
    return `factor attribution, ${req.runs} runs per combination, seed ${req.seed}`;
  if (req.kind === "whatif") return `what-if ${changes}, ${req.runs} runs, seed ${req.seed}`;
  return `Monte Carlo, ${req.runs} runs, seed ${req.seed}${changes ? `, with ${changes}` : ""}`;
}

function info(rec: ExperimentRecord, active: boolean): ExperimentInfo {
  return {
    id: rec.id,
    kind: rec.plan.kind,
    name: rec.plan.name,
    scenario: rec.plan.scenario.id,
    created: rec.created,
    status: rec.status,
    done: rec.done,
    total: rec.total,
    ...(rec.error !== undefined ? { error: rec.error } : {}),
    active,
  };
}

/**
 * Builds the app. It holds no state of its own: scenarios, store and experiments are passed in.
 *
 * @example
 * const app = createApp({ scenarios, store, experiments, limits: DEFAULT_LIMITS, web: null });
 * const res = await app.request("/api/scenarios");
 */
export function createApp(o: AppOptions): OpenAPIHono {
  const app = new OpenAPIHono({ defaultHook: refuse });
  const { limits } = o;

  const served = (id: string, field?: string): ServedScenario => {
    const s = o.scenarios.get(id);
    if (s) return s;
    const known = [...o.scenarios.keys()].join(", ");
    throw fail(field ? 400 : 404, `unknown scenario "${id}" (built-in: ${known})`, field);
  };
  const experimentId = (text: string): number => {
    const id = /^[1-9]\d{0,15}$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(id))
      throw fail(400, `experiment id must be a positive whole number, got "${text}"`, "id");
    return id;
  };
  const record = (id: number): ExperimentRecord => {
    try {
      return o.store.experiment(id);
    } catch (err) {
      if (err instanceof StoreError && err.reason === "unknown-experiment")
        throw fail(404, `no experiment ${id} in the results store`, "id");
      throw err;
    }
  };
  const detail = (rec: ExperimentRecord): ExperimentDetail => ({
    ...info(rec, o.experiments.isActive(rec.id)),
    seed: rec.plan.seed,
    runsPerVariant: rec.plan.replicates,
    variants: rec.plan.variants.map((v) => v.label),
    summary: summarize(rec.plan, o.store.runs(rec.id)),
    series: rec.plan.series ?? [],
    hasPoints: rec.plan.variants.length > 0 && rec.plan.variants.every((v) => v.point !== undefined),
  });

  // An attribution's variants depend only on the scenario and its factor groups: they are built (and
  // validated) once per scenario, and each request takes a copy with its own seed, runs and name.
  const attributions = new Map<string, ExperimentPlan>();
  const attribution = (
    id: string,
    s: ServedScenario,
    base: { seed: number; replicates: number; name: string; series?: string[] },
  ): ExperimentPlan => {
    let one = attributions.get(id);
    if (!one) {
      one = planAttribution({
        scenario: s.scenario,
        seed: 0,
        replicates: 1,
        question: s.factors!.question,
        groups: s.factors!.groups,
      });
      attributions.set(id, one);
    }
    return {
      ...one,
      seed: base.seed,
      replicates: base.replicates,
      name: base.name,
      ...(base.series ? { series: base.series } : {}),
      estimatedSeconds: Math.round((one.estimatedSeconds ?? 0) * base.replicates),
    };
  };

  app.onError((err, c) => {
    if (err instanceof ApiFailure) return c.json(err.body, err.status);
    // A stored experiment that is damaged, or that this version will not run, is the request's subject at
    // fault, not the server: say what is wrong with it.
    if (err instanceof StoreError && err.reason === "corrupt")
      return c.json({ error: err.message, field: "id" } satisfies ApiError, 409);
    if (err instanceof ScenarioError)
      return c.json(
        {
          error: `the stored experiment cannot run: ${err.message}`,
          field: "id",
          issues: err.issues.map((i) => ({ path: i.path, message: i.message })),
        } satisfies ApiError,
        409,
      );
    if (err instanceof StoreError && err.reason === "busy")
      return c.json({ error: err.message } satisfies ApiError, 503);
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      const message = /json/i.test(err.message)
        ? `request body is not valid JSON: ${err.message}`
        : err.message;
      return c.json({ error: message || "bad request" } satisfies ApiError, status);
    }
    console.error(err);
    return c.json({ error: `internal error: ${err instanceof Error ? err.message : String(err)}` }, 500);
  });
  app.notFound((c) =>
    c.json({ error: `no such endpoint: ${c.req.method} ${c.req.path}` } satisfies ApiError, 404),
  );

  if (o.allowedHosts) {
    const allowed = new Set(o.allowedHosts);
    app.use("*", async (c, next) => {
      // Node's adapter builds the URL from the Host header; a Request made in process carries its host there.
      const host = hostName(c.req.header("host") ?? new URL(c.req.url).host);
      if (!allowed.has(host))
        return c.json(
          {
            error: `this server answers only to ${[...allowed].join(", ")}, not to host "${host}"`,
            field: "Host",
          },
          403,
        );
      await next();
    });
  }

  // Cross-site request forgery: a page on another origin must not be able to change anything here. Every
  // request that may change state must say it sends JSON (which a cross-site form or simple request cannot
  // send without a CORS preflight, and this server grants none), and, when a browser names the page's origin
  // (it does on every such request), come from this server's own origin.
  app.use("/api/*", async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/json\s*(;|$)/i.test(type))
      return c.json(
        {
          error: `${c.req.method} requests must send JSON with Content-Type: application/json${type ? `, not "${type.slice(0, 100)}"` : ""}`,
          field: "Content-Type",
        } satisfies ApiError,
        415,
      );
    const self = new URL(c.req.url).origin.toLowerCase();
    const origin = c.req.header("origin");
    if (origin !== undefined && originOf(origin) !== self)
      return c.json(
        {
          error: `requests that change state are accepted only from this server's own pages, not from origin "${origin.slice(0, 200)}"`,
          field: "Origin",
        } satisfies ApiError,
        403,
      );
    const site = c.req.header("sec-fetch-site");
    if (site !== undefined && site !== "same-origin" && site !== "none")
      return c.json(
        {
          error: `requests that change state are accepted only from this server's own pages (Sec-Fetch-Site: ${site.slice(0, 50)})`,
          field: "Sec-Fetch-Site",
        } satisfies ApiError,
        403,
      );
    await next();
  });

  app.use(
    "/api/*",
    bodyLimit({
      maxSize: limits.maxBodyBytes,
      onError: (c) =>
        c.json({ error: `request body larger than ${limits.maxBodyBytes} bytes`, field: "(body)" }, 413),
    }),
  );

  app.openapi(routes.health, (c) => c.json({ ok: true, running: o.experiments.running }, 200));
  app.openapi(routes.limits, (c) => c.json(limits, 200));
  app.get("/api/openapi.json", (c) =>
    c.json(
      app.getOpenAPI31Document({
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
      }),
    ),
  );

  app.openapi(routes.scenarios, (c) =>
    c.json(
      [...o.scenarios.values()].map(
        (s): ScenarioListing => ({
          id: s.scenario.id,
          title: s.scenario.title,
          description: s.scenario.description ?? "",
          isDefault: s.isDefault,
        }),
      ),
      200,
    ),
  );

  app.openapi(routes.scenario, (c) => {
    const s = served(c.req.valid("param").id);
    const body: ScenarioDetail = {
      scenario: s.scenario,
      mechanisms: mechanismCatalogue(s.scenario, s.bibliography ?? null),
      factors: s.factors
        ? {
            question: s.factors.question,
            groups: s.factors.groups.map((g) => ({ id: g.id, label: g.label })),
          }
        : null,
      history: s.history ?? null,
      bibliography: s.bibliography ?? null,
      lesson: s.lesson ?? null,
    };
    return c.json(body, 200);
  });

  app.openapi(routes.replay, async (c) => {
    const req = c.req.valid("json");
    // The changes go through the scenario's schema and limits (the run budget included) here, on this thread;
    // the run itself goes to a replay thread.
    const s = changed(served(req.scenario, "scenario").scenario, req.changes);
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
    const expected = estimateReplayBytes(s, req.until);
    if (expected > limits.maxReplayBytes)
      throw fail(
        400,
        `this replay would be about ${mb(expected)}, more than this server's limit of ${mb(limits.maxReplayBytes)}: shorten the calendar, make the scenario smaller, or stop earlier with until`,
        req.changes.length > 0 ? "changes" : "until",
      );
    let out: Awaited<ReturnType<ReplayRunner["run"]>>;
    try {
      out = await o.replays.run({
        scenario: s,
        seed: req.seed,
        maxBytes: limits.maxReplayBytes,
        ...(req.until ? { until: req.until } : {}),
      });
    } catch (err) {
      if (err instanceof ReplayRefused && err.reason === "busy") throw fail(429, err.message);
      if (err instanceof ReplayRefused && err.reason === "timeout") throw fail(503, err.message);
      throw err;
    }
    if ("tooLarge" in out)
      throw fail(
        400,
        `this replay is ${mb(out.tooLarge)}, more than this server's limit of ${mb(limits.maxReplayBytes)}: stop earlier with until`,
        req.changes.length > 0 ? "changes" : "until",
      );
    // The replay thread sends its answer already serialised (its size checked there): it goes out as it is,
    // typed as the route's JSON answer.
    return c.body(out.json, 200, { "content-type": "application/json" }) as unknown as TypedResponse<
      Replay,
      200,
      "json"
    >;
  });

  app.openapi(routes.startExperiment, async (c) => {
    const req = c.req.valid("json");
    const s = served(req.scenario, "scenario");
    if (!s.factors)
      throw fail(
        400,
        `scenario "${req.scenario}" has no question to measure: it has no factor-group file (factors/${req.scenario}.yaml)`,
        "scenario",
      );
    const question: Question = s.factors.question;
    if (req.series) {
      const problem = seriesProblem(req.series, scenarioSeriesMeasures(s.scenario));
      if (problem) throw fail(400, `series: ${problem}`, "series");
    }
    const base = {
      scenario: s.scenario,
      seed: req.seed,
      replicates: req.runs,
      question,
      name: req.name ?? defaultName(req),
      ...(req.series ? { series: req.series } : {}),
    };
    if (req.runs > limits.maxRunsPerVariant)
      throw fail(400, `runs: at most ${limits.maxRunsPerVariant} runs per variant on this server`, "runs");
    // What can be refused without building the plan is refused first: building one validates every variant
    // on this thread, and an attribution has 2^groups of them.
    const variants = req.kind === "attribute" ? 2 ** s.factors.groups.length : req.kind === "whatif" ? 2 : 1;
    if (variants * req.runs > limits.maxTotalRuns)
      throw fail(
        400,
        `${variants} variants x ${req.runs} runs = ${variants * req.runs} runs, more than this server's limit of ${limits.maxTotalRuns}`,
        "runs",
      );
    // The plan applies every variant's changes once, through the scenario's schema.
    let plan: ExperimentPlan;
    try {
      if (req.kind === "mc") plan = planMonteCarlo({ ...base, scenario: changed(s.scenario, req.changes) });
      else if (req.kind === "whatif") plan = planWhatIf({ ...base, sets: req.changes });
      else plan = attribution(req.scenario, s, base);
    } catch (err) {
      if (err instanceof PlanError) throw fail(400, err.message, "changes");
      if (err instanceof ScenarioError) throw refusedChange(err);
      throw err;
    }
    const total = totalRuns(plan);
    if (total > limits.maxTotalRuns)
      throw fail(
        400,
        `${plan.variants.length} variants x ${req.runs} runs = ${total} runs, more than this server's limit of ${limits.maxTotalRuns}`,
        "runs",
      );
    const seconds = plan.estimatedSeconds ?? 0;
    if (seconds > limits.maxExperimentSeconds)
      throw fail(
        400,
        `${plan.variants.length} variants x ${req.runs} runs are estimated at ${hours(seconds)} of computing, more than this server's limit of ${hours(limits.maxExperimentSeconds)}: use fewer runs${req.changes.length > 0 ? " or smaller changes" : ""}`,
        "runs",
      );
    let id: number;
    try {
      id = await o.experiments.start({ plan });
    } catch (err) {
      if (err instanceof BusyError) throw fail(429, err.message);
      throw err;
    }
    return c.json(info(record(id), true), 202);
  });

  app.openapi(routes.experiments, (c) =>
    c.json(
      o.store.list().map((e) => ({ ...e, active: o.experiments.isActive(e.id) }) satisfies ExperimentInfo),
      200,
    ),
  );

  app.openapi(routes.experiment, (c) => c.json(detail(record(experimentId(c.req.valid("param").id))), 200));

  app.openapi(routes.resume, async (c) => {
    const rec = record(experimentId(c.req.valid("param").id));
    if (rec.status === "finished") throw fail(409, `experiment ${rec.id} has finished already`, "id");
    try {
      await o.experiments.start({ resume: rec.id });
    } catch (err) {
      if (err instanceof BusyError) throw fail(429, err.message);
      throw err;
    }
    return c.json(info(record(rec.id), true), 202);
  });

  // The report (HTML) and the event stream answer with other media than JSON: documented from their routes,
  // mounted as plain handlers.
  app.openAPIRegistry.registerPath(routes.report);
  app.openAPIRegistry.registerPath(routes.events);
  app.get("/api/experiments/:id/report", (c) => {
    const rec = record(experimentId(c.req.param("id")));
    const summary = summarize(rec.plan, o.store.runs(rec.id));
    if (summary.kind === "attribute") {
      const bibliography = o.scenarios.get(rec.plan.scenario.id)?.bibliography ?? null;
      return c.html(
        renderHtml(reportInput(rec.plan, summary, { id: rec.id, created: rec.created }, bibliography)),
      );
    }
    const fans = rec.plan.series ? fansOf(rec.plan, o.store.series(rec.id)) : [];
    const names = namesOf(rec.plan.scenario);
    const report = experimentReport(
      { id: rec.id, created: rec.created, plan: rec.plan, summary, fans },
      (p) => names.person(p),
    );
    return c.html(report.html);
  });

  app.openapi(routes.fans, (c) => {
    const rec = record(experimentId(c.req.valid("param").id));
    return c.json(rec.plan.series ? fansOf(rec.plan, o.store.series(rec.id)) : [], 200);
  });

  app.openapi(routes.discover, (c) => {
    const rec = record(experimentId(c.req.valid("param").id));
    const q = c.req.valid("query");
    const question = {
      ...rec.plan.question,
      ...(q.leader ? { leader: q.leader } : {}),
      ...(q.by ? { by: q.by } : {}),
    };
    if (q.leader || q.by) question.text = `Is ${question.leader} sole leader before ${question.by}?`;
    if (q.leader && !rec.plan.scenario.people.some((p) => p.id === q.leader && p.role === "leader"))
      throw fail(400, `leader: unknown leader "${q.leader}"`, "leader");
    try {
      return c.json(
        discover(rec.plan, o.store.runs(rec.id), {
          method: q.method,
          outcome: q.outcome,
          question,
          prim: q.minCoverage !== undefined ? { minCoverage: q.minCoverage } : {},
        }),
        200,
      );
    } catch (err) {
      if (err instanceof DiscoveryError || err instanceof OutcomeError)
        throw fail(
          400,
          err.message,
          err instanceof OutcomeError || err.about === "outcome" ? "outcome" : "id",
        );
      throw err;
    }
  });

  // Downloads answer with CSV or Parquet: documented from their route, mounted as a plain handler.
  app.openAPIRegistry.registerPath(routes.export);
  app.get("/api/experiments/:id/export", (c) => {
    const rec = record(experimentId(c.req.param("id")));
    const parsed = exportQuerySchema.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw fail(400, `${issue.path.join(".")}: ${issue.message}`, String(issue.path[0] ?? "query"));
    }
    const q = parsed.data;
    if (q.table === "series" && !rec.plan.series)
      throw fail(404, `experiment ${rec.id} keeps no series`, "table");
    const { content } = exportTable(o.store, rec.id, q.format, q.table);
    const name = `experiment-${rec.id}${q.table === "series" ? "-series" : ""}.${q.format}`;
    return c.body(typeof content === "string" ? content : (content as Uint8Array<ArrayBuffer>), 200, {
      "content-type": q.format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.apache.parquet",
      "content-disposition": `attachment; filename="${name}"`,
    });
  });

  app.get("/api/experiments/:id/events", (c) => {
    const id = experimentId(c.req.param("id"));
    record(id); // 404 before the stream starts
    return streamSSE(c, async (stream) => {
      const send = (event: string, data: unknown) => stream.writeSSE({ event, data: JSON.stringify(data) });
      const queue: ExperimentEvent[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = o.experiments.subscribe(id, (e) => {
        queue.push(e);
        wake?.();
      });
      if (!unsubscribe) {
        const rec = record(id);
        if (rec.status === "finished" || rec.done >= rec.total) await send("done", detail(rec));
        else
          await send("failed", {
            error: `experiment ${id} stopped at ${rec.done} of ${rec.total} runs and is not running: resume it with POST /api/experiments/${id}/resume`,
          } satisfies ApiError);
        return;
      }
      stream.onAbort(() => {
        unsubscribe();
        wake?.();
      });
      while (!stream.aborted) {
        const e = queue.shift();
        if (!e) {
          await new Promise<void>((r) => {
            wake = r;
          });
          wake = null;
          continue;
        }
        if (e.type === "progress") await send("progress", e.progress);
        else {
          unsubscribe();
          if (e.type === "done") await send("done", detail(record(id)));
          else await send("failed", { error: e.error } satisfies ApiError);
          return;
        }
      }
    });
  });

  if (o.web) {
    const web = o.web;
    app.get("*", (c) => {
      const file =
        web.get(c.req.path) ?? (c.req.path.startsWith("/api/") ? undefined : web.get("/index.html"));
      if (!file) return c.json({ error: `no such endpoint: GET ${c.req.path}` } satisfies ApiError, 404);
      return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
        "content-type": file.type,
        "cache-control": file.cache,
      });
    });
  }
  return app;
}
