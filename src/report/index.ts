/**
 * The factor-significance report: renderers that lay out an attribution experiment's figures as Markdown
 * or as a self-contained HTML page with charts. Import from here, not from the modules behind it.
 *
 * @example
 * import { renderHtml, renderMarkdown, type ReportInput } from "./report/index.ts";
 * writeFileSync("report.md", renderMarkdown(input));
 * writeFileSync("report.html", renderHtml(input));
 */
export { chanceChart, outcomeChart, type ReportCharts, renderCharts, shapleyChart } from "./charts.ts";
export { renderHtml } from "./html.ts";
export { renderMarkdown } from "./markdown.ts";
export type { Estimate95, ReportFactor, ReportInput, Share } from "./types.ts";
