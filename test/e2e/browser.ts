/**
 * Debian's Chromium driven by playwright-core, and the dashboard served by a real `apparat serve` server,
 * for the end-to-end tests. Chromium comes from the system package (`apt-get install chromium`); Playwright's
 * own browser download is never used. Without Chromium the tests are skipped outside CI and fail in CI.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { DEFAULT_LIMITS } from "../../src/server/contract.ts";
import { type RunningServer, startServer } from "../../src/server/serve.ts";

export const CHROMIUM = process.env.APPARAT_CHROMIUM ?? "/usr/bin/chromium";
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
/** In CI a missing browser is a failure, not a skip. */
export const RUN_BROWSER_TESTS = HAVE_CHROMIUM || process.env.CI === "true";

export const SCREENSHOTS = new URL("../../test-results/screenshots/", import.meta.url).pathname;
/** The README's and docs' pictures: refreshed by the suite when APPARAT_DOCS_SCREENSHOTS=1. */
export const DOCS_SCREENSHOTS = new URL("../../docs/screenshots/", import.meta.url).pathname;
const UPDATE_DOCS = process.env.APPARAT_DOCS_SCREENSHOTS === "1";

/** Flags for a root user in a sandbox with no network: no sandboxing, no GPU, no calls home. */
export const FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export interface Session {
  server: RunningServer;
  /** The server's results store file (tests may add to it, as another process would). */
  storeFile: string;
  browser: Browser;
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  screenshot(name: string): Promise<string>;
  /** A picture for the docs (the viewport, what a reader sees first, unless fullPage), also in docs/ when asked. */
  docsScreenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export async function openDashboard(): Promise<Session> {
  if (!HAVE_CHROMIUM)
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set APPARAT_CHROMIUM)`);
  const dir = mkdtempSync(join(tmpdir(), "apparat-e2e-"));
  const storeFile = join(dir, "results.db");
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    store: storeFile,
    workers: 2,
    limits: DEFAULT_LIMITS,
    dashboard: true,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  // A page of its own context: axe-core opens a second page in the same context to finish its run.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console error: ${m.text()}`);
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.goto(server.url);
  return {
    server,
    storeFile,
    browser,
    page,
    errors,
    screenshot: async (name) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    docsScreenshot: async (name, options = {}) => {
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path, fullPage: options.fullPage ?? false });
      if (UPDATE_DOCS) copyFileSync(path, join(DOCS_SCREENSHOTS, `${name}.png`));
      return path;
    },
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Sets a range input the way a user's drag does: the value changes and React hears an input event. */
export async function drag(page: Page, testId: string, value: number): Promise<void> {
  await page.getByTestId(testId).evaluate((el, v) => {
    const input = el as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
    setter.call(input, String(v));
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, value);
}
