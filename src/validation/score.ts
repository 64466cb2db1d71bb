/**
 * Scoring replays against calibration targets: each target passes or misses in each run, with a reason and
 * a readable detail; across runs, the share of runs in which it holds, with a Wilson 95% interval.
 * Pure: no Node imports.
 */
import type { RunResult } from "../kernel/engine.ts";
import type { DeathEvent, RemovalEvent, VoteEvent } from "../kernel/events.ts";
import { wilson, Z95 } from "../stats/intervals.ts";
import {
  type LeaderTarget,
  type OrderTarget,
  type RemovalByTarget,
  type SeatAtTarget,
  type SeriesAtTarget,
  type SideAtTarget,
  type SoleLeaderTarget,
  TARGET_SETS,
  type Target,
  type TargetKind,
  type TargetSet,
  type VoteShareTarget,
} from "./targets.ts";

/** Why a target was missed. */
export type MissReason =
  /** series-at, side-at: no series row on or before the date. */
  | "no-data"
  /** side-at: someone was on the wrong side of the ruling coalition. */
  | "wrong-side"
  /** series-at, vote-share: below the accepted range. */
  | "low"
  /** series-at, vote-share: above the accepted range. */
  | "high"
  /** vote-share: no such vote in the window (or no votes cast). */
  | "no-vote"
  /** removal-by: removed before `notBefore`. */
  | "early"
  /** removal-by: removed, but after the date; sole-leader: sole leader only after the date. */
  | "late"
  /** removal-by, order: never removed by the date (and alive). */
  | "never"
  /** removal-by, order, sole-leader: the person died (naturally or by a scheduled shock) before the event. */
  | "died"
  /** order: someone of the `after` group went first. */
  | "out-of-order"
  /** sole-leader: nobody is sole leader at the end. */
  | "no-sole-leader"
  /** sole-leader, leader: someone else is. */
  | "other-leader"
  /** leader: no one leads alone or dominates at the end (a collective, or nobody). */
  | "no-leader"
  /** seat-at: he does not hold a full seat in the top body on the date. */
  | "unseated"
  /** seat-at: he holds one where he should not. */
  | "seated";

export interface TargetResult {
  id: string;
  passed: boolean;
  /** Null when passed. */
  reason: MissReason | null;
  /** One readable line: what the run did, against what was expected. */
  detail: string;
}

const pass = (id: string, detail: string): TargetResult => ({ id, passed: true, reason: null, detail });
const miss = (id: string, reason: MissReason, detail: string): TargetResult => ({
  id,
  passed: false,
  reason,
  detail,
});

