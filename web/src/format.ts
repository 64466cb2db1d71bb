// Formatting for people, not machines: dates from ISO strings, numbers with separators, shares as percents.
// Dates are formatted from the data's own ISO strings, so no calendar year is ever written in code.

// Dates are the scenario's calendar days: read and written in UTC so no time zone moves them a day.
const dayFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const momentFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const listFormat = new Intl.ListFormat("en-GB", { style: "long", type: "conjunction" });

function utc(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(t) ? t : null;
}

/** "YYYY-MM-DD" -> "14 March YYYY". */
export function niceDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const t = utc(iso);
  return t === null ? iso : dayFormat.format(t);
}

/** Every ISO date inside a sentence made readable. */
export function niceDates(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}/g, (iso) => niceDate(iso));
}

/** "YYYY-MM-DD" -> "Mar YYYY" (short, for axes, markers and table heads). */
export function shortDate(iso: string): string {
  const t = utc(iso);
  return t === null ? iso : monthFormat.format(t);
}

/** A moment (an ISO time, e.g. when an experiment was made) in the reader's own time zone. */
export function momentText(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : momentFormat.format(t);
}

/** Items as an English list: "a", "a and b", "a, b and c". */
export function listText(items: readonly string[]): string {
  return listFormat.format(items);
}

/** ISO date at midnight UTC as Unix seconds (uPlot's x axis). */
export function unixSeconds(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / 1000;
}

const intFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
export const int = (x: number) => (Number.isFinite(x) ? intFormat.format(x) : "—");

/** A share in [0, 1] as a percentage with one decimal: 0.4213 -> "42.1%". */
export function pct(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "—";
}

/** A difference of shares as signed percentage points with one decimal: -0.42 -> "−42.0". */
export function points(x: number): string {
  if (!Number.isFinite(x)) return "—";
  const v = (x * 100).toFixed(1);
  return x > 0 ? `+${v}` : v.replace("-", "−");
}

/** A parameter value of any JSON shape, short. */
export function valueText(v: unknown): string {
  if (typeof v === "number") return Number.isInteger(v) ? int(v) : String(Math.round(v * 1e4) / 1e4);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "yes" : "no";
  return JSON.stringify(v);
}

/** "selfConfidence" -> "self confidence". */
export function words(camel: string): string {
  return camel
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_.]/g, " ")
    .toLowerCase();
}
