/** The API's modeller's tools: kept series and their fans, downloads, reports of any experiment, discovery. */
import { parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import type { DiscoveryResult } from "../discovery/discover.ts";
import type { Fan } from "../experiments/fan.ts";
import { planSweep } from "../experiments/plan.ts";
import { fakeMetrics } from "../experiments/testing.ts";
import { testApp } from "./app.test-helpers.ts";
import type { ApiError, ExperimentDetail, ExperimentInfo } from "./contract.ts";

const t = testApp();
afterAll(() => t.close());

describe("kept series through the API", () => {
  let id = 0;

  it("starts a Monte Carlo that keeps series, and says so in its detail", async () => {
    const res = await t.json("/api/experiments", {
      kind: "mc",
      scenario: "bolshevik-1922",
      runs: 3,
      series: ["members", "politburo"],
    });
    expect(res.status).toBe(202);
    id = ((await res.json()) as ExperimentInfo).id;
    await t.experiments.idle();
    const detail = (await (await t.app.request(`/api/experiments/${id}`)).json()) as ExperimentDetail;
    expect(detail.series).toEqual(["members", "politburo"]);
    expect(detail.hasPoints).toBe(false);
  });

  it("refuses a series measure the runs do not record, naming it", async () => {
    const res = await t.json("/api/experiments", {
      kind: "mc",
      scenario: "bolshevik-1922",
      runs: 3,
      series: ["nosuch"],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiError;
    expect(body.field).toBe("series");
    expect(body.error).toMatch(/unknown series measure "nosuch" \(known: members/);
  });

  it("gives fans with ordered quantiles for every tick", async () => {
    const fans = (await (await t.app.request(`/api/experiments/${id}/fans`)).json()) as Fan[];
    const members = fans.find((f) => f.measure === "members")!;
    expect(members.leader).toBeNull();
    expect(members.runs).toBe(3);
    expect(members.p50.length).toBe(members.dates.length);
    members.p50.forEach((m, i) => {
      expect(members.p05[i]!).toBeLessThanOrEqual(members.p25[i]!);
      expect(members.p25[i]!).toBeLessThanOrEqual(m);
      expect(m).toBeLessThanOrEqual(members.p75[i]!);
      expect(members.p75[i]!).toBeLessThanOrEqual(members.p95[i]!);
    });
    expect(fans.filter((f) => f.measure === "politburo").length).toBeGreaterThan(1);
  });

  it("downloads the series as Parquet in long format, and the runs as CSV", async () => {
    const res = await t.app.request(`/api/experiments/${id}/export?format=parquet&table=series`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="experiment-${id}-series.parquet"`,
    );
    const rows = (await parquetReadObjects({ file: await res.arrayBuffer() })) as Record<string, unknown>[];
    expect(Object.keys(rows[0]!)).toEqual([
      "experiment",
      "run",
      "variant",
      "tick",
      "date",
      "leader",
      "measure",
      "value",
    ]);
    expect(new Set(rows.map((r) => r.run))).toEqual(new Set([0, 1, 2]));
    const csv = await (await t.app.request(`/api/experiments/${id}/export`)).text();
    expect(csv.split("\n")[0]).toMatch(/^experiment,index,variant/);
    expect(csv.trim().split("\n").length).toBe(4);
  });

  it("serves a report with its fan charts", async () => {
    const html = await (await t.app.request(`/api/experiments/${id}/report`)).text();
    expect(html).toContain("Series across runs");
    expect(html).toMatch(/<svg[^>]*role="img"/);
  });

  it("refuses bad export requests", async () => {
    expect((await t.app.request(`/api/experiments/${id}/export?format=xlsx`)).status).toBe(400);
    const other = (await (
      await t.json("/api/experiments", { kind: "mc", scenario: "bolshevik-1922", runs: 1 })
    ).json()) as ExperimentInfo;
    await t.experiments.idle();
    const res = await t.app.request(`/api/experiments/${other.id}/export?table=series`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as ApiError).error).toMatch(/keeps no series/);
  });
});

describe("discovery through the API", () => {
  const scenario = bolshevikScenario();
  const path = "mechanisms.patronage.params.maxGrip";
  const points = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95].map((v) => ({ [path]: v }));
  const plan = planSweep({
    scenario,
    seed: 1,
    replicates: 10,
    question: { text: "q", leader: "stalin", by: "1930-01-01" },
    points,
    design: {},
  });
  const id = t.store.createExperiment(plan, 60);
  // Sole leader (a yes) at the three highest levels only.
  t.store.addRuns(
    id,
    Array.from({ length: 60 }, (_, index) => ({
      index,
      variant: index % 6,
      replicate: Math.floor(index / 6),
      seed: 1,
      metrics: fakeMetrics(index % 6 >= 3, "stalin", "1928-01-01"),
    })),
  );

  it("finds the region of the outcome with PRIM", async () => {
    const res = await t.app.request(
      `/api/experiments/${id}/discover?outcome=${encodeURIComponent("not yes")}`,
    );
    expect(res.status).toBe(200);
    const r = (await res.json()) as DiscoveryResult;
    expect(r.yes).toBe(30);
    expect(r.prim!.box.density).toBe(1);
    expect(r.prim!.restricted[0]).toMatchObject({ name: path, hi: 0.8 });
  });

  it("answers another question of the same runs, and names what it cannot do", async () => {
    const cartRes = await t.app.request(`/api/experiments/${id}/discover?method=cart&by=1927-01-01`);
    expect(((await cartRes.json()) as ApiError).error).toMatch(/never true/);
    const num = await t.app.request(`/api/experiments/${id}/discover?outcome=members`);
    expect(num.status).toBe(400);
    expect(((await num.json()) as ApiError).field).toBe("outcome");
    const unknownField = await t.app.request(`/api/experiments/${id}/discover?colour=red`);
    expect(unknownField.status).toBe(400);
    const mc = (await (await t.app.request("/api/experiments")).json()) as ExperimentInfo[];
    const mcId = mc.find((e) => e.kind === "mc")!.id;
    const noPoints = await t.app.request(`/api/experiments/${mcId}/discover`);
    expect(((await noPoints.json()) as ApiError).error).toMatch(/no design points/);
  });
});
