/**
 * The modeller's toolkit in the dashboard, in Debian's headless Chromium against a real server: a Monte Carlo
 * that keeps series shows fan charts and offers its tables for download (the Parquet read back here); a sweep
 * shows its design points as a table and finds a PRIM box; a sensitivity analysis shows its tornado chart; charts
 * save as SVG and PNG; and all of it fits a 390 px phone. Screenshots land in test-results/screenshots/.
 */

import { join } from "node:path";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planSensitivity, planSweep } from "../../src/experiments/plan.ts";
import { fakeMetrics } from "../../src/experiments/testing.ts";
import type { ExperimentPlan, RunRow } from "../../src/experiments/types.ts";
import { scenarioEstimates } from "../../src/sensitivity/parameters.ts";
import type { ExperimentInfo } from "../../src/server/contract.ts";
import { ResultsStore } from "../../src/store/store.ts";
import { bolshevikScenario } from "../fixtures.ts";
import { openDashboard, RUN_BROWSER_TESTS, SCREENSHOTS, type Session } from "./browser.ts";

let s: Session;
const question = { text: "q", leader: "stalin", by: "1930-01-01" };
const ids = { mc: 0, sweep: 0, sensitivity: 0 };

/** Stores a plan with made-up runs whose answer follows `yes(point)`, as another process would. */
function storeWithRows(
  plan: ExperimentPlan,
  yes: (point: Record<string, unknown>, replicate: number) => boolean,
): number {
  const store = ResultsStore.open(s.storeFile);
  try {
    const V = plan.variants.length;
    const id = store.createExperiment(plan, V * plan.replicates);
    const rows: RunRow[] = Array.from({ length: V * plan.replicates }, (_, index) => {
      const variant = index % V;
      const replicate = Math.floor(index / V);
      return {
        index,
        variant,
        replicate,
        seed: replicate,
        metrics: fakeMetrics(yes(plan.variants[variant]!.point!, replicate), "stalin", "1928-06-01"),
      };
    });
    store.addRuns(id, rows);
    store.markFinished(id);
    return id;
  } finally {
    store.close();
  }
}

async function openExperiment(id: number) {
  const { page } = s;
  await page.getByTestId("tab-experiments").click();
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.getByTestId("experiments-list").locator(`[data-experiment-id="${id}"]`).click();
  await page
    .locator(`[data-testid=experiment-detail][data-experiment-id="${id}"]`)
    .waitFor({ timeout: 20_000 });
}

