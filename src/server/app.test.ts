import { afterEach, describe, expect, it } from "vitest";
import { planMonteCarlo, planWhatIf } from "../experiments/plan.ts";
import { summarize } from "../experiments/summarize.ts";
import { runScenario } from "../kernel/engine.ts";
import { runExperiment } from "../runner/experiment.ts";
import { InProcessExecutor } from "../runner/inProcess.ts";
import { compileScenario } from "../scenario/compile.ts";
import { applySets } from "../scenario/patch.ts";
import { ResultsStore } from "../store/store.ts";
import { readEvents, testApp } from "./app.test-helpers.ts";
import {
  DEFAULT_LIMITS,
  type ExperimentDetail,
  type ExperimentInfo,
  type ProgressMessage,
  type ScenarioDetail,
  type ScenarioListing,
} from "./contract.ts";
import { routes } from "./routes.ts";

const SCENARIO = "bolshevik-1922";
let open: ReturnType<typeof testApp>[] = [];
function app(...args: Parameters<typeof testApp>) {
  const t = testApp(...args);
  open.push(t);
  return t;
}
afterEach(async () => {
  for (const t of open) await t.close();
  open = [];
});

describe("scenarios", () => {
  it("lists the built-in scenarios, one of them the default", async () => {
    const res = await app().app.request("/api/scenarios");
    expect(res.status).toBe(200);
    const list = (await res.json()) as ScenarioListing[];
    expect(list.map((s) => s.id)).toContain(SCENARIO);
    expect(list.filter((s) => s.isDefault)).toHaveLength(1);
  });

  it("gives a scenario with its mechanisms and its question", async () => {
    const res = await app().app.request(`/api/scenarios/${SCENARIO}`);
    const body = (await res.json()) as ScenarioDetail;
    expect(body.scenario.id).toBe(SCENARIO);
    expect(body.mechanisms.map((m) => m.id)).toContain("patronage");
    expect(body.factors?.groups.length).toBeGreaterThan(1);
    expect(body.scenario.people.some((p) => p.id === body.factors?.question.leader)).toBe(true);
    // For the classroom: the record to set beside a replay, and sources as full references.
    expect(body.history?.events.length).toBeGreaterThan(40);
    const patronage = body.mechanisms.find((m) => m.id === "patronage")!;
    expect(patronage.sources.length).toBeGreaterThan(0);
    for (const src of patronage.sources) expect(src.reference?.title, src.key).toBeTruthy();
    expect(body.bibliography?.references["W-CC14"]?.url).toMatch(/^https:/);
  });

  it("offers every scenario of the catalogue; one without a factor-group file has no question to measure", async () => {
    const { app: a, json } = app();
    const list = (await (await a.request("/api/scenarios")).json()) as ScenarioListing[];
    expect(list.map((s) => s.id).sort()).toEqual(["bolshevik-1922", "china-1976", "tutorial"]);
    const china = (await (await a.request("/api/scenarios/china-1976")).json()) as ScenarioDetail;
    expect(china.factors?.question.leader).toBe("deng-xiaoping");
    const tutorial = (await (await a.request("/api/scenarios/tutorial")).json()) as ScenarioDetail;
    expect(tutorial.factors).toBeNull();
    const res = await json("/api/experiments", {
      kind: "mc",
      scenario: "tutorial",
      runs: 2,
      seed: 1,
      changes: [],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field: string };
    expect(body.error).toBe(
      'scenario "tutorial" has no question to measure: it has no factor-group file (factors/tutorial.yaml)',
    );
    expect(body.field).toBe("scenario");
  });

  it("answers an unknown scenario with 404 naming the built-in ones", async () => {
    const res = await app().app.request("/api/scenarios/atlantis");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toContain(SCENARIO);
  });
});

describe("replay", () => {
  it("gives the same run as the engine, with the network recorded for every tick", async () => {
    const { json, app: a } = app();
    const res = await json("/api/replay", { scenario: SCENARIO, seed: 5, until: "1925-01-01" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: unknown; network: { patron: number[][] } };
    const detail = (await (await a.request(`/api/scenarios/${SCENARIO}`)).json()) as ScenarioDetail;
    const direct = runScenario(compileScenario(detail.scenario), { seed: 5, until: "1925-01-01" });
    expect(JSON.stringify(body.result)).toBe(JSON.stringify(direct));
    expect(body.network.patron).toHaveLength(direct.series.dates.length);
  });

  it("applies changes through the scenario's schema", async () => {
    const { json } = app();
    const changes = [{ path: "mechanisms.patronage.enabled", value: false }];
    const body = (await (await json("/api/replay", { scenario: SCENARIO, seed: 5, changes })).json()) as {
      result: { series: unknown };
    };
    const base = (await (await json("/api/replay", { scenario: SCENARIO, seed: 5 })).json()) as {
      result: { series: unknown };
    };
    expect(JSON.stringify(body.result.series)).not.toBe(JSON.stringify(base.result.series));
  });
});

async function waitDone(a: ReturnType<typeof testApp>, id: number): Promise<ExperimentDetail> {
  const events = await readEvents(await a.app.request(`/api/experiments/${id}/events`));
  const last = events.at(-1)!;
  expect(last.event).toBe("done");
  return last.data as ExperimentDetail;
}

describe("experiments", () => {
  it("runs a Monte Carlo to the same summary as the CLI's runner, with progress on the way", async () => {
    const a = app();
    const res = await a.json("/api/experiments", { kind: "mc", scenario: SCENARIO, runs: 6, seed: 3 });
    expect(res.status).toBe(202);
    const started = (await res.json()) as ExperimentInfo;
    expect(started).toMatchObject({ kind: "mc", total: 6, active: true });
    const events = await readEvents(await a.app.request(`/api/experiments/${started.id}/events`));
    const progress = events.filter((e) => e.event === "progress").map((e) => e.data as ProgressMessage);
    expect(progress.length).toBeGreaterThan(0);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
    const done = events.at(-1)!;
    expect(done.event).toBe("done");
    const detail = done.data as ExperimentDetail;
    expect(detail.status).toBe("finished");

    const scenario = await (await a.app.request(`/api/scenarios/${SCENARIO}`)).json();
    const s = (scenario as ScenarioDetail).scenario;
    const question = (scenario as ScenarioDetail).factors!.question;
    const store = ResultsStore.open(":memory:");
    const out = await runExperiment({
      store,
      executor: new InProcessExecutor(),
      plan: planMonteCarlo({ scenario: s, seed: 3, replicates: 6, question }),
    });
    store.close();
    expect(JSON.stringify(detail.summary)).toBe(JSON.stringify(summarize(out.plan, out.rows)));
  });

  it("runs a what-if of the changes against the baseline on the same seeds", async () => {
    const a = app();
    const changes = [{ path: "mechanisms.patronage.enabled", value: false }];
    const res = await a.json("/api/experiments", { kind: "whatif", scenario: SCENARIO, runs: 4, changes });
    const detail = await waitDone(a, ((await res.json()) as ExperimentInfo).id);
    expect(detail.summary.kind).toBe("whatif");
    expect(detail.name).toBe("what-if mechanisms.patronage.enabled=false, 4 runs, seed 1");
    expect(detail.variants).toHaveLength(2);
    if (detail.summary.kind !== "whatif") return;
    expect(detail.summary.baseline.runs).toBe(4);
    expect(detail.summary.changed.runs).toBe(4);
    // The plan is the CLI's: the same changes give the same labels.
    const s = applySets(
      ((await (await a.app.request(`/api/scenarios/${SCENARIO}`)).json()) as ScenarioDetail).scenario,
      [],
    );
    const plan = planWhatIf({
      scenario: s,
      seed: 1,
      replicates: 4,
      question: detail.summary.question,
      sets: changes,
    });
    expect(detail.variants).toEqual(plan.variants.map((v) => v.label));
  });

  it("lists stored experiments and shows one; a finished stream says done at once", async () => {
    const a = app();
    const res = await a.json("/api/experiments", {
      kind: "mc",
      scenario: SCENARIO,
      runs: 2,
      name: "class 9b",
    });
    const id = ((await res.json()) as ExperimentInfo).id;
    await waitDone(a, id);
    const list = (await (await a.app.request("/api/experiments")).json()) as ExperimentInfo[];
    expect(list.find((e) => e.id === id)).toMatchObject({
      name: "class 9b",
      status: "finished",
      done: 2,
      active: false,
    });
    const again = await readEvents(await a.app.request(`/api/experiments/${id}/events`));
    expect(again.map((e) => e.event)).toEqual(["done"]);
    const shown = (await (await a.app.request(`/api/experiments/${id}`)).json()) as ExperimentDetail;
    expect(shown.summary.kind).toBe("mc");
  });

  it("refuses more experiments than the limit at once with 429, and takes one again when it ends", async () => {
    const a = app({ maxConcurrentExperiments: 1 });
    const first = await a.json("/api/experiments", { kind: "mc", scenario: SCENARIO, runs: 3 });
    expect(first.status).toBe(202);
    const second = await a.json("/api/experiments", { kind: "mc", scenario: SCENARIO, runs: 3 });
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: string }).error).toMatch(/running/);
    await waitDone(a, ((await first.json()) as ExperimentInfo).id);
    const third = await a.json("/api/experiments", { kind: "mc", scenario: SCENARIO, runs: 1 });
    expect(third.status).toBe(202);
  });

  it("refuses an experiment over the total-run limit, naming runs", async () => {
    const a = app({ maxTotalRuns: 50 });
    const res = await a.json("/api/experiments", { kind: "attribute", scenario: SCENARIO, runs: 2 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: "runs" });
  });

  it("serves an attribution's factor report as HTML, and other kinds' experiment report", async () => {
    const a = app();
    const res = await a.json("/api/experiments", { kind: "attribute", scenario: SCENARIO, runs: 1 });
    const id = ((await res.json()) as ExperimentInfo).id;
    await waitDone(a, id);
    const report = await a.app.request(`/api/experiments/${id}/report`);
    expect(report.status).toBe(200);
    expect(report.headers.get("content-type")).toMatch(/text\/html/);
    expect(await report.text()).toMatch(/<svg/);
    const mc = await a.json("/api/experiments", { kind: "mc", scenario: SCENARIO, runs: 1 });
    const mcId = ((await mc.json()) as ExperimentInfo).id;
    await waitDone(a, mcId);
    const other = await a.app.request(`/api/experiments/${mcId}/report`);
    expect(other.status).toBe(200);
    expect(await other.text()).toContain(`Monte Carlo #${mcId}`);
    expect((await a.app.request("/api/experiments/999/report")).status).toBe(404);
  });

  it("resumes an experiment that stopped part-way, and refuses to resume a finished one", async () => {
    const a = app();
    const s = (await (await a.app.request(`/api/scenarios/${SCENARIO}`)).json()) as ScenarioDetail;
    const plan = planMonteCarlo({
      scenario: s.scenario,
      seed: 1,
      replicates: 3,
      question: s.factors!.question,
    });
    const id = a.store.createExperiment(plan, 3);
    const stalled = await readEvents(await a.app.request(`/api/experiments/${id}/events`));
    expect(stalled.map((e) => e.event)).toEqual(["failed"]);
    expect((await a.json(`/api/experiments/${id}/resume`, {})).status).toBe(202);
    const detail = await waitDone(a, id);
    expect(detail.done).toBe(3);
    expect((await a.json(`/api/experiments/${id}/resume`, {})).status).toBe(409);
  });
});

