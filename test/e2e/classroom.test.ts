/**
 * The dashboard as a class meets it, in Debian's headless Chromium: the first screen readable on a desktop
 * and on a phone (every narrative entry as wide as its list, no page wider than the screen). Screenshots
 * land in test-results/screenshots/ and, with APPARAT_DOCS_SCREENSHOTS=1, in docs/screenshots/.
 */
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareWithRecord, summaryLine } from "../../src/history/compare.ts";
import { historyIdsOf, parseHistory } from "../../src/history/record.ts";
import { runScenario } from "../../src/kernel/engine.ts";
import { describeOutcome, namesOf } from "../../src/kernel/narrative.ts";
import { bolshevik, bolshevikScenario } from "../fixtures.ts";
import { drag, openDashboard, RUN_BROWSER_TESTS, SCREENSHOTS, type Session } from "./browser.ts";

const TABS = ["lesson", "replay", "counterfactuals", "experiments", "mechanisms", "about"] as const;
let s: Session;

/** A fresh load of the dashboard on a seed (a hash change alone would keep the history already shown). */
async function openReplay(page: Page, url: string, seed: number): Promise<void> {
  await page.goto("about:blank");
  await page.goto(`${url}#replay?seed=${seed}`);
  await page
    .locator(`[data-testid=replay-status][data-state=done][data-seed="${seed}"]`)
    .waitFor({ timeout: 60_000 });
}

/** Width of every narrative entry's text next to the width of the list that holds it. */
function narrativeWidths(page: Page) {
  return page.getByTestId("narrative").evaluate((list) => {
    const listWidth = list.clientWidth;
    return Array.from(list.querySelectorAll("li"), (li) => ({
      text: li.textContent ?? "",
      classes: li.className,
      width: Math.min(
        li.getBoundingClientRect().width,
        li.querySelector(".narrative-text")?.getBoundingClientRect().width ?? 0,
      ),
      listWidth,
    }));
  });
}