/** 1234567 -> "1,234,567"; fractions keep up to two decimals. Locale-free, so output is byte-stable. */
export function formatNumber(x: number): string {
  const rounded = Math.round(x * 100) / 100;
  const [int, frac] = Math.abs(rounded).toString().split(".");
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${rounded < 0 ? "-" : ""}${grouped}${frac ? `.${frac}` : ""}`;
}

const percent = (x: number): string => `${(x * 100).toFixed(1)}%`;

function deathOf(result: RunResult, person: string): DeathEvent | undefined {
  return result.events.find((e): e is DeathEvent => e.type === "death" && e.person === person);
}

/** Depth (1 for the first step) of a ladder step in the run's scenario; 0 when it has no such step. */
const depthOf = (result: RunResult, rung: string): number => result.ladder.indexOf(rung) + 1;

/**
 * The first removal that takes `person` to rung `rung` or further down the ladder, with its index in the
 * event log. The ladder skips steps a person does not hold (no office: straight to the Politburo step), so
 * a removal further down counts as having lost this rung too.
 */
function firstReach(
  result: RunResult,
  person: string,
  rung: string,
): { event: RemovalEvent; index: number } | null {
  const min = depthOf(result, rung);
  if (min === 0) return null;
  for (let index = 0; index < result.events.length; index++) {
    const e = result.events[index]!;
    if (e.type === "removal" && e.person === person && e.depth >= min) return { event: e, index };
  }
  return null;
}

function reachText(person: string, rung: string, e: RemovalEvent): string {
  return e.rung === rung
    ? `${person} reached the ${rung} step on ${e.date}`
    : `${person} was pushed past the ${rung} step (to ${e.rung}) on ${e.date}`;
}

function diedText(d: DeathEvent, before: string): string {
  return `${d.person} died (${d.cause}${d.label ? `: ${d.label}` : ""}) on ${d.date}, before ${before}`;
}

function scoreSeriesAt(result: RunResult, t: SeriesAtTarget): TargetResult {
  const { dates } = result.series;
  let row = -1;
  for (let i = 0; i < dates.length && dates[i]! <= t.date; i++) row = i;
  if (row < 0)
    return miss(t.id, "no-data", `no ${t.series} row on or before ${t.date} (run starts ${dates[0] ?? "-"})`);
  const v = result.series[t.series][row]!;
  const [lo, hi] = t.range ?? [t.value * (1 - t.tolerance!), t.value * (1 + t.tolerance!)];
  const text = `${t.series} ${formatNumber(v)} on ${dates[row]} (historical ${formatNumber(t.value)}, accepted ${formatNumber(lo)} to ${formatNumber(hi)})`;
  // Bounds are inclusive; a relative tolerance is compared as a distance, so that 250 x (1 + 0.2) = 300
  // counts as inside whatever the rounding of 1.2.
  const inside =
    t.tolerance !== undefined
      ? Math.abs(v - t.value) <= t.tolerance * t.value * (1 + 1e-12)
      : v >= lo && v <= hi;
  if (inside) return pass(t.id, text);
  return miss(t.id, v < t.value ? "low" : "high", text);
}

function scoreVoteShare(result: RunResult, t: VoteShareTarget): TargetResult {
  const [from, to] = t.window;
  const vote = result.events.find(
    (e): e is VoteEvent =>
      e.type === "vote" && e.body === t.body && e.motion === t.motion && e.date >= from && e.date <= to,
  );
  if (!vote) return miss(t.id, "no-vote", `no ${t.body} vote on "${t.motion}" between ${from} and ${to}`);
  const cast = vote.for + vote.against + vote.abstain;
  if (cast === 0)
    return miss(t.id, "no-vote", `the ${t.body} vote on "${t.motion}" of ${vote.date} had no votes cast`);
  const share = vote.against / cast;
  const text = `${vote.against} of ${cast} against (${percent(share)}) on ${vote.date} (historical ${percent(t.value)}, accepted ${percent(t.range[0])} to ${percent(t.range[1])})`;
  if (share < t.range[0]) return miss(t.id, "low", text);
  if (share > t.range[1]) return miss(t.id, "high", text);
  return pass(t.id, text);
}

function scoreRemovalBy(result: RunResult, t: RemovalByTarget): TargetResult {
  const hit = firstReach(result, t.person, t.rung);
  const window = `window ${t.notBefore} to ${t.date}`;
  if (hit) {
    const text = `${reachText(t.person, t.rung, hit.event)} (${window})`;
    if (hit.event.date < t.notBefore) return miss(t.id, "early", text);
    if (hit.event.date > t.date) return miss(t.id, "late", text);
    return pass(t.id, text);
  }
  const death = deathOf(result, t.person);
  if (death && death.date <= t.date)
    return miss(t.id, "died", `${diedText(death, `the ${t.rung} step`)} (${window})`);
  return miss(t.id, "never", `${t.person} had not reached the ${t.rung} step by ${t.date} (${window})`);
}

function scoreOrder(result: RunResult, t: OrderTarget): TargetResult {
  /** Removal on or before the target's date, else null: "after the end". */
  const reach = (p: string) => {
    const hit = firstReach(result, p, t.rung);
    return hit && hit.event.date <= t.date ? hit : null;
  };
  let last: { person: string; event: RemovalEvent; index: number } | null = null;
  for (const p of t.before) {
    const hit = reach(p);
    if (!hit) {
      const death = deathOf(result, p);
      if (death && death.date <= t.date) return miss(t.id, "died", diedText(death, `the ${t.rung} step`));
      return miss(t.id, "never", `${p} had not reached the ${t.rung} step by ${t.date}`);
    }
    if (!last || hit.index > last.index) last = { person: p, ...hit };
  }
  let first: { person: string; event: RemovalEvent; index: number } | null = null;
  const notes: string[] = [];
  for (const p of t.after) {
    const hit = reach(p);
    if (hit && (!first || hit.index < first.index)) first = { person: p, ...hit };
    // The leader series tells whether a person ever held an executive seat; say so when he never did.
    const seat = result.series.leaders[p]?.politburo;
    if (!hit && t.rung === "politburo" && seat && !seat.some((x) => x > 0))
      notes.push(`${p} never held a seat (counts as after the end)`);
  }
  const lastText = reachText(last!.person, t.rung, last!.event);
  const suffix = notes.length > 0 ? `; ${notes.join("; ")}` : "";
  if (first && first.index < last!.index)
    return miss(
      t.id,
      "out-of-order",
      `${reachText(first.person, t.rung, first.event)}, before ${lastText}${suffix}`,
    );
  const then = first
    ? reachText(first.person, t.rung, first.event)
    : `none of ${t.after.join(", ")} reached it by ${t.date}`;
  return pass(t.id, `last of the before group: ${lastText}; first of the after group: ${then}${suffix}`);
}

function scoreSoleLeader(result: RunResult, t: SoleLeaderTarget): TargetResult {
  const o = result.outcome;
  if (o.kind === "sole-leader" && o.leader === t.leader && o.date !== null && o.date <= t.date)
    return pass(t.id, `${t.leader} sole leader from ${o.date}`);
  const death = deathOf(result, t.leader);
  if (death && death.date <= t.date) return miss(t.id, "died", diedText(death, "the end of the run"));
  if (o.kind === "sole-leader" && o.leader !== t.leader)
    return miss(t.id, "other-leader", `${o.leader} is sole leader from ${o.date}, not ${t.leader}`);
  if (o.kind === "sole-leader") return miss(t.id, "late", `${t.leader} sole leader only from ${o.date}`);
  return miss(
    t.id,
    "no-sole-leader",
    `outcome ${o.kind}${o.leader ? ` (${o.leader})` : ""}, ruling coalition ${o.rulingCoalition.join(", ") || "none"}`,
  );
}

const SIDE_TEXT: Record<number, string> = {
  2: "ruling",
  1: "backing the rulers",
  0: "outside",
  [-1]: "in opposition",
};

function scoreSideAt(result: RunResult, t: SideAtTarget): TargetResult {
  const { dates } = result.series;
  let row = -1;
  for (let i = 0; i < dates.length && dates[i]! <= t.date; i++) row = i;
  if (row < 0) return miss(t.id, "no-data", `no row on or before ${t.date}`);
  const sides: string[] = [];
  let wrong = 0;
  for (const [people, want] of [
    [t.with, true],
    [t.without, false],
  ] as const) {
    for (const p of people) {
      const side = result.series.leaders[p]?.side[row];
      if (side === undefined) return miss(t.id, "no-data", `no side series for ${p}`);
      const on = side >= 1;
      if (on !== want) wrong++;
      sides.push(`${p} ${SIDE_TEXT[side] ?? side}`);
    }
  }
  const text = `on ${dates[row]}: ${sides.join(", ")}`;
  return wrong === 0 ? pass(t.id, text) : miss(t.id, "wrong-side", text);
}

function scoreLeader(result: RunResult, t: LeaderTarget): TargetResult {
  const o = result.outcome;
  const accepted = t.outcomes as readonly string[];
  const what = `outcome ${o.kind}${o.leader ? ` (${o.leader}${o.date ? ` from ${o.date}` : ""})` : ""}`;
  if (o.leader === t.leader && accepted.includes(o.kind)) {
    if (o.kind === "sole-leader" && o.date !== null && o.date > t.date)
      return miss(t.id, "late", `${t.leader} sole leader only from ${o.date}`);
    return pass(t.id, what);
  }
  const death = deathOf(result, t.leader);
  if (death && death.date <= t.date) return miss(t.id, "died", diedText(death, "the end of the run"));
  if (o.leader !== null && o.leader !== t.leader)
    return miss(t.id, "other-leader", `${what}, not ${t.leader}`);
  if (o.leader === t.leader) return miss(t.id, "other-leader", `${what}: not one of ${accepted.join(", ")}`);
  return miss(t.id, "no-leader", `${what}, ruling coalition ${o.rulingCoalition.join(", ") || "none"}`);
}

function scoreSeatAt(result: RunResult, t: SeatAtTarget): TargetResult {
  const { dates } = result.series;
  let row = -1;
  for (let i = 0; i < dates.length && dates[i]! <= t.date; i++) row = i;
  const seats = result.series.leaders[t.person]?.politburo;
  if (row < 0 || !seats)
    return miss(t.id, "no-data", `no top-body row for ${t.person} on or before ${t.date}`);
  const full = seats[row] === 2;
  const text = `${t.person} ${full ? "holds" : "does not hold"} a full top-body seat on ${dates[row]}`;
  if (full === t.seated) return pass(t.id, text);
  const death = deathOf(result, t.person);
  if (!full && death && death.date <= t.date) return miss(t.id, "died", diedText(death, t.date));
  return miss(t.id, full ? "seated" : "unseated", text);
}

/** Scores one run against one target. */
export function scoreTarget(result: RunResult, t: Target): TargetResult {
  switch (t.kind) {
    case "series-at":
      return scoreSeriesAt(result, t);
    case "vote-share":
      return scoreVoteShare(result, t);
    case "removal-by":
      return scoreRemovalBy(result, t);
    case "order":
      return scoreOrder(result, t);
    case "sole-leader":
      return scoreSoleLeader(result, t);
    case "side-at":
      return scoreSideAt(result, t);
    case "leader":
      return scoreLeader(result, t);
    case "seat-at":
      return scoreSeatAt(result, t);
  }
}

/** Scores one run against every target, in the targets' order. */
export function scoreRun(result: RunResult, targets: readonly Target[]): TargetResult[] {
  return targets.map((t) => scoreTarget(result, t));
}

/**
 * A run's first divergence from the historical record: the earliest-dated target it misses (ties go to the
 * target listed first), or null when it misses none.
 */
export function firstDivergence(
  targets: readonly Target[],
  results: readonly TargetResult[],
): { id: string; date: string } | null {
  const missed = new Set(results.filter((r) => !r.passed).map((r) => r.id));
  let best: Target | null = null;
  for (const t of targets) if (missed.has(t.id) && (!best || t.date < best.date)) best = t;
  return best ? { id: best.id, date: best.date } : null;
}

export interface TargetSummary {
  id: string;
  label: string;
  kind: TargetKind;
  /** tune: watched while adjusting the model; check: never. */
  set: TargetSet;
  date: string;
  source: string;
  /** Runs in which the target holds. */
  passed: number;
  /** passed / runs. */
  share: number;
  /** Wilson 95% interval of the share. */
  ci95: [number, number];
  /** Runs missed, by reason. */
  misses: Partial<Record<MissReason, number>>;
}

export interface Aggregate {
  runs: number;
  targets: TargetSummary[];
  /** Mean of the per-target shares (= mean over runs of the share of targets a run meets). */
  overall: number;
  /** Normal-approximation 95% interval of the overall score over runs; [0, 1] with fewer than two runs. */
  overallCi95: [number, number];
  /** The same score over the targets of each set alone (absent when a set has no targets). */
  sets: Partial<Record<TargetSet, { targets: number; overall: number; overallCi95: [number, number] }>>;
  /** Target id -> runs whose first divergence it is. */
  firstDivergence: Record<string, number>;
  /** Runs that miss no target. */
  noDivergence: number;
}

/** Aggregates per-run scores (each in any order, matched by target id) over the targets. */
export function aggregate(targets: readonly Target[], runs: readonly (readonly TargetResult[])[]): Aggregate {
  const n = runs.length;
  const byId = runs.map((rs) => new Map(rs.map((r) => [r.id, r])));
  const summaries: TargetSummary[] = targets.map((t) => {
    let passed = 0;
    const misses: Partial<Record<MissReason, number>> = {};
    for (const m of byId) {
      const r = m.get(t.id);
      if (!r) throw new Error(`run has no result for target "${t.id}"`);
      if (r.passed) passed++;
      else if (r.reason) misses[r.reason] = (misses[r.reason] ?? 0) + 1;
    }
    return {
      id: t.id,
      label: t.label,
      kind: t.kind,
      set: t.set,
      date: t.date,
      source: t.source,
      passed,
      share: n === 0 ? 0 : passed / n,
      ci95: wilson(passed, n),
      misses,
    };
  });
  const { overall, overallCi95 } = scoreOver(summaries, byId, n);
  const sets: Aggregate["sets"] = {};
  for (const set of TARGET_SETS) {
    const mine = summaries.filter((x) => x.set === set);
    if (mine.length > 0) sets[set] = { targets: mine.length, ...scoreOver(mine, byId, n) };
  }
  const first: Record<string, number> = {};
  let noDivergence = 0;
  for (const rs of runs) {
    const d = firstDivergence(targets, rs);
    if (d) first[d.id] = (first[d.id] ?? 0) + 1;
    else noDivergence++;
  }
  return { runs: n, targets: summaries, overall, overallCi95, sets, firstDivergence: first, noDivergence };
}

/** The overall score over some targets: the mean share, with a normal 95% interval over runs. */
function scoreOver(
  summaries: readonly TargetSummary[],
  byId: readonly Map<string, TargetResult>[],
  n: number,
): { overall: number; overallCi95: [number, number] } {
  const overall = summaries.length === 0 ? 0 : summaries.reduce((a, s) => a + s.share, 0) / summaries.length;
  let overallCi95: [number, number] = [0, 1];
  if (n >= 2 && summaries.length > 0) {
    const perRun = byId.map((m) => summaries.filter((t) => m.get(t.id)!.passed).length / summaries.length);
    const mean = perRun.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(perRun.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
    const half = (Z95 * sd) / Math.sqrt(n);
    overallCi95 = [Math.max(0, mean - half), Math.min(1, mean + half)];
  }
  return { overall, overallCi95 };
}