describe("documentation", () => {
  it("serves an OpenAPI 3.1 document covering every endpoint, with the request schemas enforced", async () => {
    const doc = (await (await app().app.request("/api/openapi.json")).json()) as {
      openapi: string;
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: { properties: object } }> } }>
      >;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/replay", "/api/experiments", "/api/experiments/{id}/events"]),
    );
    const body = doc.paths["/api/experiments"]!.post!.requestBody!.content["application/json"]!.schema;
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(["kind", "scenario", "runs", "changes"]),
    );
  });

  it("is generated from the routes the server mounts: every route documented, answers described by schemas", async () => {
    const doc = (await (await app().app.request("/api/openapi.json")).json()) as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
      >;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    const mounted = Object.values(routes).map(
      (r) => `${r.method.toUpperCase()} ${r.path.replace(/\{(\w+)\}/g, ":$1")}`,
    );
    expect(documented.sort()).toEqual(mounted.sort());
    // Every documented route answers (none is documented but missing): a GET of each path is not "no such endpoint".
    for (const r of Object.values(routes).filter((x) => x.method === "get")) {
      const res = await app().app.request(r.path.replace("{id}", SCENARIO_OR_ID(r.path)));
      expect((await res.clone().text()).includes("no such endpoint"), r.path).toBe(false);
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["ApiError", "Limits", "ExperimentInfo", "ScenarioListing", "ScenarioDetail"]),
    );
    expect(Object.keys(doc.components.schemas.Limits!.properties!)).toEqual(Object.keys(DEFAULT_LIMITS));
    const refusal = doc.paths["/api/replay"]!.post!.responses["400"]!.content!["application/json"]!.schema;
    expect(refusal).toEqual({ $ref: "#/components/schemas/ApiError" });
  });
});

const SCENARIO_OR_ID = (path: string) => (path.startsWith("/api/scenarios") ? SCENARIO : "1");
