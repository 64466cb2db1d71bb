/**
 * Experiment throughput, outside the test suite: runs per second on this thread, on 1 and 2 worker threads
 * (parallel efficiency against the 1-thread pool), through the queue when `--queue URL` names a Redis with
 * workers attached, and the store's write rate. `npm run bench` runs it after the replay benchmark.
 * Flags: `--json`, `--experiment-replicates N` (seeds of the attribution slice timed, default 20: 640 runs;
 * a shorter slice mostly times each worker's start-up, which a real attribution of 6,400 runs amortises),
 * `--rounds N` (alternating 1- and 2-worker timings, default 3), `--queue URL`.
 */

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance as nodePerformance } from "node:perf_hooks";
import { serialize } from "node:v8";
import { Worker } from "node:worker_threads";
import { tasksFor } from "../src/experiments/execute.ts";
import { parseFactors } from "../src/experiments/factors.ts";
import { planAttribution, planMonteCarlo, totalRuns } from "../src/experiments/plan.ts";
import { loadScenario } from "../src/node/scenarios.ts";
import { batches, type Executor } from "../src/runner/executor.ts";
import { InProcessExecutor } from "../src/runner/inProcess.ts";
import { PoolExecutor } from "../src/runner/pool.ts";
import { ResultsStore } from "../src/store/store.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const replicates = Number(flag("--experiment-replicates") ?? 20);
const queueUrl = flag("--queue");

// The workload is a slice of the default attribution: every one of its 32 combinations (some with whole
// mechanisms off, so faster than the baseline) for a few seeds, the mix a real attribution runs.
const { scenario } = loadScenario("bolshevik-1922");
const groupsFile = new URL("../factors/bolshevik-1922.yaml", import.meta.url);
const factors = parseFactors(readFileSync(groupsFile, "utf8"), "factors/bolshevik-1922.yaml", scenario);
const question = factors.question;
const plan = (seed: number) =>
  planAttribution({ scenario, seed, replicates, question, groups: factors.groups });
const runs = totalRuns(plan(1));

interface Rate {
  runsPerSecond: number;
  seconds: number;
  /** CPU time of the whole process (every thread) per run: on a busy machine, steadier than wall time. */
  cpuMsPerRun: number;
  /** Share of the wall time the main thread was busy (event-loop utilisation): dispatch, rows, stores. */
  mainThreadBusy: number;
}

/** Runs per second of one executor on a fresh plan, after a warm-up that starts its workers. */
async function rate(executor: Executor): Promise<Rate> {
  const warm = planMonteCarlo({ scenario, seed: 999, replicates: 8, question });
  await executor.run(warm, batches(tasksFor(warm), 1), () => {});
  const p = plan(1);
  const cpu0 = process.cpuUsage();
  const elu0 = nodePerformance.eventLoopUtilization();
  const t0 = performance.now();
  await executor.run(p, batches(tasksFor(p), 4), () => {});
  const seconds = (performance.now() - t0) / 1000;
  const elu = nodePerformance.eventLoopUtilization(elu0);
  const cpu = process.cpuUsage(cpu0);
  await executor.close();
  return {
    runsPerSecond: +(runs / seconds).toFixed(2),
    seconds: +seconds.toFixed(2),
    cpuMsPerRun: +((cpu.user + cpu.system) / 1000 / runs).toFixed(1),
    mainThreadBusy: +elu.utilization.toFixed(3),
  };
}

// The 1- and 2-worker timings alternate over a few rounds, so a spell of load on the shared machine falls on
// both; the efficiency is taken within each round and the median round reported, with the spread beside it.
const rounds = Math.max(1, Number(flag("--rounds") ?? 3));
const thread = await rate(new InProcessExecutor());
const pool1s: Rate[] = [];
const pool2s: Rate[] = [];
for (let r = 0; r < rounds; r++) {
  pool1s.push(await rate(new PoolExecutor(1)));
  pool2s.push(await rate(new PoolExecutor(2)));
}
const efficiencies = pool2s.map((two, r) => two.runsPerSecond / (2 * pool1s[r]!.runsPerSecond));
const medianRound = [...efficiencies.keys()].sort((a, b) => efficiencies[a]! - efficiencies[b]!)[
  Math.floor(rounds / 2)
]!;
const pool1 = pool1s[medianRound]!;
const pool2 = pool2s[medianRound]!;
let queue: Rate | null = null;
if (queueUrl) {
  const { QueueExecutor } = await import("../src/runner/queue.ts");
  queue = await rate(new QueueExecutor(queueUrl));
}

// Store writes: the rows of a 6,400-run attribution, in batches of 4 as the runner stores them.
const dir = mkdtempSync(join(tmpdir(), "apparat-bench-"));
const store = ResultsStore.open(join(dir, "bench.db"));
const row = {
  index: 0,
  variant: 0,
  replicate: 0,
  seed: 1,
  metrics: {
    outcome: "sole-leader" as const,
    leader: "x",
    soleDate: "1929-01-01",
    exits: [{ id: "a", date: "1927-01-01" }],
    members: 1_500_000,
    committee: 71,
  },
};
const p = plan(2);
const id = store.createExperiment(p, 6400);
const t0 = performance.now();
for (let i = 0; i < 6400; i += 4)
  store.addRuns(
    id,
    [0, 1, 2, 3].map((k) => ({ ...row, index: i + k })),
  );
const storeRowsPerSecond = Math.round(6400 / ((performance.now() - t0) / 1000));
store.close();
rmSync(dir, { recursive: true, force: true });

