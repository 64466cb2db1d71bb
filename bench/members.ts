/**
 * Member-store benchmarks, run by `bench/run.ts`: full replays at both fidelities, member updates per second,
 * bytes per member, and the hottest member pass against the machine's memory bandwidth (a STREAM-like triad).
 *
 * Definitions:
 * - a *member update* is a member row read or written by a member operation (`rowsTouched` in the individual
 *   store: a row counts once per operation that visits it; a swap-remove touches two rows);
 * - *bytes per member* is typed-array bytes allocated for rows over members: per row of the layout, and over
 *   the live members at the end of a replay (capacity slack included);
 * - the *member loop's traffic* is the bytes a full pass reads and writes per member (`shiftOpinion`: the line
 *   read and written, 2 × 4 bytes) times members per second.
 */
import { Model } from "../src/kernel/engine.ts";
import { type Fidelity, MEMBER_STORES } from "../src/kernel/members/index.ts";
import { BYTES_PER_ROW, IndividualMembers } from "../src/kernel/members/individual.ts";
import type { MemberStore, RecruitProfile } from "../src/kernel/members/store.ts";
import { Rng, streamState } from "../src/kernel/random/rng.ts";
import type { CompiledScenario } from "../src/scenario/compile.ts";

export interface Spread {
  medianMs: number;
  minMs: number;
  maxMs: number;
}

function spread(ms: number[]): Spread {
  const s = [...ms].sort((a, b) => a - b);
  return { medianMs: round1(s[Math.floor(s.length / 2)]!), minMs: round1(s[0]!), maxMs: round1(s.at(-1)!) };
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Runs a scenario to its end; returns the model (its world holds the member store). */
function replay(sc: CompiledScenario, seed: number): Model {
  const model = new Model(sc, { seed });
  while (!model.done) model.step();
  return model;
}

/**
 * Wall-clock replays at one fidelity over seeds 1..runs, after a warm-up run, with the process's CPU time of
 * each beside it (on a busy machine the wall time counts the time other processes held the cores; the CPU
 * time does not, though it still pays for their use of caches and memory).
 */
export function timeReplays(
  sc: CompiledScenario,
  runs: number,
): Spread & { ticks: number; cpuMedianMs: number } {
  replay(sc, 0);
  const ms: number[] = [];
  const cpu: number[] = [];
  let ticks = 0;
  for (let seed = 1; seed <= runs; seed++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const m = replay(sc, seed);
    ms.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    ticks = m.world.tick;
  }
  return { ...spread(ms), ticks, cpuMedianMs: round1(median(cpu)) };
}

const OPERATIONS = [
  "admit",
  "attrite",
  "purge",
  "promote",
  "shiftOpinion",
  "mobilise",
  "demobilise",
  "compile",
  "delegation",
] as const;

export interface MemberWork {
  fidelity: Fidelity;
  runs: number;
  /** Members at the end of the replay (median over runs). */
  endMembers: number;
  /** Time spent inside member operations per replay (median), and its share of the replay. */
  memberOpsMs: number;
  memberOpsShare: number;
  /** Median time per replay inside each operation. */
  byOperationMs: Record<string, number>;
  /** Individual only: member rows read or written per replay, per second of replay and of member operations. */
  rowsTouched?: number;
  updatesPerSecondOfReplay?: number;
  updatesPerSecondInMemberOps?: number;
  /** Individual only: typed-array bytes per live member at the end of the replay (median and worst). */
  allocatedBytesPerLiveMember?: { median: number; max: number };
}

/**
 * Replays with every member operation timed (a wrapper on the store the factory builds, so the setup's
 * admissions count too). Separate from the plain timings, which carry no instrumentation.
 */
export function instrumentedReplays(sc: CompiledScenario, fidelity: Fidelity, runs: number): MemberWork {
  const original = MEMBER_STORES[fidelity];
  if (!original) throw new Error(`no ${fidelity} member store`);
  const perRun: Record<string, number>[] = [];
  const totals: number[] = [];
  const wall: number[] = [];
  const members: number[] = [];
  const rows: number[] = [];
  const bytes: number[] = [];
  let timings: Record<string, number> = {};
  MEMBER_STORES[fidelity] = (regions, leaders, capacity, cohorts) => {
    const store = original(regions, leaders, capacity, cohorts);
    const target = store as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const op of OPERATIONS) {
      const f = target[op]!.bind(store);
      target[op] = (...args: unknown[]) => {
        const t = performance.now();
        const r = f(...args);
        timings[op] = (timings[op] ?? 0) + performance.now() - t;
        return r;
      };
    }
    return store;
  };
  try {
    replay(sc, 0);
    for (let seed = 1; seed <= runs; seed++) {
      timings = {};
      const t = performance.now();
      const m = replay(sc, seed);
      wall.push(performance.now() - t);
      perRun.push(timings);
      totals.push(Object.values(timings).reduce((a, b) => a + b, 0));
      const store: MemberStore = m.world.members;
      members.push(store.count());
      if (store instanceof IndividualMembers) {
        rows.push(store.rowsTouched);
        bytes.push(store.allocatedBytes() / Math.max(1, store.count()));
      }
    }
  } finally {
    MEMBER_STORES[fidelity] = original;
  }
  const byOperationMs: Record<string, number> = {};
  for (const op of OPERATIONS) byOperationMs[op] = round1(median(perRun.map((t) => t[op] ?? 0)));
  const out: MemberWork = {
    fidelity,
    runs,
    endMembers: median(members),
    memberOpsMs: round1(median(totals)),
    memberOpsShare: round3(median(totals.map((t, i) => t / wall[i]!))),
    byOperationMs,
  };
  if (rows.length > 0) {
    out.rowsTouched = median(rows);
    out.updatesPerSecondOfReplay = Math.round(median(rows.map((r, i) => r / (wall[i]! / 1000))));
    out.updatesPerSecondInMemberOps = Math.round(median(rows.map((r, i) => r / (totals[i]! / 1000))));
    out.allocatedBytesPerLiveMember = { median: round1(median(bytes)), max: round1(Math.max(...bytes)) };
  }
  return out;
}

