/**
 * The dashboard end to end, in Debian's headless Chromium against a real `apparat serve`: load it, replay a
 * history in the browser's Web Worker (and check Node gives the same bytes), scrub the timeline, apply a
 * counterfactual and see the chart change, run a Monte Carlo and an attribution on the server to the end,
 * and open the factor report. Screenshots of each step land in test-results/screenshots/.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../src/kernel/engine.ts";
import { describeOutcome, namesOf } from "../../src/kernel/narrative.ts";
import { bolshevik, bolshevikScenario } from "../fixtures.ts";
import { drag, openDashboard, RUN_BROWSER_TESTS, type Session } from "./browser.ts";

const SEED = 7;
let s: Session;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe.runIf(RUN_BROWSER_TESTS)("the dashboard in a real browser", () => {
  beforeAll(async () => {
    s = await openDashboard();
  }, 240_000);
  afterAll(async () => {
    await s?.close();
  });

  it("loads with its views and no errors", async () => {
    const { page } = s;
    await expect.poll(() => page.getByTestId("scenario-select").count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => page.title()).toMatch(/Apparat/);
    for (const tab of ["Replay", "Counterfactuals", "Experiments", "Mechanisms"])
      expect(await page.getByRole("tab", { name: new RegExp(tab, "i") }).count()).toBeGreaterThan(0);
    await s.screenshot("01-loaded");
    expect(s.errors).toEqual([]);
  });

  it("replays a history in the browser, to the same bytes as Node", async () => {
    const { page } = s;
    await page.getByTestId("seed-input").fill(String(SEED));
    await page.getByTestId("run-button").click();
    const status = page.getByTestId("replay-status");
    await expect.poll(() => status.getAttribute("data-state"), { timeout: 60_000 }).toBe("done");
    const node = runScenario(bolshevik(), { seed: SEED });
    expect(await status.getAttribute("data-seed")).toBe(String(SEED));
    expect(await status.getAttribute("data-digest")).toBe(sha256(JSON.stringify(node)));
    const outcome = await page.getByTestId("outcome").innerText();
    expect(outcome).toContain(describeOutcome(node.outcome, namesOf(bolshevikScenario())));
    expect(await page.getByTestId("narrative").locator("li").count()).toBeGreaterThan(10);
    expect(await page.getByTestId("network-graph").locator("[data-region]").count()).toBe(
      bolshevikScenario().regions.length,
    );
    await s.screenshot("02-replay");
  });

  it("scrubs the timeline: the date, the narrative and the network follow", async () => {
    const { page } = s;
    const node = runScenario(bolshevik(), { seed: SEED });
    const dates = node.series.dates;
    const patrons = () =>
      page
        .getByTestId("network-graph")
        .locator("[data-region]")
        .evaluateAll((els) => els.map((e) => e.getAttribute("data-patron")).join(","));

    await drag(page, "timeline", 0);
    await expect.poll(() => page.getByTestId("timeline-date").getAttribute("data-date")).toBe(dates[0]);
    const early = await patrons();
    const shownEarly = await page.getByTestId("narrative").locator("li:not([data-future])").count();

    await drag(page, "timeline", dates.length - 1);
    await expect.poll(() => page.getByTestId("timeline-date").getAttribute("data-date")).toBe(dates.at(-1));
    const late = await patrons();
    const shownLate = await page.getByTestId("narrative").locator("li:not([data-future])").count();
    expect(late).not.toBe(early);
    expect(shownLate).toBeGreaterThan(shownEarly);

    const middle = Math.floor(dates.length / 2);
    await drag(page, "timeline", middle);
    await expect.poll(() => page.getByTestId("timeline-date").getAttribute("data-date")).toBe(dates[middle]);
    // Every entry shown as past is dated on or before the scrubber; every later one is marked future.
    const entries = await page
      .getByTestId("narrative")
      .locator("li[data-date]")
      .evaluateAll((els) => els.map((e) => [e.getAttribute("data-date"), e.hasAttribute("data-future")] as const));
    for (const [date, future] of entries) expect(future).toBe(date! > dates[middle]!);
    await s.screenshot("03-scrubbed");
  });

  it("applies a counterfactual in the browser and the power chart changes", async () => {
    const { page } = s;
    const before = await page.getByTestId("power-charts").getAttribute("data-digest");
    expect(before).toBeTruthy();
    await page.getByRole("tab", { name: /Counterfactuals/i }).click();
    const patronage = page.getByTestId("cf-mechanism-patronage");
    await patronage.uncheck();
    await page.getByTestId("cf-run-local").click();
    await expect
      .poll(() => page.getByTestId("power-charts").getAttribute("data-digest"), { timeout: 60_000 })
      .not.toBe(before);
    const changed = runScenario(bolshevik({ "mechanisms.patronage.enabled": false }), { seed: SEED });
    await expect
      .poll(() => page.getByTestId("replay-status").getAttribute("data-digest"), { timeout: 30_000 })
      .toBe(sha256(JSON.stringify(changed)));
    await s.screenshot("04-counterfactual");
  });

  it("compares the counterfactual over many seeds on the server, with live progress", async () => {
    const { page } = s;
    await page.getByTestId("cf-runs").fill("20");
    await page.getByTestId("cf-run-server").click();
    await expect.poll(() => page.getByTestId("whatif-result").count(), { timeout: 90_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId("whatif-result").innerText()).toMatch(/interval/i);
    await s.screenshot("05-whatif");
  });

  it("runs a Monte Carlo on the server to the end and lists it", async () => {
    const { page } = s;
    await page.getByRole("tab", { name: /Experiments/i }).click();
    await page.getByTestId("mc-runs").fill("24");
    await page.getByTestId("mc-start").click();
    const progress = page.getByTestId("experiment-progress");
    await expect.poll(() => progress.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("mc-result").count(), { timeout: 90_000 }).toBeGreaterThan(0);
    expect(await progress.first().getAttribute("aria-valuenow")).toBe("24");
    expect(await page.getByTestId("mc-result").innerText()).toMatch(/sole leader/i);
    await expect
      .poll(() => page.getByTestId("experiments-list").locator("[data-experiment-id]").count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    await s.screenshot("06-monte-carlo");
  });

  it("runs a factor attribution and opens its report", async () => {
    const { page } = s;
    await page.getByTestId("attr-runs").fill("1");
    await page.getByTestId("attr-start").click();
    await expect.poll(() => page.getByTestId("report-frame").count(), { timeout: 120_000 }).toBeGreaterThan(0);
    const frame = page.frameLocator("[data-testid=report-frame]");
    await expect.poll(() => frame.locator("svg").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.screenshot("07-report");
  });

  it("shows every mechanism with its parameters and sources", async () => {
    const { page } = s;
    await page.getByRole("tab", { name: /Mechanisms/i }).click();
    const view = page.getByTestId("mechanisms-view");
    const text = await view.innerText();
    for (const m of bolshevikScenario().mechanisms ? Object.keys(bolshevikScenario().mechanisms) : [])
      expect(await view.locator(`[data-mechanism="${m}"]`).count(), m).toBe(1);
    expect(text).toMatch(/source/i);
    await s.screenshot("08-mechanisms");
    expect(s.errors).toEqual([]);
  });
});