/** Time of a loop (worker-thread code posting its own timing) on 1 thread, then on 2 at once. */
async function twoThreadScaling(
  code: string,
): Promise<{ oneThreadMs: number; twoThreadsMs: number; speedup: number }> {
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const w = new Worker(`const { parentPort } = require("node:worker_threads");\n${code}`, { eval: true });
      w.once("message", (ms: number) => {
        void w.terminate();
        resolve(ms);
      });
      w.once("error", reject);
    });
  const t0 = performance.now();
  await once();
  const one = performance.now() - t0;
  const t1 = performance.now();
  await Promise.all([once(), once()]);
  const two = performance.now() - t1;
  return {
    oneThreadMs: Math.round(one),
    twoThreadsMs: Math.round(two),
    speedup: +((2 * one) / two).toFixed(2),
  };
}

// The machine's own ceiling for 2 threads: a CPU-only loop (no memory traffic, no allocation). Virtual cores
// that share a physical one, or a busy host, show here as less than 2x.
const spin = await twoThreadScaling(`let x = 0; const t0 = performance.now();
  for (let i = 0; i < 1e8; i++) x = (x + i * 2654435761) % 1000003;
  parentPort.postMessage(performance.now() - t0 + x * 0);`);

// The same for a loop that allocates short-lived objects, as a replay does: with one thread busy, V8's
// collector helpers use the idle core; with two, they compete with the threads for both cores.
const allocating = await twoThreadScaling(`const ring = new Array(4096); const t0 = performance.now();
  for (let i = 0; i < 6e6; i++) ring[i & 4095] = { i, xs: [i, i + 1, i + 2], s: "x" + (i & 7) };
  parentPort.postMessage(performance.now() - t0 + ring.length * 0);`);

// What a job used to carry and what it carries now: the plan, structured-cloned per job, against its handle.
const planBytes = serialize(plan(1)).byteLength;
const cloneMs = (() => {
  const p = plan(1);
  structuredClone(p);
  const t = performance.now();
  for (let i = 0; i < 20; i++) structuredClone(p);
  return +((performance.now() - t) / 20).toFixed(2);
})();

const cores = cpus().length;
const result = {
  machine: {
    cores,
    cpu: cpus()[0]?.model ?? "unknown",
    node: process.version,
    loadAverage1m: +loadavg()[0]!.toFixed(2),
  },
  runsPerTiming: runs,
  thisThread: thread,
  pool1,
  pool2,
  rounds,
  parallelEfficiency2: +efficiencies[medianRound]!.toFixed(3),
  parallelEfficiency2Range: [+Math.min(...efficiencies).toFixed(3), +Math.max(...efficiencies).toFixed(3)],
  /** The 2-worker rate against twice this thread's: what the pool gains over running on the main thread. */
  speedupOverThisThread2: +(pool2.runsPerSecond / thread.runsPerSecond).toFixed(3),
  /** CPU per run on 2 workers over 1: above 1, each run costs more when two run at once. */
  cpuInflation2: +(pool2.cpuMsPerRun / pool1.cpuMsPerRun).toFixed(3),
  machineSpinSpeedup2: spin,
  machineAllocatingSpeedup2: allocating,
  planTransfer: { bytes: planBytes, cloneMs },
  queue,
  storeRowsPerSecond,
  attribution200: {
    runs: 6400,
    estimatedMinutesOnPool2: +(6400 / pool2.runsPerSecond / 60).toFixed(1),
  },
};

if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  console.log(
    `experiment throughput (${runs} runs per timing: the 32 combinations of the default attribution x ${replicates} seeds, aggregate members; ${cores} cores, load ${result.machine.loadAverage1m}):`,
  );
  const line = (r: Rate) =>
    `${r.runsPerSecond} runs/s (${r.cpuMsPerRun} ms CPU per run, main thread busy ${(100 * r.mainThreadBusy).toFixed(1)}%)`;
  console.log(`  this thread:       ${line(thread)}`);
  console.log(`  pool, 1 worker:    ${line(pool1)} (median round)`);
  console.log(`  pool, 2 workers:   ${line(pool2)} (median round)`);
  console.log(
    `  parallel efficiency on 2 workers: ${(100 * result.parallelEfficiency2).toFixed(0)}% of 2 x the 1-worker rate, the median of ${rounds} rounds (${result.parallelEfficiency2Range.map((e) => `${(100 * e).toFixed(0)}%`).join("-")}; goal 90%; the machine has ${cores} cores); CPU per run on 2 workers ${result.cpuInflation2}x that on 1`,
  );
  console.log(
    `  2 workers against this thread: ${result.speedupOverThisThread2}x its rate (${((100 * result.speedupOverThisThread2) / 2).toFixed(0)}% of 2 x)`,
  );
  console.log(
    `  the machine's own 2-thread ceiling: ${spin.speedup}x for a CPU-only loop (1 thread ${spin.oneThreadMs} ms, 2 at once ${spin.twoThreadsMs} ms), ${allocating.speedup}x for an allocating loop (${allocating.oneThreadMs} ms, ${allocating.twoThreadsMs} ms)`,
  );
  console.log(
    `  plan sent to workers once per experiment (${(planBytes / 1024).toFixed(0)} KiB serialised; a structured clone of it takes ${cloneMs} ms, which every job of 4 runs used to pay on both sides)`,
  );
  if (queue)
    console.log(`  queue (${queueUrl}): ${queue.runsPerSecond} runs/s with the workers attached to it`);
  console.log(
    `  store writes: ${storeRowsPerSecond.toLocaleString("en-US")} runs/s (batches of 4, one transaction each)`,
  );
  console.log(
    `  default attribution (32 combinations x 200 seeds = 6,400 runs) at this rate: about ${result.attribution200.estimatedMinutesOnPool2} min on 2 workers`,
  );
}
