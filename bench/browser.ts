/**
 * Experiments in the browser, outside the test suite: runs per second of the dashboard's engine pool in
 * Chromium (real Web Workers, the e2e harness's browser) on one worker, on one per core (its parallel
 * efficiency) and on the dashboard's default pool (one per core but one) when that is another size, and
 * beside them the same runs on this Node thread (the engine's speed without the browser). The rows are checked
 * to be the same bytes everywhere. Skipped with a note when Chromium is missing.
 * Flags: `--json`, `--browser-runs N` (runs per timing, default 24).
 */
import { cpus, loadavg } from "node:os";
import { PlanRunner, tasksFor } from "../src/experiments/execute.ts";
import { planMonteCarlo } from "../src/experiments/plan.ts";
import type { ExperimentPlan } from "../src/experiments/types.ts";
import { loadFactors } from "../src/node/factors.ts";
import { loadScenario } from "../src/node/scenarios.ts";
import { CHROMIUM, HAVE_CHROMIUM } from "../test/e2e/browser.ts";
import { openEnginePage } from "../test/e2e/enginePage.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(flag("--browser-runs") ?? 24);

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  node: process.version,
  loadAverage1m: +loadavg()[0]!.toFixed(2),
};

if (!HAVE_CHROMIUM) {
  const note = `no Chromium at ${CHROMIUM}: browser benchmark skipped (apt-get install chromium)`;
  if (json) process.stdout.write(`${JSON.stringify({ machine, skipped: note })}\n`);
  else console.log(note);
  process.exit(0);
}

const { scenario } = loadScenario("bolshevik-1922");
const question = loadFactors(scenario, undefined)!.question;
const warm = planMonteCarlo({ scenario, seed: 998, replicates: 4, question });
const plan = planMonteCarlo({ scenario, seed: 7, replicates: RUNS, question });

// The engine on this Node thread, for comparison (after a warm-up run).
const runner = new PlanRunner(plan);
new PlanRunner(warm).run(tasksFor(warm)[0]!);
const t0 = performance.now();
const nodeRows = tasksFor(plan).map((t) => runner.run(t));
const nodeSeconds = (performance.now() - t0) / 1000;

type PoolWindow = {
  EnginePool: new (size: number) => { runPlan(plan: ExperimentPlan): Promise<unknown[]>; terminate(): void };
  defaultPoolSize: () => number;
};

const session = await openEnginePage();
let result: Record<string, unknown>;
try {
  const cores = await session.page.evaluate(() => navigator.hardwareConcurrency);
  const defaultSize = await session.page.evaluate(() => (window as unknown as PoolWindow).defaultPoolSize());
  const timing = async (size: number) =>
    session.page.evaluate(
      async ({ size, warm, plan }) => {
        const pool = new (window as unknown as PoolWindow).EnginePool(size);
        try {
          // Warm every worker (start, compile, JIT) before timing.
          await pool.runPlan({ ...warm, replicates: Math.max(warm.replicates, 2 * size) });
          const t = performance.now();
          const rows = await pool.runPlan(plan);
          return { ms: performance.now() - t, json: JSON.stringify(rows) };
        } finally {
          pool.terminate();
        }
      },
      { size, warm, plan },
    );
  const one = await timing(1);
  const all = await timing(cores);
  const byDefault = defaultSize === 1 ? one : defaultSize === cores ? all : await timing(defaultSize);
  const same = one.json === all.json && one.json === byDefault.json && one.json === JSON.stringify(nodeRows);
  const rate = (ms: number) => +(RUNS / (ms / 1000)).toFixed(2);
  result = {
    machine: { ...machine, browserCores: cores },
    runsPerTiming: RUNS,
    browserOneWorker: { runsPerSecond: rate(one.ms), seconds: +(one.ms / 1000).toFixed(2) },
    browserPool: { workers: cores, runsPerSecond: rate(all.ms), seconds: +(all.ms / 1000).toFixed(2) },
    browserEfficiency: +(one.ms / all.ms / cores).toFixed(3),
    browserDefaultPool: { workers: defaultSize, runsPerSecond: rate(byDefault.ms) },
    nodeThread: { runsPerSecond: +(RUNS / nodeSeconds).toFixed(2), seconds: +nodeSeconds.toFixed(2) },
    sameRowsEverywhere: same,
    pageErrors: session.errors,
  };
} finally {
  await session.close();
}

if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const r = result as {
    machine: typeof machine & { browserCores: number };
    browserOneWorker: { runsPerSecond: number };
    browserPool: { workers: number; runsPerSecond: number };
    browserEfficiency: number;
    browserDefaultPool: { workers: number; runsPerSecond: number };
    nodeThread: { runsPerSecond: number };
    sameRowsEverywhere: boolean;
  };
  console.log(
    `browser experiments (Chromium, ${RUNS} runs of the Monte Carlo per timing, aggregate members; ${r.machine.cores} cores, load average ${r.machine.loadAverage1m}):`,
  );
  console.log(`  one Web Worker:        ${r.browserOneWorker.runsPerSecond} runs/s`);
  console.log(
    `  ${r.browserPool.workers} Web Workers (one per core): ${r.browserPool.runsPerSecond} runs/s, parallel efficiency ${(100 * r.browserEfficiency).toFixed(0)}%`,
  );
  console.log(
    `  the dashboard's default pool (one per core but one): ${r.browserDefaultPool.workers} worker${r.browserDefaultPool.workers === 1 ? "" : "s"}, ${r.browserDefaultPool.runsPerSecond} runs/s`,
  );
  console.log(`  the same runs on one Node thread: ${r.nodeThread.runsPerSecond} runs/s`);
  console.log(
    `  rows the same bytes on 1 worker, on ${r.browserPool.workers} and in Node: ${r.sameRowsEverywhere ? "yes" : "NO"}`,
  );
}
