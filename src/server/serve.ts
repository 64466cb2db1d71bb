/**
 * Starts the API and the dashboard on one local port: the built-in scenarios loaded once, the results store
 * the CLI uses, experiments on worker threads, and the dashboard's build (prebuilt in an installed package;
 * in a source checkout, made first if it is missing or older than its sources).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { loadBibliography } from "../node/bibliography.ts";
import { loadFactors } from "../node/factors.ts";
import { loadHistory } from "../node/history.ts";
import { loadLesson } from "../node/lesson.ts";
import { builtinScenarios, DEFAULT_SCENARIO, loadScenario } from "../node/scenarios.ts";
import type { Executor } from "../runner/executor.ts";
import { PoolExecutor } from "../runner/pool.ts";
import { prepareMessages } from "../scenario/load.ts";
import { ResultsStore } from "../store/store.ts";
import { createApp, LOOPBACK_HOSTS, type ServedScenario } from "./app.ts";
import type { Limits } from "./contract.ts";
import { ExperimentManager } from "./experiments.ts";
import { ReplayPool } from "./replays.ts";
import { loadStaticFiles } from "./static.ts";

/** The dashboard's sources and build folder. */
export const WEB_DIR = fileURLToPath(new URL("../../web/", import.meta.url));
export const WEB_DIST = join(WEB_DIR, "dist");

/** The server cannot start as asked (port taken, unknown address, dashboard not buildable): the message says why. */
export class ServeError extends Error {
  override name = "ServeError";
}

export interface ServeOptions {
  port: number;
  host: string;
  store: string;
  workers: number;
  limits: Limits;
  /** Serve the dashboard (building it when needed); false serves the API alone. */
  dashboard: boolean;
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  /** Ids of the experiments running now (a stop interrupts them; they can be resumed). */
  runningExperiments(): number[];
  /** Stops listening and waits for running experiments to finish. */
  close(): Promise<void>;
}

/** Whether an address to listen on is this machine's loopback (then only loopback names are answered). */
function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Built-in scenarios by id, each with its factor-group file where one exists. */
export function servedScenarios(): Map<string, ServedScenario> {
  const out = new Map<string, ServedScenario>();
  for (const name of builtinScenarios()) {
    const { scenario } = loadScenario(name);
    out.set(scenario.id, {
      scenario,
      factors: loadFactors(scenario, undefined),
      isDefault: name === DEFAULT_SCENARIO,
      history: loadHistory(scenario),
      bibliography: loadBibliography(scenario.id),
      lesson: loadLesson(scenario),
    });
  }
  return out;
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const st = statSync(p);
    if (st.isDirectory()) newest = Math.max(newest, newestMtime(readdirSync(p).map((f) => join(p, f))));
    else newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

/**
 * Makes sure the dashboard's build is there. An installed package ships it prebuilt (made when the package
 * was packed) and has no sources to build from; a source checkout builds it with Vite (a development
 * dependency) when the build is missing or older than any of its sources.
 */
export async function ensureDashboardBuilt(log: (line: string) => void): Promise<void> {
  const built = join(WEB_DIST, "index.html");
  const webSources = join(WEB_DIR, "src");
  if (!existsSync(webSources)) {
    if (existsSync(built)) return;
    throw new ServeError(
      `the dashboard's build is missing (${built}): reinstall apparat, or start with --no-dashboard to serve the API alone`,
    );
  }
  // The public folder holds the prebuilt reports, copied into the build as they are.
  const sources = [
    webSources,
    join(WEB_DIR, "public"),
    join(WEB_DIR, "index.html"),
    join(WEB_DIR, "vite.config.ts"),
  ];
  const srcDir = fileURLToPath(new URL("../", import.meta.url));
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime([...sources, srcDir])) return;
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    throw new ServeError(
      `the dashboard is not built (${built} is missing or stale) and Vite is not installed to build it: run npm ci, then npm run build:web`,
    );
  }
  log("building the dashboard...");
  await vite.build({ configFile: join(WEB_DIR, "vite.config.ts"), logLevel: "warn" });
}

/**
 * Starts the server and resolves once it listens.
 *
 * @example
 * const server = await startServer({ port: 5178, host: "127.0.0.1", store: "apparat-results.db", ... });
 * await server.close();
 */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const log = o.log ?? (() => {});
  if (o.dashboard) await ensureDashboardBuilt(log);
  const store = ResultsStore.open(o.store);
  // Made before the server listens: the first refused change would otherwise hold up every request meanwhile.
  prepareMessages();
  // Runs go to worker threads even with one worker: on this thread they would hold up every request.
  const executor = (): Executor => new PoolExecutor(o.workers);
  const replays = new ReplayPool({
    threads: o.limits.maxConcurrentReplays,
    timeoutMs: o.limits.replayTimeoutSeconds * 1000,
  });
  const experiments = new ExperimentManager({
    store,
    executor,
    maxConcurrent: o.limits.maxConcurrentExperiments,
  });
  const app = createApp({
    scenarios: servedScenarios(),
    store,
    experiments,
    limits: o.limits,
    replays,
    web: o.dashboard ? loadStaticFiles(WEB_DIST) : null,
    allowedHosts: isLoopback(o.host) ? LOOPBACK_HOSTS : null,
  });
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: o.port, hostname: o.host }, () => resolve(s));
      s.once("error", reject);
    });
  } catch (err) {
    store.close();
    await replays.close();
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE")
      throw new ServeError(
        `port ${o.port} on ${o.host} is in use: stop what holds it, or pick another with --port`,
      );
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
      throw new ServeError(`cannot listen on host "${o.host}": it is not an address of this machine`);
    throw err;
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : o.port;
  const host = o.host.includes(":") ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}/`,
    runningExperiments: () => experiments.activeIds(),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open event streams would hold the server open: end them.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
      await experiments.idle();
      await replays.close();
      store.close();
    },
  };
}
