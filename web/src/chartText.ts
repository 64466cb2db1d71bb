// Text alternatives for the canvas charts: which weeks a table of the figures samples (the first week of each
// year, and the last), and a one-sentence summary of what a chart shows at a given week.

/** Indices of the weeks the figures table shows: the first week of every year, and the last week. */
export function sampleWeeks(dates: readonly string[]): number[] {
  const out: number[] = [];
  let year = "";
  dates.forEach((d, i) => {
    if (d.slice(0, 4) !== year) {
      year = d.slice(0, 4);
      out.push(i);
    }
  });
  const last = dates.length - 1;
  if (last >= 0 && out.at(-1) !== last) out.push(last);
  return out;
}

export interface ChartSeries {
  label: string;
  /** Indexed by week: an array or a typed array (uPlot's columns are either). */
  values: ArrayLike<number | null | undefined>;
}

/**
 * "Committee votes for each leader, from 3 April 2001 to 30 December 2008. On 30 December 2008: A 62,
 * B 1, …" — series ordered by their value at that week, largest first.
 */
export function chartSummary(
  what: string,
  series: readonly ChartSeries[],
  at: number,
  dateText: (i: number) => string,
  valueText: (v: number | null | undefined) => string,
  last: number,
): string {
  const ranked = [...series].sort((a, b) => (b.values[at] ?? -Infinity) - (a.values[at] ?? -Infinity));
  const values = ranked.map((s) => `${s.label} ${valueText(s.values[at])}`).join(", ");
  return `${what}, from ${dateText(0)} to ${dateText(last)}. On ${dateText(at)}: ${values}.`;
}
