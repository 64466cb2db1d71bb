// What the dashboard offers beside a stored experiment's summary: downloads, fan charts of kept series, and
// scenario discovery for designs.
import "./toolkit.css";
import type { ExperimentDetail, ScenarioDetail } from "../../../src/server/contract.ts";
import { DiscoveryPanel } from "./DiscoveryPanel.tsx";
import { ExperimentDownloads } from "./ExperimentDownloads.tsx";
import { FanCharts } from "./FanCharts.tsx";

export function ExperimentTools({
  detail,
  scenario,
}: {
  detail: ExperimentDetail;
  scenario: ScenarioDetail;
}) {
  return (
    <div className="tk-tools" data-testid="experiment-tools">
      {/* Keyed by experiment, so opening another one starts afresh rather than showing the last one's results. */}
      {detail.series.length > 0 && <FanCharts key={detail.id} detail={detail} scenario={scenario} />}
      {detail.hasPoints && detail.done > 0 && <DiscoveryPanel key={detail.id} detail={detail} />}
      <ExperimentDownloads detail={detail} />
    </div>
  );
}
