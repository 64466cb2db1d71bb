/**
 * Cross-site request forgery in a real browser: a page on another origin (another port of 127.0.0.1, and
 * `localhost`) tries every way a page can send a write to the API without the user's consent (fetch with and
 * without CORS, a text/plain body shaped like JSON, HTML forms, a beacon), against an API with an interrupted
 * experiment waiting to be resumed. Every write that reaches the server is refused, nothing starts, and the
 * same request from the server's own page does start it (so the test would see an accepted write).
 */

import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planMonteCarlo } from "../../src/experiments/plan.ts";
import { InProcessExecutor } from "../../src/runner/inProcess.ts";
import { createApp, LOOPBACK_HOSTS } from "../../src/server/app.ts";
import { DEFAULT_LIMITS } from "../../src/server/contract.ts";
import { ExperimentManager } from "../../src/server/experiments.ts";
import { inProcessReplays } from "../../src/server/replays.ts";
import { servedScenarios } from "../../src/server/serve.ts";
import { ResultsStore } from "../../src/store/store.ts";
import { report } from "../nightly.ts";
import { CHROMIUM, RUN_BROWSER_TESTS } from "./browser.ts";

interface Seen {
  method: string;
  path: string;
  status: number;
  origin: string | null;
  type: string | null;
}

const dir = mkdtempSync(join(tmpdir(), "apparat-csrf-"));
let store: ResultsStore;
let experiments: ExperimentManager;
let api: ReturnType<typeof serve>;
let evil: Server;
let browser: Browser;
let apiUrl = "";
let evilPort = 0;
let interrupted = 0;
const seen: Seen[] = [];
const figures: Record<string, unknown> = {};

/** The attacker's page: every way to send a write, fired at once, reporting when all have been tried. */
function attackPage(target: string, id: number): string {
  const body = JSON.stringify({ kind: "mc", scenario: "bolshevik-1922", runs: 2 });
  return `<!doctype html><html><body>
<iframe name="sink" style="display:none"></iframe>
<form id="f1" method="POST" action="${target}/api/experiments/${id}/resume" target="sink"><input name="a" value="1"></form>
<form id="f2" method="POST" enctype="text/plain" action="${target}/api/experiments" target="sink">
  <input name='${body.slice(0, -1)}, "pad": "' value='"}'></form>
<form id="f3" method="POST" enctype="multipart/form-data" action="${target}/api/replay" target="sink"><input name="seed" value="1"></form>
<script>
(async () => {
  const results = [];
  const attempt = async (what, run) => { try { await run(); results.push(what + ": sent"); } catch (e) { results.push(what + ": " + e); } };
  const json = ${JSON.stringify(body)};
  await attempt("no-cors resume", () => fetch("${target}/api/experiments/${id}/resume", { method: "POST", mode: "no-cors" }));
  await attempt("no-cors text/plain experiment", () => fetch("${target}/api/experiments", { method: "POST", mode: "no-cors", headers: { "content-type": "text/plain" }, body: json }));
  await attempt("no-cors replay", () => fetch("${target}/api/replay", { method: "POST", mode: "no-cors", body: JSON.stringify({ scenario: "bolshevik-1922", seed: 1 }) }));
  await attempt("cors json resume", () => fetch("${target}/api/experiments/${id}/resume", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }));
  await attempt("cors json experiment", () => fetch("${target}/api/experiments", { method: "POST", headers: { "content-type": "application/json" }, body: json }));
  await attempt("beacon", async () => { if (!navigator.sendBeacon("${target}/api/experiments/${id}/resume", new Blob(["{}"], { type: "text/plain" }))) throw new Error("refused"); });
  await attempt("beacon json", async () => { navigator.sendBeacon("${target}/api/experiments", new Blob([json], { type: "application/json" })); });
  for (const f of ["f1", "f2", "f3"]) { document.getElementById(f).submit(); await new Promise((r) => setTimeout(r, 300)); }
  document.title = "done";
  window.results = results;
})();
</script></body></html>`;
}

describe.runIf(RUN_BROWSER_TESTS)("cross-site writes in a real browser", () => {
  beforeAll(async () => {
    store = ResultsStore.open(join(dir, "results.db"));
    const scenarios = servedScenarios();
    const served = [...scenarios.values()].find((s) => s.isDefault)!;
    // An experiment that stopped part-way: the prize a forged resume would claim.
    interrupted = store.createExperiment(
      planMonteCarlo({
        scenario: served.scenario,
        seed: 1,
        replicates: 2,
        question: served.factors!.question,
      }),
      2,
    );
    experiments = new ExperimentManager({ store, executor: () => new InProcessExecutor(), maxConcurrent: 2 });
    const app = createApp({
      scenarios,
      store,
      experiments,
      limits: DEFAULT_LIMITS,
      replays: inProcessReplays,
      web: null,
      allowedHosts: LOOPBACK_HOSTS,
    });
    const fetch = async (req: Request) => {
      const res = await app.fetch(req);
      seen.push({
        method: req.method,
        path: new URL(req.url).pathname,
        status: res.status,
        origin: req.headers.get("origin"),
        type: req.headers.get("content-type"),
      });
      return res;
    };
    api = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    const address = api.address();
    apiUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    evil = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(attackPage(apiUrl, interrupted));
    });
    await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
    const ea = evil.address();
    evilPort = typeof ea === "object" && ea ? ea.port : 0;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-quic"],
    });
  }, 120_000);

  afterAll(async () => {
    report("cross-site writes", figures);
    await browser?.close();
    await new Promise((r) => evil?.close(r));
    await new Promise((r) => api?.close(r));
    await experiments?.idle();
    store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(["127.0.0.1", "localhost"])(
    "refuses every write from a page at http://%s:<other port>",
    async (host) => {
      const before = seen.length;
      const page = await browser.newPage();
      await page.goto(`http://${host}:${evilPort}/`);
      await page.waitForFunction(() => document.title === "done", undefined, { timeout: 30_000 });
      await new Promise((r) => setTimeout(r, 500));
      const writes = seen.slice(before).filter((r) => r.method !== "GET" && r.method !== "HEAD");
      // Some attempts never leave the browser (a JSON fetch without CORS consent dies at its preflight); those
      // that reach the server are refused, each with a 4xx.
      expect(writes.length).toBeGreaterThanOrEqual(5);
      for (const w of writes) {
        expect(w.status, JSON.stringify(w)).toBeGreaterThanOrEqual(400);
        expect(w.status, JSON.stringify(w)).toBeLessThan(500);
      }
      const posts = writes.filter((w) => w.method === "POST");
      expect(posts.every((w) => w.status === 415 || w.status === 403)).toBe(true);
      figures[host] = writes.map((w) => `${w.method} ${w.path} ${w.type ?? "no type"}: ${w.status}`);
      // Nothing started, nothing resumed.
      expect(store.list().map((e) => e.id)).toEqual([interrupted]);
      expect(store.experiment(interrupted)).toMatchObject({ status: "running", done: 0 });
      expect(experiments.running).toBe(0);
      await page.close();
    },
  );

  it("accepts the same write from the server's own page", async () => {
    const page = await browser.newPage();
    await page.goto(`${apiUrl}/api/health`);
    const status = await page.evaluate(
      async (id) =>
        (
          await fetch(`/api/experiments/${id}/resume`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: "{}",
          })
        ).status,
      interrupted,
    );
    expect(status).toBe(202);
    figures["own page"] = status;
    await experiments.idle();
    expect(store.experiment(interrupted)).toMatchObject({ status: "finished", done: 2 });
    await page.close();
  });
});
