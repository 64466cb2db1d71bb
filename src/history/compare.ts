/**
 * A run set beside the historical record: each dated event of the record paired with the run event that
 * stands for it, the difference in months, and the first event where the run leaves the record. Pure, so
 * the command line and the dashboard show the same pairs.
 */
import type { SimEvent } from "../kernel/events.ts";
import type { HistoricalEvent, HistoryRecord, MatchSpec } from "./record.ts";

/** How a run keeps to one event of the record. */
export type Verdict = "on-time" | "early" | "late" | "missing";

export interface HistoryRow {
  record: HistoricalEvent;
  /** The run event that stands for it, with its index in the run's events, or null if none does. */
  match: { index: number; tick: number; date: string } | null;
  /** Run date minus record date in whole months (negative: earlier in the run), or null when missing. */
  months: number | null;
  verdict: Verdict;
  /** Months either way that still count as on time. */
  tolerance: number;
}

export interface HistoryComparison {
  rows: HistoryRow[];
  /** The earliest event of the record, by its date, that the run brings early, late or never (outcomes only). */
  firstDivergence: HistoryRow | null;
  /** Events the model must produce, and how many of them the run brings on time. */
  outcomes: number;
  onTime: number;
}

/** What the matching needs to know of the scenario. */
export interface MatchContext {
  /** Ordinal of the scenario's first congress (a congress event's `number` counts from 1). */
  firstCongressNumber: number;
  /** Last date of the run: a record event after it cannot be missed yet. */
  runEnd?: string;
}

const DAYS_PER_MONTH = 365.2425 / 12;

/** Whole months from one ISO date to another, rounded to the nearest (negative if `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return Math.round(days / DAYS_PER_MONTH);
}

const has = (xs: readonly string[] | undefined, x: string | undefined) =>
  x === undefined || !!xs?.includes(x);
const hasAll = (xs: readonly string[], want: readonly string[] | undefined) =>
  !want || want.every((x) => xs.includes(x));
const same = <T>(value: T, want: T | undefined) => want === undefined || value === want;

/** The person an event is about, for `person` (several for events about a group). */
function subjects(e: SimEvent): string[] {
  switch (e.type) {
    case "appointment":
      return e.person ? [e.person] : [];
    case "alliance-formed":
    case "alliance-broken":
      return e.members;
    case "platform":
      return e.leaders;
    case "factionalism-charge":
      return e.against;
    case "testament":
      return [e.target];
    case "legacy":
      return [e.founder];
    case "vote":
      return e.target ? [e.target] : [];
    case "office-created":
    case "office-abolished":
      return e.person ? [e.person] : [];
    case "transfer":
      return e.to ? [e.to] : [];
    case "courting":
      return [e.to];
    case "restraint":
      return [e.target];
    case "coup":
      return e.against;
    case "repudiation":
      return [e.founder];
    case "reversal":
    case "rehabilitation":
    case "backing":
    case "patron-change":
    case "removal":
    case "incapacitation":
    case "recovery":
    case "death":
    case "resignation-offer":
    case "recantation":
    case "truce-broken":
    case "resistance":
    case "line-shift":
    case "sole-leader":
    case "sole-leadership-lapsed":
      return [e.person];
    default:
      return [];
  }
}

/** Those who act in an event, for `by`. */
function actors(e: SimEvent): string[] {
  switch (e.type) {
    case "removal":
    case "factionalism-charge":
    case "rehabilitation":
    case "restraint":
    case "coup":
    case "repudiation":
      return e.by;
    case "session":
      return e.convenedBy;
    case "courting":
    case "force":
      return [e.by];
    case "patron-change":
      return [e.to];
    case "vote":
      return e.proposers;
    case "appointment":
    case "enrolment":
    case "alliance-broken":
      return e.by ? [e.by] : [];
    default:
      return [];
  }
}

/**
 * Whether a run event stands for a record event's match. `congress` is the ordinal of the congress last
 * opened at or before the event (null before the first).
 */
export function matches(e: SimEvent, spec: MatchSpec, congress: number | null, ctx: MatchContext): boolean {
  if (e.type !== spec.type) return false;
  if (spec.congress !== undefined && congress !== spec.congress) return false;
  if (!has(subjects(e), spec.person) || !has(actors(e), spec.by)) return false;
  switch (e.type) {
    case "appointment": {
      const base = e.post.id.split(":")[0];
      if (!same(e.patron ?? undefined, spec.patron)) return false;
      if (spec.office !== undefined && !(e.post.kind === "office" && e.post.id === spec.office)) return false;
      if (spec.region !== undefined && !(e.post.kind === "region" && e.post.id === spec.region)) return false;
      return spec.body === undefined || (e.post.kind === "body" && base === spec.body);
    }
    case "removal":
      return same(e.rung, spec.rung) && has(e.lost, spec.office);
    case "alliance-formed":
    case "alliance-broken":
      return same(e.kind, spec.kind) && hasAll(e.members, spec.members);
    case "platform":
      return hasAll(e.leaders, spec.members);
    case "vote":
      return same(e.body, spec.body) && same(e.motion, spec.motion);
    case "election":
      return same(e.electedBody, spec.body);
    case "session":
    case "reversal":
    case "force":
    case "rehabilitation":
      return same(e.body, spec.body);
    case "office-created":
    case "office-abolished":
    case "transfer":
      return same(e.office, spec.office);
    case "congress":
      return same(ctx.firstCongressNumber + e.number - 1, spec.number);
    case "shock":
      return same(e.id, spec.shock);
    case "testament":
      return same(e.fate, spec.fate);
    case "resignation-offer":
      return same(e.accepted, spec.accepted);
    case "legacy":
      return hasAll(e.absent, spec.absent);
    default:
      return true;
  }
}

