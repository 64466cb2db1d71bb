// Download links for an experiment's tables: the runs (one row per run) and, when kept, the series in long
// format, each as CSV or Parquet. Plain links, so they work from the keyboard and in any browser.
import type { ExperimentDetail } from "../../../src/server/contract.ts";
import { api } from "../api.ts";

export function ExperimentDownloads({ detail }: { detail: ExperimentDetail }) {
  const tables: { table: "runs" | "series"; label: string }[] = [
    { table: "runs", label: "Runs (one row per run)" },
    ...(detail.series.length > 0
      ? [{ table: "series" as const, label: "Series (one row per run, week, leader and measure)" }]
      : []),
  ];
  return (
    <div className="tk-downloads" data-testid="experiment-downloads">
      <h4>Download</h4>
      <ul>
        {tables.map((t) => (
          <li key={t.table}>
            {t.label}:{" "}
            {(["csv", "parquet"] as const).map((format, i) => (
              <span key={format}>
                {i > 0 && " · "}
                <a
                  href={api.exportUrl(detail.id, format, t.table)}
                  download={`experiment-${detail.id}${t.table === "series" ? "-series" : ""}.${format}`}
                  data-testid={`download-${t.table}-${format}`}
                >
                  {format.toUpperCase()}
                </a>
              </span>
            ))}
          </li>
        ))}
        <li>
          <a
            href={api.reportUrl(detail.id)}
            target="_blank"
            rel="noreferrer"
            data-testid="open-experiment-report"
          >
            The experiment's report (opens in a new window)
          </a>
        </li>
      </ul>
    </div>
  );
}
