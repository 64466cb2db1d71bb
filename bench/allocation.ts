/**
 * Allocation per tick of a replay, for `bench/run.ts`: bytes the JavaScript heap took on, counted from V8's
 * own heap figures around every garbage collection (v8.GCProfiler), so collections during the replay do not
 * hide what they freed. Typed-array contents live outside that heap (the member store's rows): see bytes per
 * member for those.
 */
import { GCProfiler } from "node:v8";
import { Model } from "../src/kernel/engine.ts";
import type { CompiledScenario } from "../src/scenario/compile.ts";

export interface Allocation {
  /** Median over the replays of heap bytes allocated per tick. */
  bytesPerTick: number;
  /** Median heap bytes allocated per replay. */
  mibPerReplay: number;
  /** Median collections per replay, and the time they took (ms, V8's own measure). */
  collections: number;
  gcMs: number;
  /** Share of the replay's wall time spent collecting (median). */
  gcShare: number;
  ticks: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Heap allocation of replays of seeds 1..runs, after a warm-up replay. */
export function allocationPerTick(sc: CompiledScenario, runs: number): Allocation {
  const replay = (seed: number) => {
    const model = new Model(sc, { seed });
    while (!model.done) model.step();
    return model.world.tick;
  };
  replay(0);
  const bytes: number[] = [];
  const collections: number[] = [];
  const gcMs: number[] = [];
  const shares: number[] = [];
  let ticks = 0;
  for (let seed = 1; seed <= runs; seed++) {
    const profiler = new GCProfiler();
    profiler.start();
    const before = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    ticks = replay(seed);
    const wall = performance.now() - t0;
    const after = process.memoryUsage().heapUsed;
    const stats = profiler.stop()?.statistics ?? [];
    let allocated = 0;
    let last = before;
    let cost = 0;
    for (const gc of stats) {
      allocated += Math.max(0, gc.beforeGC.heapStatistics.usedHeapSize - last);
      last = gc.afterGC.heapStatistics.usedHeapSize;
      cost += gc.cost;
    }
    allocated += Math.max(0, after - last);
    bytes.push(allocated);
    collections.push(stats.length);
    gcMs.push(cost / 1000);
    shares.push(cost / 1000 / wall);
  }
  const b = median(bytes);
  return {
    bytesPerTick: Math.round(b / ticks),
    mibPerReplay: +(b / 2 ** 20).toFixed(1),
    collections: median(collections),
    gcMs: +median(gcMs).toFixed(1),
    gcShare: +median(shares).toFixed(3),
    ticks,
  };
}