/** Index of the run event a record event takes: the first that qualifies, or the nearest in time. */
function pick(
  events: readonly SimEvent[],
  r: HistoricalEvent,
  ok: (e: SimEvent, k: number) => boolean,
): number {
  if (r.pick === "first") return events.findIndex(ok);
  let best = -1;
  let bestGap = Number.POSITIVE_INFINITY;
  events.forEach((e, k) => {
    if (!ok(e, k)) return;
    const gap = Math.abs(Date.parse(e.date) - Date.parse(r.date));
    if (gap < bestGap) {
      best = k;
      bestGap = gap;
    }
  });
  return best;
}

/**
 * Pairs every event of the record with the run event that stands for it. Record events are taken in date
 * order and each takes the earliest run event that matches and is not yet taken, so the n-th record event
 * of a kind (the founder's n-th stroke, the n-th congress) pairs with the n-th such event of the run; an event
 * marked `pick: nearest` takes the matching one closest to its date instead.
 *
 * @example
 * const cmp = compareWithRecord(record, result.events, { firstCongressNumber: 1, runEnd: scenario.calendar.end });
 * console.log(cmp.firstDivergence?.record.text);
 */
export function compareWithRecord(
  record: HistoryRecord,
  events: readonly SimEvent[],
  ctx: MatchContext,
): HistoryComparison {
  const congressAt: (number | null)[] = [];
  let congress: number | null = null;
  for (const e of events) {
    if (e.type === "congress") congress = ctx.firstCongressNumber + e.number - 1;
    congressAt.push(congress);
  }
  const taken = new Set<number>();
  const order = record.events
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.date.localeCompare(b.r.date) || a.i - b.i);
  const rows: HistoryRow[] = new Array(record.events.length);
  for (const { r, i } of order) {
    const tolerance = r.tolerance ?? record.tolerance;
    const index = pick(events, r, (e, k) => !taken.has(k) && matches(e, r.match, congressAt[k]!, ctx));
    if (index < 0) {
      rows[i] = { record: r, match: null, months: null, verdict: "missing", tolerance };
      continue;
    }
    taken.add(index);
    const e = events[index]!;
    const months = monthsBetween(r.date, e.date);
    const verdict: Verdict = months < -tolerance ? "early" : months > tolerance ? "late" : "on-time";
    rows[i] = { record: r, match: { index, tick: e.tick, date: e.date }, months, verdict, tolerance };
  }
  // A record event after the run's end cannot be missed yet: it is left out.
  const kept = rows.filter((row) => !(ctx.runEnd && row.record.date > ctx.runEnd && row.match === null));
  const outcomes = kept.filter((row) => row.record.role === "outcome");
  const byDate = [...outcomes].sort((a, b) => a.record.date.localeCompare(b.record.date));
  return {
    rows: kept,
    firstDivergence: byDate.find((row) => row.verdict !== "on-time") ?? null,
    outcomes: outcomes.length,
    onTime: outcomes.filter((row) => row.verdict === "on-time").length,
  };
}

const dayFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

/** An ISO date in words, day month year: "2001-07-23" as "23 July 2001". */
export function longDate(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return Number.isFinite(t) ? dayFormat.format(t) : iso;
}

/** When a record event happened, in words: its own `when`, else the date. */
export function recordWhen(r: HistoricalEvent): string {
  return r.when ?? longDate(r.date);
}

const monthsCount = (n: number) => `${n} ${n === 1 ? "month" : "months"}`;

/** A difference in months in words: "3 months earlier", "the same month", "1 month later". */
export function monthsText(months: number): string {
  if (months === 0) return "the same month";
  return `${monthsCount(Math.abs(months))} ${months < 0 ? "earlier" : "later"}`;
}

/** How the run keeps to one record event, in words ("7 months earlier in this run (21 December 2001)"). */
export function rowText(row: HistoryRow): string {
  if (!row.match) return "does not happen in this run";
  return `${monthsText(row.months!)} in this run (${longDate(row.match.date)})`;
}

/**
 * The summary line: where the run first leaves the record, or that it never does.
 *
 * @example
 * summaryLine(cmp); // "This run diverges from the record first on 23 July 2001: ..."
 */
export function summaryLine(cmp: HistoryComparison): string {
  const tolerances = new Set(cmp.rows.map((r) => r.tolerance));
  const within =
    tolerances.size === 1 ? `within ${monthsCount([...tolerances][0]!)}` : "within their tolerance";
  const kept = `${cmp.onTime} of the ${cmp.outcomes} events the model must produce come ${within} of the record`;
  const d = cmp.firstDivergence;
  if (!d) return `This run keeps to the record: ${kept}.`;
  return `This run diverges from the record first on ${recordWhen(d.record)}: ${lowerFirst(d.record.text)} — ${rowText(d)}. ${kept}.`;
}

function lowerFirst(text: string): string {
  // Keep proper names as they are; only a leading article or adjective is lowered.
  return /^(The|A|An) /.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}
