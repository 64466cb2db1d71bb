// The run's events as a narrative (the library's own sentences, with the tick each happened at), the key
// events worth marking on the timeline (congresses, deaths, removals, sole leadership won and lost), and,
// where the scenario has a historical record, the record's events woven in at their own dates.
import {
  compareWithRecord,
  type HistoryComparison,
  type HistoryRecord,
  type HistoryRow,
  longDate,
  monthsText,
  namesOf,
  type RunResult,
  recordWhen,
  type Scenario,
  tell,
} from "../../src/index.ts";

/** What the record says about a line: the record event beside a run event, or the run beside a record event. */
export interface RecordNote {
  verdict: HistoryRow["verdict"];
  /** "In this run 7 months earlier (21 December 2001).", or "The record: 23 July 2002 (7 months later there)." */
  text: string;
  source: string;
}

export interface StoryLine {
  tick: number;
  date: string;
  text: string;
  type: string;
  key: boolean;
  /** "run": an event of this history; "record": an event of the historical record at its own date. */
  kind: "run" | "record";
  /** For a run event that stands for a record event, and for every record event: how the two compare. */
  note: RecordNote | null;
}

const KEY_TYPES = new Set(["congress", "death", "removal", "sole-leader", "sole-leadership-lapsed"]);

/** The record set beside a run, or null when the scenario has none. */
export function comparisonOf(
  result: RunResult,
  scenario: Scenario,
  record: HistoryRecord | null,
): HistoryComparison | null {
  if (!record) return null;
  const congress = scenario.bodies.find((b) => b.kind === "congress");
  return compareWithRecord(record, result.events, {
    firstCongressNumber: congress?.firstNumber ?? 1,
    runEnd: result.series.dates.at(-1) ?? scenario.calendar.end,
  });
}

/** The week of the run a date falls in (the first week on or after it; the last week past the end). */
function tickOf(dates: readonly string[], date: string): number {
  const i = dates.findIndex((d) => d >= date);
  return i < 0 ? Math.max(0, dates.length - 1) : i;
}

function runSide(row: HistoryRow): string {
  if (!row.match) return "Does not happen in this run.";
  return row.months === 0
    ? `In this run the same month (${longDate(row.match.date)}).`
    : `In this run ${monthsText(row.months!)} (${longDate(row.match.date)}).`;
}

function recordSide(row: HistoryRow): string {
  const months =
    row.months === 0
      ? "the same month"
      : monthsText(-row.months!).replace(/earlier|later/, (w) => `${w} there`);
  return `The record: ${recordWhen(row.record)} (${months}).`;
}

export function storyOf(
  result: RunResult,
  scenario: Scenario,
  comparison: HistoryComparison | null = null,
): StoryLine[] {
  const names = namesOf(scenario);
  const byRunEvent = new Map<number, HistoryRow>();
  for (const row of comparison?.rows ?? []) if (row.match) byRunEvent.set(row.match.index, row);

  const out: StoryLine[] = [];
  tell(result.events, names).forEach(({ event: e, text }, index) => {
    const row = byRunEvent.get(index);
    // A run event that stands for a record event is told even where the short narrative would skip it.
    const said = text ?? (row ? tell([e], names, true)[0]!.text : null);
    if (!said) return;
    out.push({
      tick: e.tick,
      date: e.date,
      text: said,
      type: e.type,
      key: KEY_TYPES.has(e.type),
      kind: "run",
      note: row ? { verdict: row.verdict, text: recordSide(row), source: row.record.source } : null,
    });
  });

  const dates = result.series.dates;
  for (const row of comparison?.rows ?? []) {
    out.push({
      tick: tickOf(dates, row.record.date),
      date: row.record.date,
      text: `${row.record.text}.`,
      type: row.record.match.type,
      key: false,
      kind: "record",
      note: { verdict: row.verdict, text: runSide(row), source: row.record.source },
    });
  }
  // By date; on the same date the run's events first, so "what happened here" reads before "what happened then".
  return out
    .map((line, i) => ({ line, i }))
    .sort(
      (a, b) =>
        a.line.date.localeCompare(b.line.date) ||
        (a.line.kind === b.line.kind ? a.i - b.i : a.line.kind === "run" ? -1 : 1),
    )
    .map(({ line }) => line);
}