export interface Bandwidth {
  /** Best triad bandwidth over the repeats, counting 24 bytes per element (read b and c, write a). */
  triadGBs: number;
  arrayMiB: number;
  repeats: number;
}

/**
 * STREAM-like triad a[i] = b[i] + s * c[i] over three Float64Arrays of `n` elements; best of `repeats`.
 * Allocates 24 n bytes: run it after the figures whose peak memory matters.
 */
export function triad(n: number, repeats: number): Bandwidth {
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    b[i] = i & 1023;
    c[i] = (i * 7) & 1023;
  }
  const s = 3;
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    triadPass(a, b, c, s, n);
    best = Math.min(best, performance.now() - t);
  }
  // Keep the result observable so the loop cannot be dropped.
  if (a[n - 1] === -1) console.log("");
  return { triadGBs: round3((24 * n) / (best / 1000) / 1e9), arrayMiB: round1((8 * n) / 2 ** 20), repeats };
}

function triadPass(a: Float64Array, b: Float64Array, c: Float64Array, s: number, n: number): void {
  for (let i = 0; i < n; i++) a[i] = b[i]! + s * c[i]!;
}

export interface PassFigure {
  nsPerMember: number;
  /** Bytes read and written per member by the pass. */
  bytesPerMember: number;
  GBs: number;
  /** Achieved traffic over the triad bandwidth. */
  ofBandwidth: number;
}

export interface MemberPasses {
  members: number;
  regions: number;
  tableMiB: number;
  /** Line shift: every member's line read, moved, clamped, written (the hottest full pass of the replay). */
  shiftOpinion: PassFigure;
  /** Platform scan with nobody in reach: flags and line read for every member, no random draws. */
  mobiliseScan: PassFigure;
}

const recruit = (ideology: number, sd: number): RecruitProfile => ({
  ideology,
  ideologySd: sd,
  loyalty: 0.6,
  literacy: 0.4,
  candidate: true,
  tie: 0,
  workerShare: 0.6,
});

/**
 * Full passes over a table of `perRegion × regions` members, best of `repeats`. With `spread` 0 the lines are
 * filled without random draws (fast to build at sizes far beyond cache).
 */
export function memberPasses(
  perRegion: number,
  regions: number,
  repeats: number,
  bandwidth: number,
  spread = 0.35,
): MemberPasses {
  const store = new IndividualMembers(regions, 1, perRegion * regions);
  const rng = new Rng(streamState(1, "bench:members"));
  for (let r = 0; r < regions; r++)
    store.admit(r, perRegion, 2, recruit(-0.3 + (0.6 * r) / regions, spread), rng);
  const n = store.count();
  const best = (pass: (r: number, k: number) => void) => {
    let ms = Number.POSITIVE_INFINITY;
    for (let k = 0; k < repeats; k++) {
      const t = performance.now();
      for (let r = 0; r < regions; r++) pass(r, k);
      ms = Math.min(ms, performance.now() - t);
    }
    return ms;
  };
  const figure = (ms: number, bytes: number): PassFigure => {
    const GBs = (bytes * n) / (ms / 1000) / 1e9;
    return {
      nsPerMember: round3((ms * 1e6) / n),
      bytesPerMember: bytes,
      GBs: round3(GBs),
      ofBandwidth: round3(GBs / bandwidth),
    };
  };
  // Small alternating shifts keep the lines where they are.
  const shift = best((r, k) => store.shiftOpinion(r, k % 2 === 0 ? 0.001 : -0.001, rng));
  const scan = best((r) => store.mobilise(r, 5, 0.1, 0.5, rng));
  return {
    members: n,
    regions,
    tableMiB: round1(store.allocatedBytes() / 2 ** 20),
    shiftOpinion: figure(shift, 8),
    mobiliseScan: figure(scan, 5),
  };
}

export { BYTES_PER_ROW };
