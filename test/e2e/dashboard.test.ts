/**
 * The dashboard end to end, in Debian's headless Chromium against a real `apparat serve`: load it, replay a
 * history in the browser's Web Worker (and check Node gives the same bytes), scrub the timeline, apply a
 * counterfactual and see the chart change, run a Monte Carlo and an attribution on the server to the end,
 * and open the factor report. Screenshots of each step land in test-results/screenshots/.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mechanismCatalogue } from "../../src/catalog/catalog.ts";
import { planMonteCarlo } from "../../src/experiments/plan.ts";
import { runScenario } from "../../src/kernel/engine.ts";
import { describeOutcome, namesOf } from "../../src/kernel/narrative.ts";
import { loadScenario } from "../../src/node/scenarios.ts";
import { recordReplay } from "../../src/replay/timeline.ts";
import { compileScenario } from "../../src/scenario/compile.ts";
import { ResultsStore } from "../../src/store/store.ts";
import { bolshevik, bolshevikScenario } from "../fixtures.ts";
import { drag, openDashboard, RUN_BROWSER_TESTS, SCREENSHOTS, type Session } from "./browser.ts";

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
    for (const tab of ["replay", "counterfactuals", "experiments", "mechanisms", "about"])
      expect(await page.getByTestId(`tab-${tab}`).count()).toBe(1);
    await s.screenshot("01-loaded");
    expect(s.errors).toEqual([]);
  });

  it("replays a history in the browser, to the same bytes as Node", async () => {
    const { page } = s;
    await page.getByTestId("seed-input").fill(String(SEED));
    await page.getByTestId("run-button").click();
    const status = page.getByTestId("replay-status");
    await page
      .locator(`[data-testid=replay-status][data-state=done][data-seed="${SEED}"]`)
      .waitFor({ timeout: 60_000 });
    const node = runScenario(bolshevik(), { seed: SEED });
    expect(await status.getAttribute("data-seed")).toBe(String(SEED));
    expect(await status.getAttribute("data-digest")).toBe(sha256(JSON.stringify(node)));
    // The page writes the outcome as Node's narrative does, with the date spelled out for readers.
    const outcome = await page.getByTestId("outcome").innerText();
    const names = namesOf(bolshevikScenario());
    const sentence = describeOutcome(node.outcome, names);
    const date = node.outcome.date!;
    const spelled = new Date(`${date}T00:00:00Z`).toLocaleDateString("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    });
    expect(outcome).toContain(sentence.replace(date, spelled));
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
    const shownEarly = await page.getByTestId("narrative").locator("li:not(.narrative-future)").count();

    await drag(page, "timeline", dates.length - 1);
    await expect.poll(() => page.getByTestId("timeline-date").getAttribute("data-date")).toBe(dates.at(-1));
    const late = await patrons();
    const shownLate = await page.getByTestId("narrative").locator("li:not(.narrative-future)").count();
    expect(late).not.toBe(early);
    expect(shownLate).toBeGreaterThan(shownEarly);

    const middle = Math.floor(dates.length / 2);
    await drag(page, "timeline", middle);
    await expect.poll(() => page.getByTestId("timeline-date").getAttribute("data-date")).toBe(dates[middle]);
    // Every entry shown as past is dated on or before the scrubber; every later one is marked future.
    const entries = await page
      .getByTestId("narrative")
      .locator("li[data-date]")
      .evaluateAll((els) =>
        els.map((e) => [e.getAttribute("data-date"), e.classList.contains("narrative-future")] as const),
      );
    for (const [date, future] of entries) expect(future).toBe(date! > dates[middle]!);
    await s.screenshot("03-scrubbed");
  });

  it("plays the timeline forward and pauses it", async () => {
    const { page } = s;
    await drag(page, "timeline", 10);
    const tickOf = async () => Number(await page.getByTestId("timeline").inputValue());
    await page.getByTestId("play-button").click();
    await expect.poll(tickOf, { timeout: 10_000 }).toBeGreaterThan(15);
    await page.getByTestId("play-button").click();
    const paused = await tickOf();
    await page.waitForTimeout(500);
    expect(await tickOf()).toBe(paused);
  });

  it("shows a leader's regions when his circle is clicked", async () => {
    const { page } = s;
    const node = runScenario(bolshevik(), { seed: SEED });
    await drag(page, "timeline", node.series.dates.length - 1);
    // The leader with the most clients at the end has regions to show.
    const top = Object.entries(node.series.leaders).sort(
      (a, b) => b[1].clients.at(-1)! - a[1].clients.at(-1)!,
    )[0]![0];
    await page.getByTestId("network-graph").locator(`[data-leader="${top}"]`).first().click();
    const panel = page.getByTestId("leader-panel");
    await panel.waitFor({ timeout: 5_000 });
    const name = bolshevikScenario().people.find((p) => p.id === top)!.name;
    expect(await panel.innerText()).toContain(name.split(" ").at(-1)!);
    // The named officials are drawn (the living ones) with the patron the replay gives them, and the leader's
    // panel names his men.
    const { network } = recordReplay(bolshevik(), { seed: SEED });
    const last = network.officialStanding.length - 1;
    const living = network.officials.filter((_, k) => network.officialStanding[last]![k]! >= 0);
    const drawn = page.getByTestId("network-graph").locator("[data-official]");
    await expect.poll(() => drawn.count()).toBe(living.length);
    const topIndex = network.leaders.findIndex((l) => l.id === top);
    const his = network.officials.filter((_, k) => network.officialPatron[last]![k] === topIndex);
    if (his.length > 0) {
      const men = await page.getByTestId("leader-men").innerText();
      for (const o of his) expect(men).toContain(o.name.split(" ").at(-1)!);
    }
    await page
      .getByTestId("network-graph")
      .screenshot({ path: `${SCREENSHOTS}04b-network-leader-and-his-men.png` });
  });

  it("applies a counterfactual in the browser and the power chart changes", async () => {
    const { page } = s;
    const before = await page.getByTestId("power-charts").getAttribute("data-digest");
    expect(before).toBeTruthy();
    await page.getByTestId("tab-counterfactuals").click();
    const patronage = page.getByTestId("cf-mechanism-patronage");
    await patronage.uncheck();
    await page.getByTestId("cf-run-local").click();
    await expect
      .poll(() => page.getByTestId("power-charts").getAttribute("data-digest"), { timeout: 60_000 })
      .not.toBe(before);
    // The changed history in the browser is the one Node runs with the same change and seed.
    const changed = runScenario(bolshevik({ "mechanisms.patronage.enabled": false }), { seed: SEED });
    expect(await page.getByTestId("cf-outcome-changed").getAttribute("data-digest")).toBe(
      sha256(JSON.stringify(changed)),
    );
    expect(await page.getByTestId("cf-outcome-baseline").getAttribute("data-digest")).toBe(
      sha256(JSON.stringify(runScenario(bolshevik(), { seed: SEED }))),
    );
    await s.screenshot("04-counterfactual");
  });

  it("compares the counterfactual over many seeds on the server, with live progress", async () => {
    const { page } = s;
    await page.getByTestId("cf-runs").fill("20");
    await page.getByTestId("cf-run-server").click();
    await expect
      .poll(() => page.getByTestId("whatif-result").count(), { timeout: 90_000 })
      .toBeGreaterThan(0);
    expect(await page.getByTestId("whatif-result").innerText()).toMatch(/interval/i);
    await s.screenshot("05-whatif");
    await s.docsScreenshot("counterfactuals", { fullPage: true });
  });

  it("runs a Monte Carlo on the server to the end and lists it", async () => {
    const { page } = s;
    await page.getByTestId("tab-experiments").click();
    await page.getByTestId("mc-runs").fill("24");
    await page.getByTestId("mc-start").click();
    // The live progress bar counts up to the runs asked for, then gives way to the result.
    const progress = page.getByTestId("experiment-progress");
    await progress.waitFor({ state: "attached", timeout: 20_000 });
    expect(await progress.getAttribute("aria-valuemax", { timeout: 2_000 })).toBe("24");
    await s.screenshot("06a-monte-carlo-running");
    await expect.poll(() => page.getByTestId("mc-result").count(), { timeout: 90_000 }).toBeGreaterThan(0);
    expect(await page.getByTestId("mc-result").innerText()).toMatch(/sole leader/i);
    await expect
      .poll(() => page.getByTestId("experiments-list").locator("[data-experiment-id]").count(), {
        timeout: 10_000,
      })
      .toBeGreaterThanOrEqual(2);
    await s.screenshot("06b-monte-carlo-done");
  });

  it("runs a factor attribution and opens its report", async () => {
    const { page } = s;
    await page.getByTestId("attr-runs").fill("1");
    await page.getByTestId("attr-start").click();
    await page.getByTestId("attr-result").waitFor({ timeout: 90_000 });
    await page
      .getByTestId("experiments-list")
      .locator("[data-kind=attribute] [data-testid=open-report]")
      .first()
      .click();
    await page.getByTestId("report-frame").waitFor({ timeout: 10_000 });
    const frame = page.frameLocator("[data-testid=report-frame]");
    await expect.poll(() => frame.locator("svg").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await s.screenshot("07-report");
    await s.docsScreenshot("experiments", { fullPage: true });
  });

  it("resumes an experiment that stopped part-way, from the stored list", async () => {
    const { page } = s;
    // An experiment another process started and never finished, as a killed server or CLI leaves one.
    const store = ResultsStore.open(s.storeFile);
    const question = { text: "q", leader: "stalin", by: "1930-01-01" };
    const id = store.createExperiment(
      planMonteCarlo({
        name: "interrupted",
        scenario: bolshevikScenario(),
        seed: 4,
        replicates: 6,
        question,
      }),
      6,
    );
    store.close();
    await page.getByTestId("tab-experiments").click();
    await page.getByRole("button", { name: "Refresh" }).click();
    const row = page.getByTestId("experiments-list").locator(`[data-experiment-id="${id}"]`);
    await row.getByTestId("resume-experiment").click();
    await page.getByTestId("resume-done").waitFor({ timeout: 60_000 });
    await expect.poll(() => row.getAttribute("data-status"), { timeout: 10_000 }).toBe("finished");
    expect(await row.innerText()).toMatch(/6 \/ 6/);
  });

  it("shows the server's refusal next to the form, naming the field", async () => {
    const { page } = s;
    await page.getByTestId("tab-experiments").click();
    await page.getByTestId("mc-runs").fill("999999");
    await page.getByTestId("mc-start").click();
    const error = page.getByTestId("mc-error");
    await error.waitFor({ timeout: 10_000 });
    expect(await error.innerText()).toMatch(/runs/);
    // Chromium logs the refused request itself as a console error: expected here, and only here.
    const refused = s.errors.filter((e) => /status of 400/.test(e));
    expect(refused).toHaveLength(1);
    s.errors.splice(0, s.errors.length, ...s.errors.filter((e) => !refused.includes(e)));
  });

  it("opens a shared link at its tab, seed and changes", async () => {
    const other = await s.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await other.goto(`${s.server.url}#replay?seed=11&set=mechanisms.patronage.enabled%3Dfalse`);
    await other
      .locator("[data-testid=replay-status][data-state=done][data-seed='11']")
      .waitFor({ timeout: 60_000 });
    expect(await other.getByTestId("seed-input").inputValue()).toBe("11");
    await other.getByTestId("tab-counterfactuals").click();
    expect(await other.getByTestId("cf-mechanism-patronage").isChecked()).toBe(false);
    await other.close();
  });

  it("shows every mechanism with its parameters and sources", async () => {
    const { page } = s;
    await page.getByTestId("tab-mechanisms").click();
    const view = page.getByTestId("mechanisms-view");
    const text = await view.innerText();
    for (const m of mechanismCatalogue(bolshevikScenario())) expect(text, m.id).toContain(m.title);
    expect(text).toMatch(/source/i);
    await s.screenshot("08-mechanisms");
    expect(s.errors).toEqual([]);
  });

  it("offers every scenario in the picker and replays each in the browser, to the same bytes as Node", async () => {
    const { page } = s;
    await page.getByTestId("tab-replay").click();
    const select = page.getByTestId("scenario-select");
    const offered = await select
      .locator("option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(["bolshevik-1922", "china-1976", "tutorial"]);
    for (const id of ["china-1976", "tutorial", "bolshevik-1922"]) {
      await select.selectOption(id);
      const done = `[data-testid=replay-status][data-state=done][data-scenario="${id}"]`;
      await page.locator(done).waitFor({ timeout: 90_000 });
      const seed = Number(await page.locator(done).getAttribute("data-seed"));
      const scenario = loadScenario(id).scenario;
      const node = runScenario(compileScenario(scenario), { seed });
      expect(await page.locator(done).getAttribute("data-digest"), id).toBe(sha256(JSON.stringify(node)));
      expect(await page.locator(".brand").innerText()).toContain(scenario.title);
      expect(await page.getByTestId("narrative").locator("li").count()).toBeGreaterThan(3);
      expect(await page.getByTestId("network-graph").locator("[data-region]").count()).toBe(
        scenario.regions.length,
      );
      await s.screenshot(`09-scenario-${id}`);
    }
    // A scenario without factor groups says why the server's experiments are off.
    await select.selectOption("tutorial");
    await page.locator('[data-testid=replay-status][data-state=done][data-scenario="tutorial"]').waitFor();
    await page.getByTestId("tab-experiments").click();
    expect(await page.getByTestId("no-question").innerText()).toContain("factors/tutorial.yaml");
    expect(await page.getByTestId("mc-start").isDisabled()).toBe(true);
    await s.screenshot("10-no-question");
    await page.getByTestId("tab-replay").click();
    await select.selectOption("bolshevik-1922");
    expect(s.errors).toEqual([]);
  });
});
