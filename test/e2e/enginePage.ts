/**
 * The dashboard's engine pool (web/src/engine.ts, its worker and the engine) built with Vite into a page of its
 * own, served over loopback and opened in Debian's Chromium, for tests and benchmarks that need real Web
 * Workers. The page exposes `EnginePool` on `window`; nothing of it ships with the dashboard.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { CHROMIUM, FLAGS } from "./browser.ts";

const ROOT = fileURLToPath(new URL("./enginePage/", import.meta.url));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
};

export interface EnginePage {
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  close(): Promise<void>;
}

export async function openEnginePage(): Promise<EnginePage> {
  const out = mkdtempSync(join(tmpdir(), "apparat-engine-page-"));
  await build({
    root: ROOT,
    configFile: false,
    // Errors only: Vite's notes on its own build timings are noise here.
    logLevel: "error",
    worker: { format: "es" },
    build: { outDir: out, emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 4000 },
  });
  const server: Server = createServer((req, res) => {
    const path = normalize(new URL(req.url ?? "/", "http://x").pathname).replace(/^\/+/, "");
    const file = join(out, path === "" ? "index.html" : path);
    if (!file.startsWith(out)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console error: ${m.text()}`);
    });
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForSelector("body[data-ready=true]");
    const opened = browser;
    return {
      page,
      errors,
      close: async () => {
        await opened.close();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        rmSync(out, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
    throw err;
  }
}
