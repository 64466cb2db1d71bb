/**
 * One server-side replay as a job: what it is given, what it gives back, and how large it is expected to be.
 * The worker thread imports only this (not the pool, which would load the thread machinery again). Pure.
 */
import { recordReplay } from "../replay/timeline.ts";
import { compileScenario } from "../scenario/compile.ts";
import { estimateRun } from "../scenario/limits.ts";
import type { Scenario } from "../scenario/schema.ts";

export interface ReplayJob {
  /** The scenario, validated and with its changes applied. */
  scenario: Scenario;
  seed: number;
  until?: string;
  /** Largest answer, in bytes of JSON. */
  maxBytes: number;
}

/** The replay as JSON, or its size when that is over the limit (then no JSON is sent back). */
export type ReplayOutcome = { json: string } | { tooLarge: number };

/**
 * Bytes of a replay's JSON, estimated before running it from what it records every tick: the series, each
 * leader's figures and each region's patron, members, control and secretary. Measured on the built-in
 * scenario and on large variants of it (400 regions: 3.4 MB; 98 leaders: 1.1 MB); generous.
 */
export function estimateReplayBytes(s: Scenario, until?: string): number {
  const e = estimateRun(s);
  const span = until ? Math.max(0, Date.parse(until) - Date.parse(s.calendar.start)) / 86_400_000 : Infinity;
  const ticks = Math.min(e.ticks, Math.max(1, Math.ceil(span / s.calendar.tickDays)));
  return 20_000 + ticks * (400 + 30 * e.regions + 40 * e.leaders + 4 * e.people);
}

/** Makes one replay: what the worker thread runs, and what tests may run on their own thread. */
export function makeReplay(job: ReplayJob): ReplayOutcome {
  const replay = recordReplay(compileScenario(job.scenario), {
    seed: job.seed,
    ...(job.until ? { until: job.until } : {}),
  });
  const json = JSON.stringify(replay);
  return json.length > job.maxBytes ? { tooLarge: json.length } : { json };
}
