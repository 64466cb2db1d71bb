/**
 * Series kept across the runs of an experiment: which measures a run's data collector records (read from the
 * series object itself, so new measures and leaders need no change here), and the lines one run keeps. A
 * measure is either party-wide (a list of numbers at the top of the series) or per leader (a list in each
 * leader's record). Pure.
 */
import { runScenario } from "../kernel/engine.ts";
import type { Series } from "../kernel/series.ts";
import { compileScenario } from "../scenario/compile.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { RunSeries, SeriesLine } from "./types.ts";

/** The measures a series holds: party-wide ones and those recorded for each leader, in the series' order. */
export function seriesMeasures(series: Series): { party: string[]; leader: string[] } {
  const party = Object.entries(series)
    .filter(([key, value]) => key !== "dates" && Array.isArray(value))
    .map(([key]) => key);
  const first = Object.values(series.leaders)[0] ?? {};
  const leader = Object.entries(first)
    .filter(([, value]) => Array.isArray(value))
    .map(([key]) => key);
  return { party, leader };
}

/** Why a list of measures cannot be kept, or null: each must be a measure of the series. */
export function seriesProblem(
  measures: readonly string[],
  known: { party: string[]; leader: string[] },
): string | null {
  const all = [...known.party, ...known.leader];
  if (measures.length === 0) return "name at least one measure to keep";
  const unknown = measures.filter((m) => !all.includes(m));
  if (unknown.length > 0)
    return `unknown series measure${unknown.length > 1 ? "s" : ""} ${unknown.map((m) => `"${m}"`).join(", ")} (known: ${all.join(", ")})`;
  const twice = measures.find((m, i) => measures.indexOf(m) !== i);
  return twice ? `"${twice}" is listed twice` : null;
}

/**
 * The lines of the asked measures from a run's series: a party-wide measure gives one line (leader null), a
 * leader measure one line per leader, in the series' order of leaders.
 *
 * @example
 * keepSeries(result.series, ["members", "committeeVotes"]).lines.length; // 1 + number of leaders
 */
export function keepSeries(series: Series, measures: readonly string[]): RunSeries {
  const record = series as unknown as Record<string, unknown>;
  const lines: SeriesLine[] = [];
  for (const measure of measures) {
    const party = record[measure];
    if (measure !== "dates" && measure !== "leaders" && Array.isArray(party)) {
      lines.push({ measure, leader: null, values: (party as number[]).slice() });
      continue;
    }
    for (const [leader, s] of Object.entries(series.leaders)) {
      const values = (s as unknown as Record<string, unknown>)[measure];
      if (Array.isArray(values)) lines.push({ measure, leader, values: (values as number[]).slice() });
    }
  }
  return { dates: series.dates.slice(), lines };
}

/**
 * The measures a scenario's runs record, found by setting up a run without stepping it (the data collector's
 * shape does not depend on the seed).
 *
 * @example
 * scenarioSeriesMeasures(scenario).party; // ["members", "committeeSize", ...]
 */
export function scenarioSeriesMeasures(s: Scenario): { party: string[]; leader: string[] } {
  return seriesMeasures(runScenario(compileScenario(s), { seed: 1, until: s.calendar.start }).series);
}
