/**
 * The toolkit's charts drawn in Node, into linkedom's document (the same chart functions draw in the dashboard
 * with the page's document).
 */
import { parseHTML } from "linkedom";
import { fanChart } from "../charts/fanChart.ts";
import { measureLabel } from "../charts/frame.ts";
import { primBoxChart, primTrajectoryChart } from "../charts/primCharts.ts";
import { sensitivityChart } from "../charts/sensitivityChart.ts";
import type { PrimResult } from "../discovery/prim.ts";
import type { Fan } from "../experiments/fan.ts";
import type { SensitivitySummary } from "../sensitivity/analyse.ts";

function newDocument(): Document {
  return parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
}

const titleOf = (svg: string) => /<title>([^<]*)<\/title>/.exec(svg)?.[1]?.replace(/&amp;/g, "&") ?? "";

/** The sensitivity chart of a summary that has indices. */
export function renderSensitivityChart(s: SensitivitySummary): { title: string; svg: string } {
  const svg = sensitivityChart(s, { document: newDocument() });
  return { title: titleOf(svg), svg };
}

/** One fan chart per measure, in the order the measures first appear. */
export function renderFanCharts(
  fans: readonly Fan[],
  name: (id: string) => string,
): { measure: string; title: string; svg: string }[] {
  const measures = [...new Set(fans.map((f) => f.measure))];
  return measures.map((measure) => {
    const svg = fanChart(
      fans.filter((f) => f.measure === measure),
      { document: newDocument(), name },
    );
    return { measure, title: titleOf(svg) || measureLabel(measure), svg };
  });
}

/** PRIM's trajectory and box charts. */
export function renderPrimCharts(r: PrimResult, outcome: string): { trajectory: string; box: string } {
  return {
    trajectory: primTrajectoryChart(r, { document: newDocument(), outcome }),
    box: primBoxChart(r, { document: newDocument() }),
  };
}
