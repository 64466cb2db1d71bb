/**
 * Replay and member benchmarks, outside the test suite: `npm run bench [-- --json] [-- --runs N] [-- --triad-mib M]`
 * (with `--json`, each benchmark prints one JSON line).
 * Prints what it measured with the machine's limits beside it, and the goals each figure is held to.
 */

import { readFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { compileScenario } from "../src/scenario/compile.ts";
import { parseScenario } from "../src/scenario/load.ts";
import { applySet } from "../src/scenario/patch.ts";
import { allocationPerTick } from "./allocation.ts";
import { BYTES_PER_ROW, instrumentedReplays, memberPasses, timeReplays, triad } from "./members.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const runs = option("--runs", 9);
/** Size of each triad array: far beyond the last-level cache (STREAM asks for 4 × the caches). */
const triadMiB = option("--triad-mib", 512);

const GOALS = {
  replayMs: 300,
  aggregateReplayMs: 10,
  bytesPerMember: 64,
  peakRssMiB: 1024,
  memberLoopOfBandwidth: 0.3,
};

const file = new URL("../scenarios/bolshevik-1922.yaml", import.meta.url);
const t0 = performance.now();
const source = parseScenario(readFileSync(file, "utf8"), "bolshevik-1922.yaml");
const aggregate = compileScenario(applySet(source, "members.fidelity", "aggregate"));
const individual = compileScenario(applySet(source, "members.fidelity", "individual"));
const compileMs = (performance.now() - t0) / 2;

// Plain replays first (no instrumentation), alternating fidelities would interleave JIT state; keep them apart.
const replayIndividual = timeReplays(individual, runs);
const replayAggregate = timeReplays(aggregate, runs);
const workRuns = Math.max(3, Math.min(runs, 5));
const allocation = {
  aggregate: allocationPerTick(aggregate, workRuns),
  individual: allocationPerTick(individual, workRuns),
};
const workIndividual = instrumentedReplays(individual, "individual", workRuns);
const workAggregate = instrumentedReplays(aggregate, "aggregate", workRuns);
const peakRssMiB = process.resourceUsage().maxRSS / 1024;

// The machine's memory bandwidth, then the member loop on a full-scale party (16 regions, 1.6 million members)
// and on a table far larger than the last-level cache (the full-scale one may fit in it).
const bandwidth = triad(Math.round((triadMiB * 2 ** 20) / 8), 5);
const fullScale = memberPasses(100_000, 16, 7, bandwidth.triadGBs);
const outOfCache = memberPasses(2_000_000, 16, 3, bandwidth.triadGBs, 0);

const cpu = cpus();
const result = {
  machine: {
    cores: cpu.length,
    cpu: cpu[0]?.model ?? "unknown",
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    freeGiB: +(freemem() / 2 ** 30).toFixed(1),
    node: process.version,
    loadAverage1m: +loadavg()[0]!.toFixed(2),
  },
  scenario: { compileMs: +compileMs.toFixed(1), ticks: replayIndividual.ticks },
  replay: { runs, individual: replayIndividual, aggregate: replayAggregate },
  allocation,
  memberWork: { individual: workIndividual, aggregate: workAggregate },
  bytesPerMember: {
    row: BYTES_PER_ROW,
    allocatedPerLiveMember: workIndividual.allocatedBytesPerLiveMember,
  },
  peakRssMiB: +peakRssMiB.toFixed(1),
  bandwidth,
  memberLoop: { fullScale, outOfCache },
  goals: {
    replayMedianMs: {
      goal: GOALS.replayMs,
      value: replayIndividual.medianMs,
      met: replayIndividual.medianMs <= GOALS.replayMs,
    },
    aggregateReplayMedianMs: {
      goal: GOALS.aggregateReplayMs,
      value: replayAggregate.medianMs,
      met: replayAggregate.medianMs <= GOALS.aggregateReplayMs,
    },
    bytesPerMember: {
      goal: GOALS.bytesPerMember,
      value: workIndividual.allocatedBytesPerLiveMember?.max ?? BYTES_PER_ROW,
      met: (workIndividual.allocatedBytesPerLiveMember?.max ?? BYTES_PER_ROW) <= GOALS.bytesPerMember,
    },
    peakRssMiB: { goal: GOALS.peakRssMiB, value: +peakRssMiB.toFixed(1), met: peakRssMiB < GOALS.peakRssMiB },
    memberLoopOfBandwidth: {
      goal: GOALS.memberLoopOfBandwidth,
      value: fullScale.shiftOpinion.ofBandwidth,
      outOfCache: outOfCache.shiftOpinion.ofBandwidth,
      met: outOfCache.shiftOpinion.ofBandwidth >= GOALS.memberLoopOfBandwidth,
    },
  },
};

if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const m = result.machine;
  const ri = result.replay.individual;
  const ra = result.replay.aggregate;
  const wi = result.memberWork.individual;
  const wa = result.memberWork.aggregate;
  const g = result.goals;
  const ok = (met: boolean) => (met ? "met" : "NOT met");
  const millions = (x: number | undefined) => `${((x ?? 0) / 1e6).toFixed(1)} M`;
  const pass = (label: string, p: typeof fullScale) =>
    `  ${label}: ${(p.members / 1e6).toFixed(1)} M members in ${p.regions} regions (${p.tableMiB} MiB of rows): ` +
    `shiftOpinion ${p.shiftOpinion.nsPerMember} ns/member = ${p.shiftOpinion.GBs} GB/s (${(100 * p.shiftOpinion.ofBandwidth).toFixed(0)}% of triad); ` +
    `platform scan ${p.mobiliseScan.nsPerMember} ns/member = ${p.mobiliseScan.GBs} GB/s (${(100 * p.mobiliseScan.ofBandwidth).toFixed(0)}%)`;
  console.log(
    `machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB (${m.freeGiB} free), node ${m.node}, load average ${m.loadAverage1m}`,
  );
  console.log(
    `scenario compile: ${result.scenario.compileMs} ms; ${result.scenario.ticks} weekly ticks 1922-1930`,
  );
  console.log(
    `full replay, individual members: median ${ri.medianMs} ms (min ${ri.minMs}, max ${ri.maxMs}) over ${runs} seeds; CPU median ${ri.cpuMedianMs} ms`,
  );
  console.log(
    `full replay, aggregate members:  median ${ra.medianMs} ms (min ${ra.minMs}, max ${ra.maxMs}) over ${runs} seeds; CPU median ${ra.cpuMedianMs} ms`,
  );
  for (const [fidelity, a] of Object.entries(result.allocation))
    console.log(
      `allocation, ${fidelity} members: ${a.bytesPerTick.toLocaleString("en-US")} bytes of heap per tick (${a.mibPerReplay} MiB per replay of ${a.ticks} ticks); ${a.collections} collections taking ${a.gcMs} ms, ${(100 * a.gcShare).toFixed(0)}% of the replay`,
    );
  console.log(
    `member operations per replay (median of ${wi.runs}, timed): individual ${wi.memberOpsMs} ms (${(100 * wi.memberOpsShare).toFixed(0)}% of the replay), aggregate ${wa.memberOpsMs} ms (${(100 * wa.memberOpsShare).toFixed(0)}%)`,
  );
  console.log(
    `  individual by operation (ms): ${Object.entries(wi.byOperationMs)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  console.log(
    `member updates (rows read or written by member operations): ${millions(wi.rowsTouched)} per replay of ${(wi.endMembers / 1e6).toFixed(2)} M members at the end; ` +
      `${millions(wi.updatesPerSecondOfReplay)}/s of replay, ${millions(wi.updatesPerSecondInMemberOps)}/s inside member operations`,
  );
  console.log(
    `bytes per member: ${BYTES_PER_ROW} per row; allocated per live member at the end of a replay: median ${wi.allocatedBytesPerLiveMember?.median}, worst ${wi.allocatedBytesPerLiveMember?.max}`,
  );
  console.log(
    `peak RSS of the replays: ${result.peakRssMiB} MiB of ${m.memoryGiB} GiB (measured before the bandwidth test)`,
  );
  console.log(
    `memory bandwidth (triad a = b + s·c, 3 × ${bandwidth.arrayMiB} MiB, best of ${bandwidth.repeats}): ${bandwidth.triadGBs} GB/s`,
  );
  console.log("member loop:");
  console.log(pass("full scale", fullScale));
  console.log(pass("beyond cache", outOfCache));
  console.log("goals:");
  console.log(
    `  full replay, individual members <= ${g.replayMedianMs.goal} ms median: ${g.replayMedianMs.value} ms, ${ok(g.replayMedianMs.met)}`,
  );
  console.log(
    `  full replay, aggregate members <= ${g.aggregateReplayMedianMs.goal} ms median: ${g.aggregateReplayMedianMs.value} ms, ${ok(g.aggregateReplayMedianMs.met)}`,
  );
  console.log(
    `  <= ${g.bytesPerMember.goal} bytes/member: ${g.bytesPerMember.value}, ${ok(g.bytesPerMember.met)}`,
  );
  console.log(`  peak memory < 1 GiB: ${g.peakRssMiB.value} MiB, ${ok(g.peakRssMiB.met)}`);
  console.log(
    `  member loop >= ${100 * g.memberLoopOfBandwidth.goal}% of bandwidth: ${(100 * g.memberLoopOfBandwidth.value).toFixed(0)}% at full scale, ${(100 * g.memberLoopOfBandwidth.outOfCache).toFixed(0)}% beyond cache, ${ok(g.memberLoopOfBandwidth.met)}`,
  );
}