describe.runIf(RUN_BROWSER_TESTS)("the dashboard in a classroom", () => {
  beforeAll(async () => {
    s = await openDashboard();
  }, 240_000);
  afterAll(async () => {
    await s?.close();
  });

  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    it(`shows a readable narrative at ${width} px`, async () => {
      const { page } = s;
      await page.setViewportSize({ width, height });
      await openReplay(page, s.server.url, 1);
      const items = await narrativeWidths(page);
      expect(items.length).toBeGreaterThan(10);
      // Key events (removals, congresses, the outcome) were once squeezed into a 6 px legend swatch.
      expect(items.some((i) => i.classes.includes("narrative-key"))).toBe(true);
      for (const item of items) {
        expect(item.width, item.text).toBeGreaterThan(Math.min(200, item.listWidth * 0.6));
        expect(item.width, item.text).toBeGreaterThanOrEqual(item.listWidth * 0.8);
      }
      await s.docsScreenshot(`replay-${width}`);
      expect(s.errors).toEqual([]);
    });
  }

  it("shows a history in the middle of its course beside the record (the README's picture)", async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1440, height: 900 });
    await openReplay(page, s.server.url, 7);
    const dates = runScenario(bolshevik(), { seed: 7 }).series.dates;
    const week = dates.findIndex((d) => d >= "1926-02-15");
    await drag(page, "timeline", week);
    await expect.poll(() => page.getByTestId("timeline-date").getAttribute("data-date")).toBe(dates[week]);
    await page.waitForTimeout(600); // the network glides to the week
    expect(await page.getByTestId("narrative").locator("li[data-kind=record]").count()).toBeGreaterThan(10);
    await s.docsScreenshot("replay");
  });

  it("sets the historical record beside the run: in the narrative, on the timeline, and where it first diverges", async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openReplay(page, s.server.url, 1);
    const scenario = bolshevikScenario();
    const record = parseHistory(
      readFileSync(new URL("../../validation/bolshevik-1922.history.yaml", import.meta.url), "utf8"),
      "history",
      historyIdsOf(scenario),
    );
    const node = runScenario(bolshevik(), { seed: 1 });
    const cmp = compareWithRecord(record, node.events, {
      firstCongressNumber: scenario.bodies.find((b) => b.kind === "congress")!.firstNumber!,
      runEnd: node.series.dates.at(-1),
    });
    // The browser says what Node says, from the same pure code.
    expect(await page.getByTestId("divergence").innerText()).toBe(summaryLine(cmp));
    const narrative = page.getByTestId("narrative");
    expect(await narrative.locator("li[data-kind=record]").count()).toBe(cmp.rows.length);
    expect(await page.getByTestId("record-marks").locator("button").count()).toBe(cmp.rows.length);
    const missing = cmp.rows.filter((r) => r.verdict === "missing").length;
    expect(await narrative.locator("li[data-kind=record][data-verdict=missing]").count()).toBe(missing);
    // Every record entry says how this run compares, and names its sources.
    for (const text of await narrative.locator("li[data-kind=record]").allInnerTexts())
      expect(text).toMatch(/(In this run .+|Does not happen in this run\.)[\s\S]*\[[^\]]+\]/);
    await page.getByTestId("show-record").uncheck();
    expect(await narrative.locator("li[data-kind=record]").count()).toBe(0);
    expect(await page.getByTestId("divergence").count()).toBe(0);
    await page.getByTestId("show-record").check();
    expect(s.errors).toEqual([]);
  });

  it("prints a handout of one history: the whole narrative with the record, the charts, no controls", async () => {
    const { page } = s;
    await page.setViewportSize({ width: 794, height: 1123 });
    await openReplay(page, s.server.url, 1);
    const dates = runScenario(bolshevik(), { seed: 1 }).series.dates;
    await page.evaluate(() => {
      const w = window as unknown as { printed: number };
      w.printed = 0;
      window.print = () => {
        w.printed++;
      };
    });
    await page.getByTestId("print-handout").click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed), { timeout: 5_000 })
      .toBe(1);
    // The handout shows the history to its end.
    expect(await page.getByTestId("timeline-date").getAttribute("data-date")).toBe(dates.at(-1));
    await page.emulateMedia({ media: "print" });
    try {
      const shown = (sel: string) =>
        page
          .locator(sel)
          .first()
          .evaluate((el) => getComputedStyle(el).display !== "none");
      expect(await shown(".top")).toBe(false);
      expect(await shown(".controls")).toBe(false);
      expect(await shown(".handout-head")).toBe(true);
      expect(await page.locator(".handout-head h1").innerText()).toMatch(/one possible history \(seed 1\)/);
      // Nothing scrolls on paper: the narrative is laid out in full.
      const list = await page.getByTestId("narrative").evaluate((el) => ({
        scroll: el.scrollHeight,
        client: el.clientHeight,
      }));
      expect(list.scroll).toBeLessThanOrEqual(list.client + 1);
      expect(await shown("[data-testid=power-charts] canvas")).toBe(true);
      expect(await shown("[data-testid=network-graph]")).toBe(true);
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      const pages = pdf.toString("latin1").match(/\/Type\s*\/Page\b/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(3);
      await s.docsScreenshot("handout");
    } finally {
      await page.emulateMedia({ media: "screen" });
    }
    expect(s.errors).toEqual([]);
  });

  it("guides a class through the lesson: replay, one lever, many histories, the answer", async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openReplay(page, s.server.url, 1);
    await page.getByTestId("tab-lesson").click();
    const view = page.getByTestId("lesson-view");
    await view.waitFor({ timeout: 20_000 });
    expect(await view.locator(".lesson-step:not([hidden]) .lesson-questions li").count()).toBeGreaterThan(1);
    await page.getByTestId("teacher-notes").check();
    expect(await view.locator(".lesson-step:not([hidden]) [data-testid=teacher-note]").count()).toBe(1);
    await s.screenshot("lesson-1");

    // Step 1: the replay of the step's seed, with a way back to the questions.
    await page.getByTestId("lesson-action-replay").click();
    await page
      .locator("[data-testid=replay-status][data-state=done][data-seed='7']")
      .waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("lesson-bar").innerText()).toMatch(/step 1 of 4/);
    await page.getByTestId("lesson-bar").getByRole("button").click();

    // Step 2: the same seed with the post given to another leader, beside the unchanged history.
    await page.getByTestId("lesson-step-2").click();
    await page.getByTestId("lesson-action-counterfactual").click();
    await page.getByTestId("cf-outcome-changed").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("cf-office-general-secretary").inputValue()).toBe("zinoviev");
    const changed = runScenario(bolshevik({ "offices.general-secretary.holder": "zinoviev" }), { seed: 7 });
    expect(await page.getByTestId("cf-outcome-changed").innerText()).toContain(
      describeOutcome(changed.outcome, namesOf(bolshevikScenario())).replace(/\.$/, ""),
    );

    // Step 3: the same change over many seeds on the server.
    await page.getByTestId("tab-lesson").click();
    await page.getByTestId("lesson-step-3").click();
    await page.getByTestId("lesson-action-compare").click();
    await page.getByTestId("whatif-result").waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("whatif-result").innerText()).toMatch(/interval/i);

    // Step 4: the answer, on the Experiments tab.
    await page.getByTestId("tab-lesson").click();
    await page.getByTestId("lesson-step-4").click();
    await page.getByTestId("lesson-action-report").click();
    await page.getByTestId("mc-start").waitFor({ timeout: 10_000 });
    expect(await page.getByTestId("lesson-bar").innerText()).toMatch(/step 4 of 4/);
    expect(s.errors).toEqual([]);
  });

  it("opens the prebuilt factor report with the essay answers from the Experiments tab", async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openReplay(page, s.server.url, 1);
    await page.getByTestId("tab-experiments").click();
    const link = page.getByTestId("prebuilt-report-link");
    await link.waitFor({ timeout: 20_000 });
    const index = JSON.parse(
      readFileSync(new URL("../../web/public/reports/index.json", import.meta.url), "utf8"),
    ) as {
      reports: { scenario: string; html: string; runsPerCombination: number }[];
    };
    const entry = index.reports.find((r) => r.scenario === "bolshevik-1922")!;
    expect(await link.getAttribute("href")).toBe(entry.html);
    const panel = page.getByTestId("prebuilt-report");
    expect(await panel.innerText()).toContain(`${entry.runsPerCombination} runs per combination`);
    // A trial build says so on the dashboard as well as in the report.
    expect(await page.getByTestId("prebuilt-report-trial").count()).toBe(
      entry.runsPerCombination < 200 ? 1 : 0,
    );
    await s.screenshot("experiments-prebuilt-report");
    const report = await page.context().newPage();
    try {
      await report.goto(new URL(entry.html, s.server.url).href);
      await report.locator("#essay-answers").waitFor({ timeout: 10_000 });
      const text = await report.locator("main").innerText();
      expect(text).toMatch(/How significant was .* General Secretary/);
      expect(text).toMatch(/The runs trace one chain, congress after congress/);
      expect(await report.locator("#per-post table tbody tr").count()).toBeGreaterThan(3);
      expect(await report.locator("#chain table tbody tr").count()).toBeGreaterThan(1);
      expect(await report.locator("#grouping table thead th").count()).toBe(3);
      expect(text).toContain(`was run ${entry.runsPerCombination} times`);
      await report.setViewportSize({ width: 1280, height: 900 });
      await report.screenshot({ path: `${SCREENSHOTS}prebuilt-report.png` });
      await report
        .locator("#essay-answers")
        .screenshot({ path: `${SCREENSHOTS}prebuilt-report-answers.png` });
      await report.locator("#chain").screenshot({ path: `${SCREENSHOTS}prebuilt-report-chain.png` });
    } finally {
      await report.close();
    }
    expect(s.errors).toEqual([]);
  });

  it("moves between tabs with the arrow keys, Home and End, one tab stop for the list (ARIA tabs)", async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openReplay(page, s.server.url, 1);
    const selected = () => page.locator("[role=tab][aria-selected=true]").getAttribute("data-testid");
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
    expect(await page.locator("[role=tab][tabindex='0']").count()).toBe(1);
    await page.getByTestId("tab-replay").focus();
    await page.keyboard.press("ArrowRight");
    expect(await selected()).toBe("tab-counterfactuals");
    expect(await focused()).toBe("tab-counterfactuals");
    await page.keyboard.press("End");
    expect(await selected()).toBe("tab-about");
    await page.keyboard.press("ArrowRight");
    expect(await selected()).toBe("tab-lesson");
    await page.keyboard.press("ArrowLeft");
    expect(await selected()).toBe("tab-about");
    await page.keyboard.press("Home");
    expect(await selected()).toBe("tab-lesson");
    // The panel names the tab that shows it.
    const panel = page.locator("[role=tabpanel]");
    expect(await panel.getAttribute("aria-labelledby")).toBe("tab-lesson");
    expect(await page.getByTestId("tab-lesson").getAttribute("aria-controls")).toBe(
      await panel.getAttribute("id"),
    );
  });

  it("works from the keyboard: the timeline, the narrative, the figures behind the charts", async () => {
    const { page } = s;
    await openReplay(page, s.server.url, 1);
    const dates = runScenario(bolshevik(), { seed: 1 }).series.dates;
    const date = () => page.getByTestId("timeline-date").getAttribute("data-date");
    await page.getByTestId("timeline").focus();
    await page.keyboard.press("Home");
    expect(await date()).toBe(dates[0]);
    await page.keyboard.press("ArrowRight");
    expect(await date()).toBe(dates[1]);
    // An entry of the narrative, chosen with the keyboard, moves the timeline to its week.
    const entry = page.getByTestId("narrative").locator("li[data-kind=run]").nth(5);
    const tick = Number(await entry.getAttribute("data-tick"));
    await entry.locator("button").focus();
    await page.keyboard.press("Enter");
    expect(await date()).toBe(dates[tick]);
    // The canvas chart says in words what it shows, and opens its figures as a table.
    const label = await page.getByTestId("power-chart-canvas").getAttribute("aria-label");
    expect(label).toMatch(/for each leader, from .+ to .+\. On .+: \w+ \d+/);
    const figures = page.getByTestId("power-charts").locator("details.chart-figures");
    await figures.locator("summary").focus();
    await page.keyboard.press("Enter");
    expect(await figures.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await figures.locator("tbody tr").count()).toBe(
      bolshevikScenario().people.filter((p) => p.role === "leader").length,
    );
    expect(await page.getByTestId("network-summary").innerText()).toMatch(/regional party organisations/);
  });

  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const)
    it(`has no serious or critical accessibility violations on any tab at ${width} px (axe-core)`, async () => {
      const { page } = s;
      await page.setViewportSize({ width, height });
      await openReplay(page, s.server.url, 1);
      const found: string[] = [];
      for (const tab of TABS) {
        await page.getByTestId(`tab-${tab}`).click();
        await page.waitForTimeout(400);
        const result = await new AxeBuilder({ page }).analyze();
        for (const v of result.violations)
          if (v.impact === "serious" || v.impact === "critical")
            found.push(`${tab}: ${v.impact} ${v.id} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
      }
      expect(found).toEqual([]);
      await page.setViewportSize({ width: 1280, height: 800 });
    });

  it("fits a 390 px phone on every tab, with no sideways scrolling", async () => {
    const { page } = s;
    await page.setViewportSize({ width: 390, height: 844 });
    await openReplay(page, s.server.url, 1);
    for (const tab of TABS) {
      await page.getByTestId(`tab-${tab}`).click();
      await page.waitForTimeout(300);
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scroll, tab).toBeLessThanOrEqual(390);
      await s.screenshot(`phone-${tab}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
