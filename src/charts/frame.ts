/**
 * What every chart of the modeller's toolkit shares: Observable Plot drawing into a `document` the caller
 * passes (linkedom's in Node for reports, the page's in the dashboard), so one function gives the same SVG in
 * both places; a <title>, a <desc> and role="img" for screen readers; a fixed class name and no clip paths or
 * markers, whose ids Plot numbers from a global counter, so the same input always gives the same bytes.
 */
export const SVG_NS = "http://www.w3.org/2000/svg";
export const CLASS_NAME = "apparat-chart";
export const FONT_SIZE = 12;
export const INK = "#222222";
export const BLUE = "#3b6ea5";
export const PALE_BLUE = "#a9c1dc";
export const RED = "#b5523b";
export const GREY = "#9a9a9a";

/** Options every chart takes. */
export interface ChartOptions {
  /** The document to draw in. */
  document: Document;
  /** Width in pixels (default 720). */
  width?: number;
}

/** Plot's shared settings for a chart of this width. */
export function plotBase(o: ChartOptions, title: string) {
  return {
    document: o.document,
    className: CLASS_NAME,
    width: o.width ?? 720,
    style: { fontSize: `${FONT_SIZE}px`, background: "white", color: INK },
    ariaLabel: title,
  };
}

/** Adds the title and description, and returns the SVG as text. */
export function finish(svg: Element, document: Document, title: string, description: string): string {
  // Plot wraps a chart that has a legend in a <figure>; the charts here draw their own keys, so it is an <svg>.
  svg.setAttribute("xmlns", SVG_NS);
  svg.setAttribute("role", "img");
  const desc = document.createElementNS(SVG_NS, "desc");
  desc.textContent = description;
  svg.insertBefore(desc, svg.firstChild);
  const t = document.createElementNS(SVG_NS, "title");
  t.textContent = title;
  svg.insertBefore(t, svg.firstChild);
  return svg.outerHTML;
}

/** "committeeVotes" -> "committee votes": a readable name for any measure the series may hold. */
export function measureLabel(measure: string): string {
  return measure.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}

/** A parameter path shortened for a chart's axis: the generic "params"/"attributes" segments dropped. */
export function shortPath(path: string): string {
  return path
    .split(".")
    .filter((s) => s !== "params" && s !== "attributes")
    .join(".");
}

/** A number with a few significant digits, for labels. */
export function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return "-";
  if (Math.abs(x) >= 1000) return Math.round(x).toLocaleString("en-US");
  return Number(x.toPrecision(digits)).toString();
}

/** Average width of a character at the charts' font size, generous so labels fit in wide fallback fonts. */
export const CHAR_WIDTH = 7.2;

/** A label cut to `chars` characters with an ellipsis (the full text stays in the title and description). */
export function cutLabel(label: string, chars: number): string {
  return label.length <= chars ? label : `${label.slice(0, Math.max(1, chars - 1))}…`;
}

/**
 * A left margin for labels of up to `longest` characters, never more than `share` of the chart's width (labels
 * are cut to fit it), so narrow screens keep room for the plot itself.
 */
export function labelMargin(longest: number, width: number, share = 0.4): { margin: number; chars: number } {
  const margin = Math.min(300, Math.max(60, Math.ceil(longest * CHAR_WIDTH) + 12), Math.floor(width * share));
  return { margin, chars: Math.floor((margin - 12) / CHAR_WIDTH) };
}