describe.runIf(RUN_BROWSER_TESTS)("the modeller's toolkit in a real browser", () => {
  beforeAll(async () => {
    s = await openDashboard();
    const scenario = bolshevikScenario();
    // A real Monte Carlo keeping two series, started through the API as the dashboard would.
    const res = await fetch(`${s.server.url}api/experiments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        kind: "mc",
        scenario: scenario.id,
        runs: 6,
        series: ["members", "committeeVotes"],
        name: "with series",
      }),
    });
    ids.mc = ((await res.json()) as ExperimentInfo).id;
    const [a, b] = scenarioEstimates(scenario);
    const grid = [0, 0.25, 0.5, 0.75, 1];
    const points = grid.flatMap((u) =>
      grid.map((v) => ({
        [a!.path]: a!.range[0] + u * (a!.range[1] - a!.range[0]),
        [b!.path]: b!.range[0] + v * (b!.range[1] - b!.range[0]),
      })),
    );
    const sweep = planSweep({
      name: "grid of two estimates",
      scenario,
      seed: 1,
      replicates: 4,
      question,
      points,
      design: { kind: "factorial" },
    });
    // No sole leader in the corner where both estimates are high.
    ids.sweep = storeWithRows(
      sweep,
      (p) =>
        !(
          (p[a!.path] as number) > a!.range[0] + 0.6 * (a!.range[1] - a!.range[0]) &&
          (p[b!.path] as number) > b!.range[0] + 0.6 * (b!.range[1] - b!.range[0])
        ),
    );
    const sens = planSensitivity({
      name: "sobol of three estimates",
      scenario,
      seed: 2,
      replicates: 2,
      question,
      method: "sobol",
      parameters: scenarioEstimates(scenario).slice(0, 3),
      samples: 32,
    });
    const c = scenarioEstimates(scenario)[0]!;
    const d = scenarioEstimates(scenario)[1]!;
    ids.sensitivity = storeWithRows(sens, (p, r) =>
      r === 0 ? (p[c.path] as number) > c.value : (p[d.path] as number) > d.value,
    );
    // Wait for the Monte Carlo to finish.
    for (let waited = 0; waited < 240; waited++) {
      const info = (await (await fetch(`${s.server.url}api/experiments/${ids.mc}`)).json()) as ExperimentInfo;
      if (info.status === "finished") break;
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 300_000);
  afterAll(async () => {
    await s?.close();
  });

  it("shows a Monte Carlo's series as fan charts, and downloads them as long-format Parquet", async () => {
    const { page } = s;
    await openExperiment(ids.mc);
    const chart = page.getByTestId("fan-chart");
    await chart.locator("svg[role=img]").waitFor({ timeout: 20_000 });
    expect(await chart.locator("svg title").first().textContent()).toMatch(/^Members across 6 runs/);
    await page.getByTestId("fan-measure").selectOption("committeeVotes");
    await expect
      .poll(() => chart.locator("svg title").first().textContent())
      .toMatch(/^Committee votes across 6 runs/);
    // A text alternative holds the figures.
    await chart.getByText("The chart's figures as a table").click();
    expect(await chart.locator("table tbody tr").count()).toBeGreaterThan(3);
    await s.screenshot("toolkit-01-fan-chart");
    const href = await page.getByTestId("download-series-parquet").getAttribute("href");
    const bytes = await (await page.request.get(`${s.server.url}${href!.slice(1)}`)).body();
    const rows = (await parquetReadObjects({
      file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    })) as Record<string, unknown>[];
    expect(new Set(rows.map((r) => r.measure))).toEqual(new Set(["members", "committeeVotes"]));
    expect(new Set(rows.map((r) => r.run)).size).toBe(6);
  });

  it("saves a chart as SVG and as PNG", async () => {
    const { page } = s;
    const figure = page.getByTestId("fan-chart");
    const [svg] = await Promise.all([
      page.waitForEvent("download"),
      figure.getByRole("button", { name: "Save SVG" }).click(),
    ]);
    expect(svg.suggestedFilename()).toBe(`experiment-${ids.mc}-fan-committeeVotes.svg`);
    const [png] = await Promise.all([
      page.waitForEvent("download"),
      figure.getByRole("button", { name: "Save PNG" }).click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const path = await png.path();
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(path).subarray(1, 4).toString()).toBe("PNG");
  });

  it("shows a sweep's points as a readable table and finds where the outcome happens with PRIM", async () => {
    const { page } = s;
    await openExperiment(ids.sweep);
    const table = page.getByTestId("sweep-result");
    await table.waitFor();
    const head = await table.locator("thead").innerText();
    expect(head).not.toContain("{");
    expect(await table.locator("tbody tr").count()).toBe(25);
    expect(await table.innerText()).not.toMatch(/"\w+\./);
    await page.getByTestId("discovery-outcome").selectOption("not yes");
    await page.getByTestId("discovery-run").click();
    await page.getByTestId("prim-box").locator("svg").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("discovery-summary").innerText()).toMatch(/in 16 of 100 runs/);
    expect(await page.getByTestId("prim-trajectory").locator("svg title").textContent()).toMatch(
      /PRIM peeling trajectory/,
    );
    await s.screenshot("toolkit-02-sweep-discovery");
  });

  it("shows a sensitivity analysis as a tornado chart of its indices", async () => {
    const { page } = s;
    await openExperiment(ids.sensitivity);
    const chart = page.getByTestId("sensitivity-chart");
    await chart.locator("svg").waitFor({ timeout: 20_000 });
    expect(await chart.locator("svg title").textContent()).toMatch(/Sobol' indices/);
    expect(await page.getByTestId("sensitivity-table").locator("tbody tr").count()).toBe(3);
    await s.screenshot("toolkit-03-sensitivity");
    expect(s.errors).toEqual([]);
  });

  it("fits a 390 px phone: charts and tables scale to a phone-wide column, nothing sticks out", async () => {
    const phone = await s.browser.newPage({ viewport: { width: 390, height: 844 } });
    const original = s.page;
    s.page = phone;
    // The column the toolkit gets on a phone: the screen less the panel's padding. (The page shell around it is
    // made to fit phones separately; this checks the toolkit's own parts.)
    const narrow = () =>
      phone.evaluate(() => {
        const el = document.querySelector("[data-testid=experiment-detail]") as HTMLElement;
        el.style.width = "358px";
        el.style.maxWidth = "358px";
      });
    const fits = () =>
      phone.evaluate(() => {
        const el = document.querySelector("[data-testid=experiment-detail]") as HTMLElement;
        const right = el.getBoundingClientRect().right;
        const out = [...el.querySelectorAll(".tk-figure, .tk-figure svg, .tk-scroll, .tk-downloads, form")]
          .filter((x) => x.getBoundingClientRect().right > right + 1)
          .map(
            (x) =>
              `${x.className || x.tagName} ${Math.round(x.getBoundingClientRect().right)} > ${Math.round(right)}`,
          );
        return out;
      });
    try {
      await phone.goto(s.server.url);
      await phone.getByTestId("scenario-select").waitFor({ timeout: 20_000 });
      await openExperiment(ids.sensitivity);
      await narrow();
      const chart = phone.getByTestId("sensitivity-chart").locator("svg");
      await chart.waitFor({ timeout: 20_000 });
      await expect
        .poll(async () => (await chart.boundingBox())!.width, { timeout: 10_000 })
        .toBeLessThanOrEqual(358);
      expect(await fits()).toEqual([]);
      await phone
        .getByTestId("experiment-detail")
        .screenshot({ path: join(SCREENSHOTS, "toolkit-04-phone-sensitivity.png") });
      await openExperiment(ids.sweep);
      await narrow();
      await phone.getByTestId("discovery-run").click();
      await phone.getByTestId("prim-box").locator("svg").waitFor({ timeout: 20_000 });
      await expect.poll(fits, { timeout: 10_000 }).toEqual([]);
      await phone
        .getByTestId("experiment-detail")
        .screenshot({ path: join(SCREENSHOTS, "toolkit-05-phone-discovery.png") });
      // Keyboard: the sort buttons, the form and the save buttons are reachable and work with Enter.
      const sort = phone.getByTestId("sweep-result").getByRole("button", { name: /Chance/ });
      await sort.focus();
      await phone.keyboard.press("Enter");
      expect(await phone.getByTestId("sweep-result").locator("th[aria-sort=descending]").count()).toBe(1);
      await openExperiment(ids.mc);
      await narrow();
      await phone.getByTestId("fan-chart").locator("svg").waitFor({ timeout: 20_000 });
      await expect.poll(fits, { timeout: 10_000 }).toEqual([]);
      await phone
        .getByTestId("experiment-detail")
        .screenshot({ path: join(SCREENSHOTS, "toolkit-06-phone-fan.png") });
    } finally {
      s.page = original;
      await phone.close();
    }
  });
});
