/**
 * The dashboard's costs, outside the test suite: what recording the patronage network adds to a replay, how
 * big a replay is to send (raw and gzipped), the API's latency over a real socket for a replay and for an
 * experiment's summary, and a Monte Carlo's runs per second through the API against the runner called
 * directly (the cost of the server, the store writes and the progress stream). `--json` prints one line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { planMonteCarlo } from "../src/experiments/plan.ts";
import { runScenario } from "../src/kernel/engine.ts";
import { loadFactors } from "../src/node/factors.ts";
import { loadScenario } from "../src/node/scenarios.ts";
import { recordReplay } from "../src/replay/timeline.ts";
import { runExperiment } from "../src/runner/experiment.ts";
import { PoolExecutor } from "../src/runner/pool.ts";
import { compileScenario } from "../src/scenario/compile.ts";
import { DEFAULT_LIMITS } from "../src/server/contract.ts";
import { startServer } from "../src/server/serve.ts";
import { ResultsStore } from "../src/store/store.ts";

const json = process.argv.includes("--json");
const SEEDS = 7;
const MC_RUNS = 48;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => +x.toFixed(1);
function time(f: () => unknown): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

const { scenario } = loadScenario("bolshevik-1922");
const question = loadFactors(scenario, undefined)!.question;
const sc = compileScenario(scenario);

// Replay with and without the network recorder, alternating so both see the same JIT and cache state.
runScenario(sc, { seed: 0 });
recordReplay(sc, { seed: 0 });
const plain: number[] = [];
const recorded: number[] = [];
for (let seed = 1; seed <= SEEDS; seed++) {
  plain.push(time(() => runScenario(sc, { seed })));
  recorded.push(time(() => recordReplay(sc, { seed })));
}
const payload = JSON.stringify(recordReplay(sc, { seed: 1 }));

const dir = mkdtempSync(join(tmpdir(), "apparat-bench-"));
const server = await startServer({
  port: 0,
  host: "127.0.0.1",
  store: join(dir, "results.db"),
  workers: 2,
  limits: DEFAULT_LIMITS,
  dashboard: false,
});
const api = (path: string, body?: unknown) =>
  fetch(new URL(path, server.url), {
    method: body ? "POST" : "GET",
    headers: { "content-type": "application/json" },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });

const replayLatency: number[] = [];
for (let seed = 1; seed <= SEEDS; seed++) {
  const t0 = performance.now();
  await (await api("api/replay", { scenario: "bolshevik-1922", seed })).arrayBuffer();
  replayLatency.push(performance.now() - t0);
}

// A Monte Carlo through the API (progress stream read to the end) against the same plan run directly.
let t0 = performance.now();
const started = (await (
  await api("api/experiments", { kind: "mc", scenario: "bolshevik-1922", runs: MC_RUNS, seed: 5 })
).json()) as { id: number };
await (await api(`api/experiments/${started.id}/events`)).text();
const viaApi = (performance.now() - t0) / 1000;
const summaryLatency: number[] = [];
for (let i = 0; i < SEEDS; i++) {
  const t = performance.now();
  await (await api(`api/experiments/${started.id}`)).json();
  summaryLatency.push(performance.now() - t);
}
await server.close();

const store = ResultsStore.open(join(dir, "direct.db"));
t0 = performance.now();
await runExperiment({
  store,
  executor: new PoolExecutor(2),
  plan: planMonteCarlo({ scenario, seed: 5, replicates: MC_RUNS, question }),
});
const direct = (performance.now() - t0) / 1000;
store.close();
rmSync(dir, { recursive: true, force: true });

const result = {
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    loadAverage1m: +loadavg()[0]!.toFixed(2),
  },
  replay: {
    plainMedianMs: ms(median(plain)),
    withNetworkMedianMs: ms(median(recorded)),
    payloadKiB: +(payload.length / 1024).toFixed(0),
    payloadGzipKiB: +(gzipSync(payload).length / 1024).toFixed(0),
  },
  api: {
    replayMedianMs: ms(median(replayLatency)),
    summaryMedianMs: ms(median(summaryLatency)),
    monteCarlo: {
      runs: MC_RUNS,
      viaApiSeconds: +viaApi.toFixed(2),
      directSeconds: +direct.toFixed(2),
      viaApiRunsPerSecond: +(MC_RUNS / viaApi).toFixed(1),
      directRunsPerSecond: +(MC_RUNS / direct).toFixed(1),
    },
  },
};

if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const { machine: m, replay: r, api: a } = result;
  console.log(
    `machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, node ${m.node}, load average ${m.loadAverage1m}`,
  );
  console.log(
    `dashboard replay: median ${r.plainMedianMs} ms plain, ${r.withNetworkMedianMs} ms with the network recorded (${SEEDS} seeds); ${r.payloadKiB} KiB as JSON, ${r.payloadGzipKiB} KiB gzipped`,
  );
  console.log(
    `API over loopback: POST /api/replay median ${a.replayMedianMs} ms; GET /api/experiments/{id} (summary of ${MC_RUNS} runs) median ${a.summaryMedianMs} ms`,
  );
  const mc = a.monteCarlo;
  console.log(
    `Monte Carlo of ${mc.runs} runs on 2 worker threads: ${mc.viaApiSeconds} s through the API with its progress stream (${mc.viaApiRunsPerSecond} runs/s), ${mc.directSeconds} s called directly (${mc.directRunsPerSecond} runs/s)`,
  );
}
