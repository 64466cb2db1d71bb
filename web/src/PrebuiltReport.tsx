// The prebuilt factor report of the scenario, when the repository ships one (web/public/reports/index.json,
// written by `npm run report:prebuilt`): a link that opens it at once, so a class never waits for the runs.
import { useEffect, useState } from "react";
import type { PrebuiltEntry } from "../../src/report/types.ts";
import { MIN_RUNS_FOR_INTERVAL } from "../../src/stats/minimum.ts";

/** The full report's runs per combination; a build with fewer is a trial and says so. */
const FULL_RUNS = 200;

export function PrebuiltReport({ scenario }: { scenario: string }) {
  const [entry, setEntry] = useState<PrebuiltEntry | null>(null);
  useEffect(() => {
    let live = true;
    fetch("reports/index.json")
      .then((r) => (r.ok ? (r.json() as Promise<{ reports?: PrebuiltEntry[] }>) : { reports: [] }))
      .then(
        (index) => {
          if (live) setEntry(index.reports?.find((e) => e.scenario === scenario) ?? null);
        },
        () => {
          if (live) setEntry(null);
        },
      );
    return () => {
      live = false;
    };
  }, [scenario]);
  if (!entry) return null;
  const trial = entry.runsPerCombination < FULL_RUNS;
  return (
    <div className="prebuilt-report" data-testid="prebuilt-report">
      <p>
        <a
          className="button primary"
          href={entry.html}
          target="_blank"
          rel="noopener"
          data-testid="prebuilt-report-link"
        >
          Read the essay answers: the full factor report
        </a>{" "}
        <a href={entry.markdown} target="_blank" rel="noopener">
          (Markdown)
        </a>
      </p>
      <p className="muted small">
        Prebuilt on {entry.generated} from {entry.runsPerCombination} runs per combination (seed {entry.seed}
        ): the per-post what-ifs, the chain from appointments to removals, and both groupings of the factors.
      </p>
      {trial && (
        <p className="warning small" role="note" data-testid="prebuilt-report-trial">
          {`A trial build with ${entry.runsPerCombination} runs per combination${entry.runsPerCombination < MIN_RUNS_FOR_INTERVAL ? `, fewer than ${MIN_RUNS_FOR_INTERVAL}` : ""}: its figures are rough. The full report runs ${FULL_RUNS}.`}
        </p>
      )}
    </div>
  );
}
