/**
 * The design space a scenario gives a sensitivity analysis: every estimate it holds (a value with a sourced
 * range), addressed by the same paths `--set` takes, and the selection of some of them by path, prefix or
 * pattern. Estimates whose range is a single value are left out: they cannot vary. Pure.
 */

import type { SensitivityParameter } from "../experiments/types.ts";
import type { Scenario } from "../scenario/schema.ts";

function isEstimate(x: unknown): x is { value: number; range: [number, number] } {
  if (!x || typeof x !== "object") return false;
  const o = x as Record<string, unknown>;
  return typeof o.value === "number" && Array.isArray(o.range) && o.range.length === 2 && "source" in o;
}

/**
 * Every estimate of the scenario with a range wider than a point, in the file's order. Lists whose items have
 * ids are addressed by id (`people.<id>.attributes.<name>`), other lists by index (`a[2]`).
 *
 * @example
 * scenarioEstimates(scenario).map((p) => p.path); // ["bodies.congress.delegates", ...]
 */
export function scenarioEstimates(s: Scenario): SensitivityParameter[] {
  const out: SensitivityParameter[] = [];
  const walk = (node: unknown, path: string) => {
    if (isEstimate(node)) {
      const [lo, hi] = node.range;
      if (hi > lo) out.push({ path, range: [lo, hi], value: node.value });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        const id = item && typeof item === "object" ? (item as { id?: unknown }).id : undefined;
        walk(item, typeof id === "string" ? `${path}.${id}` : `${path}[${i}]`);
      });
      return;
    }
    if (node && typeof node === "object")
      for (const [key, value] of Object.entries(node)) walk(value, path ? `${path}.${key}` : key);
  };
  walk(s, "");
  return out;
}

/** Whether a selector picks a path: the path itself, a prefix of whole segments, or a pattern with `*`. */
function matches(selector: string, path: string): boolean {
  if (selector === path || path.startsWith(`${selector}.`)) return true;
  if (!selector.includes("*")) return false;
  const pattern = selector
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^.]+");
  return new RegExp(`^${pattern}(\\..+)?$`).test(path);
}

/** A selection that picks nothing, or a parameter listed with a bad range; the message says which. */
export class ParameterError extends Error {
  override name = "ParameterError";
}

/**
 * The estimates picked by the selectors, in the scenario's order, each once. `all` (or no selector) picks
 * every estimate. A selector that picks nothing is an error naming it.
 *
 * @example
 * selectParameters(all, ["people.*.attributes.ruthlessness", "mechanisms.patronage"]);
 */
export function selectParameters(
  all: readonly SensitivityParameter[],
  selectors: readonly string[],
): SensitivityParameter[] {
  if (selectors.length === 0 || selectors.includes("all")) return all.slice();
  for (const sel of selectors)
    if (!all.some((p) => matches(sel, p.path))) {
      const near = all.filter((p) => p.path.startsWith(sel.split(".")[0]!)).slice(0, 5);
      throw new ParameterError(
        `"${sel}" matches no estimate of the scenario with a range${near.length > 0 ? ` (some there are: ${near.map((p) => p.path).join(", ")})` : ""}; \`apparat sensitivity --list\` prints them all`,
      );
    }
  return all.filter((p) => selectors.some((sel) => matches(sel, p.path)));
}

/** The value at position u in [0, 1] of a parameter's range, rounded to a millionth of the range's scale. */
export function valueAt(p: SensitivityParameter, u: number): number {
  const [lo, hi] = p.range;
  const x = lo + u * (hi - lo);
  // Rounded so stored points read cleanly; 1e-6 of the range is far below any effect the analysis can see.
  const e = Math.floor(Math.log10(hi - lo)) - 6;
  const rounded = e >= 0 ? Math.round(x / 10 ** e) * 10 ** e : Number(x.toFixed(Math.min(20, -e)));
  return Math.min(hi, Math.max(lo, rounded));
}
