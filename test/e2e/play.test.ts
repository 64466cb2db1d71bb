/**
 * The Play tab end to end, in Debian's headless Chromium against a real `apparat serve`: take a leader's seat,
 * play scripted moves through the decision cards (the engine replaying the game in the Web Worker), play the
 * rest by instinct to the end, and check that the end is the one Node reaches with the same moves. The shared
 * link reopens the same game. Screenshots land in test-results/screenshots/ (and docs/screenshots/ with
 * APPARAT_DOCS_SCREENSHOTS=1).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultPolicy, Game } from "../../src/kernel/decisions/game.ts";
import { leaderView } from "../../src/kernel/decisions/view.ts";
import { describeOutcome, namesOf } from "../../src/kernel/narrative.ts";
import { bolshevik, bolshevikScenario } from "../fixtures.ts";
import { openDashboard, RUN_BROWSER_TESTS, type Session } from "./browser.ts";

const SEED = 3;
let s: Session;

describe.runIf(RUN_BROWSER_TESTS)("the Play tab in a real browser", () => {
  beforeAll(async () => {
    s = await openDashboard();
  }, 300_000);
  afterAll(async () => {
    await s?.close();
  });

  it("plays a scripted game to the end, to the same end as Node", async () => {
    const { page } = s;
    await page.getByTestId("tab-play").click({ timeout: 60_000 });
    await page.getByTestId("play-leader").selectOption("trotsky");
    await page.getByTestId("play-seed").fill(String(SEED));
    await page.getByTestId("play-start").click();
    await page.getByTestId("play-panel").waitFor({ timeout: 60_000 });
    expect(await page.getByTestId("play-rivals").innerText()).toContain("(you)");
    await s.docsScreenshot("play-01-turn", { fullPage: true });
    // The script: wait, then the first alliance on offer, then wait again.
    const moves: string[] = ["wait", "ally", "wait"];
    for (const kind of moves) {
      const before = await page.getByTestId("play-panel").locator("h2").innerText();
      await page.locator(`[data-testid=play-choice][data-kind=${kind}]`).first().click();
      await expect
        .poll(() => page.getByTestId("play-panel").locator("h2").innerText(), { timeout: 60_000 })
        .not.toBe(before);
    }
    expect(await page.getByTestId("play-last").innerText()).toContain("done");
    const link = page.url();
    expect(link).toContain("#play?");
    expect(link).toContain("as=trotsky");
    await page.getByTestId("play-finish").click();
    await page.getByTestId("play-end").waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("play-record").locator("summary").innerText()).toMatch(/record/);
    await s.docsScreenshot("play-02-end", { fullPage: true });

    // Node, with the moves the link holds, then the rest by instinct.
    const params = new URLSearchParams(link.split("?")[1]);
    const played = JSON.parse(params.get("moves")!);
    expect(played.map((m: { kind: string }) => m.kind)).toEqual(moves);
    const g = Game.replay(bolshevik(), {
      format: 1,
      scenario: "bolshevik-1922",
      seed: SEED,
      as: "trotsky",
      moves: played,
    });
    g.playOut(defaultPolicy);
    const sentence = describeOutcome(g.result().outcome, namesOf(bolshevikScenario()));
    expect(await page.getByTestId("play-outcome").innerText()).toBe(sentence);
    expect(s.errors).toEqual([]);
  }, 400_000);

  it("a shared link reopens the game at the same turn", async () => {
    const { page } = s;
    const moves = JSON.stringify([{ kind: "wait" }, { kind: "wait" }]);
    // A fresh page load, as when someone opens the link.
    await page.goto("about:blank");
    await page.goto(`${s.server.url}#play?seed=${SEED}&as=zinoviev&moves=${encodeURIComponent(moves)}`);
    await page.getByTestId("play-panel").waitFor({ timeout: 120_000 });
    const g = Game.replay(bolshevik(), {
      format: 1,
      scenario: "bolshevik-1922",
      seed: SEED,
      as: "zinoviev",
      moves: JSON.parse(moves),
    });
    const title = await page.getByTestId("play-panel").locator("h2").innerText();
    expect(title).toContain(g.world.sc.people[g.me]!.name);
    expect(title).toContain(leaderView(g.world, g.me).date);
    expect(s.errors).toEqual([]);
  }, 300_000);
});
