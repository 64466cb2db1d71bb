/** Plain-text rendering of a run set beside the historical record, for `apparat run --history`. */
import { type HistoryComparison, type HistoryRow, monthsText, summaryLine } from "../history/compare.ts";

const VERDICT: Record<HistoryRow["verdict"], string> = {
  "on-time": "on time",
  early: "EARLY",
  late: "LATE",
  missing: "NEVER",
};

/** One record event and the run's counterpart (with the run's own sentence), on two lines. */
function rowLines(row: HistoryRow, runText: (index: number) => string | null): string[] {
  const r = row.record;
  const when = r.when ? `${r.date} (${r.when})` : r.date;
  const scheduled = r.role === "input" ? " (scheduled by the scenario)" : "";
  const said = row.match ? runText(row.match.index) : null;
  const run = row.match
    ? `this run, ${row.match.date}, ${monthsText(row.months!)}${said ? `: ${said}` : ""}`
    : "does not happen in this run";
  return [`${when}  ${r.text}.  [${r.source}]`, `    ${VERDICT[row.verdict]}${scheduled} · ${run}`];
}

/**
 * The record beside the run, event by event in date order, then the summary line.
 *
 * @example
 * const told = tell(result.events, names, true);
 * historyText(cmp, "validation/my-scenario.history.yaml", (i) => told[i]!.text).join("\n");
 */
export function historyText(
  cmp: HistoryComparison,
  file: string,
  runText: (index: number) => string | null,
): string[] {
  const rows = [...cmp.rows].sort((a, b) => a.record.date.localeCompare(b.record.date));
  return [
    `Beside the historical record (${file}; on time = within the tolerance in months):`,
    "",
    ...rows.flatMap((row) => rowLines(row, runText)),
    "",
    summaryLine(cmp),
  ];
}
