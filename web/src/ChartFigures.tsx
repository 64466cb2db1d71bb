// The figures behind a canvas chart, for readers who cannot see it (and anyone who wants the numbers): a
// collapsible table of every series at the first week of each year and at the last week.
import { type ChartSeries, sampleWeeks } from "./chartText.ts";
import { shortDate } from "./format.ts";

interface Props {
  caption: string;
  dates: readonly string[];
  series: readonly ChartSeries[];
  valueText(v: number | null | undefined): string;
}

export function ChartFigures({ caption, dates, series, valueText }: Props) {
  const weeks = sampleWeeks(dates);
  return (
    <details className="chart-figures small">
      <summary>The figures behind the chart</summary>
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Series</th>
              {weeks.map((w) => (
                <th scope="col" key={w} className="num">
                  {shortDate(dates[w]!)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.label}>
                <th scope="row">{s.label}</th>
                {weeks.map((w) => (
                  <td key={w} className="num">
                    {valueText(s.values[w])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
