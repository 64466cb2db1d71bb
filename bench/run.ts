/**
 * Benchmarks, outside the test suite: `npm run bench [-- --json] [-- --runs N]`.
 * Prints what it measured with the machine's limits beside it.
 */

import { readFileSync } from "node:fs";
import { cpus, freemem, totalmem } from "node:os";
import { runScenario } from "../src/kernel/engine.ts";
import { compileScenario } from "../src/scenario/compile.ts";
import { parseScenario } from "../src/scenario/load.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const runsArg = args.indexOf("--runs");
const runs = runsArg >= 0 ? Number(args[runsArg + 1]) : 15;

const file = new URL("../scenarios/bolshevik-1922.yaml", import.meta.url);
const t0 = performance.now();
const sc = compileScenario(parseScenario(readFileSync(file, "utf8"), "bolshevik-1922.yaml"));
const compileMs = performance.now() - t0;

runScenario(sc, { seed: 0 }); // warm-up: JIT
const times: number[] = [];
let ticks = 0;
let events = 0;
for (let seed = 1; seed <= runs; seed++) {
  const start = performance.now();
  const r = runScenario(sc, { seed });
  times.push(performance.now() - start);
  ticks = r.series.dates.length;
  events += r.events.length;
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
const result = {
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    freeGiB: +(freemem() / 2 ** 30).toFixed(1),
    node: process.version,
  },
  replay: {
    fidelity: "aggregated regions",
    runs,
    ticks,
    compileMs: +compileMs.toFixed(1),
    medianMs: +median.toFixed(1),
    minMs: +times[0]!.toFixed(1),
    maxMs: +times.at(-1)!.toFixed(1),
    runsPerSecondOneCore: +(1000 / median).toFixed(2),
    eventsPerRun: Math.round(events / runs),
  },
  peakRssMiB: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
};

if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const m = result.machine;
  const r = result.replay;
  console.log(`machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, node ${m.node}`);
  console.log(`scenario compile: ${r.compileMs} ms`);
  console.log(
    `full replay 1922-1930 (${r.ticks} weekly ticks, ${r.fidelity}): median ${r.medianMs} ms, min ${r.minMs}, max ${r.maxMs} over ${r.runs} seeds`,
  );
  console.log(
    `throughput on one core: ${r.runsPerSecondOneCore} replays/s; ${r.eventsPerRun} events per replay`,
  );
  console.log(`peak RSS: ${result.peakRssMiB} MiB of ${m.memoryGiB} GiB`);
}
