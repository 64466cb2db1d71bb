/**
 * Outcomes: the number (or yes/no) an analysis reads from each run's metrics. Sensitivity analysis needs a
 * number per run, scenario discovery a yes/no. An outcome is written as a short text:
 *
 * - a measure: `yes` (the experiment's question answered yes: 1 or 0), `sole` (someone is sole leader),
 *   `sole:ID` (leader ID is sole leader, at any date), `members`, `committee`, `exits` (contenders who lost
 *   their executive seat for good), or `output.NAME` (a number a library model reports);
 * - a comparison of a measure with a number: `members < 1000000`, `exits >= 3`;
 * - either of those after `not`: `not yes`.
 *
 * Pure.
 */
import { answersYes } from "./metrics.ts";
import type { Question, RunMetrics } from "./types.ts";

export const OUTCOME_MEASURES = [
  "yes",
  "sole",
  "sole:ID",
  "members",
  "committee",
  "exits",
  "output.NAME",
] as const;

type Op = "<" | "<=" | ">" | ">=" | "=";

export interface Outcome {
  /** The text as written (normalised spaces). */
  text: string;
  measure: string;
  op?: Op;
  threshold?: number;
  negate: boolean;
}

/** An outcome text that cannot be read; the message lists what can be written. */
export class OutcomeError extends Error {
  override name = "OutcomeError";
}

const MEASURE = /^(yes|sole|sole:[a-z0-9][a-z0-9-]*|members|committee|exits|output\.[A-Za-z0-9_-]+)$/;

/**
 * Reads an outcome text.
 *
 * @example
 * parseOutcome("not yes"); // { text: "not yes", measure: "yes", negate: true }
 * parseOutcome("members >= 1000000").threshold; // 1000000
 */
export function parseOutcome(text: string): Outcome {
  const clean = text.trim().replace(/\s+/g, " ");
  const m = /^(not\s+)?([^<>=\s]+)\s*(?:(<=|>=|<|>|=)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?))?$/i.exec(clean);
  if (!m || !MEASURE.test(m[2]!))
    throw new OutcomeError(
      `cannot read the outcome "${text}": write a measure (${OUTCOME_MEASURES.join(", ")}), optionally compared with a number ("members < 1000000") and optionally after "not"`,
    );
  const out: Outcome = { text: clean, measure: m[2]!, negate: m[1] !== undefined };
  if (m[3] !== undefined) {
    out.op = m[3] as Op;
    out.threshold = Number(m[4]);
  }
  if (out.negate && out.op === undefined && !isBinary({ ...out, negate: false }))
    throw new OutcomeError(
      `"not" needs a yes/no outcome: "${out.measure}" is a number; compare it ("${out.measure} < 10")`,
    );
  return out;
}

function measureValue(measure: string, m: RunMetrics, q: Question): number {
  if (measure === "yes") return answersYes(m, q) ? 1 : 0;
  if (measure === "sole") return m.outcome === "sole-leader" ? 1 : 0;
  if (measure.startsWith("sole:"))
    return m.outcome === "sole-leader" && m.leader === measure.slice(5) ? 1 : 0;
  if (measure === "members") return m.members;
  if (measure === "committee") return m.committee;
  if (measure === "exits") return m.exits.length;
  if (measure.startsWith("output.")) return m.outputs?.[measure.slice(7)] ?? Number.NaN;
  throw new OutcomeError(`unknown measure "${measure}"`);
}

/** Whether the outcome is yes/no (a comparison, a negation, or a 0/1 measure). */
export function isBinary(o: Outcome): boolean {
  return o.op !== undefined || o.negate || o.measure === "yes" || o.measure.startsWith("sole");
}

/**
 * The outcome's value for one run: the measure, or 1/0 for a comparison or a negation.
 *
 * @example
 * outcomeValue(parseOutcome("not yes"), metrics, plan.question); // 1 when the question's answer is no
 */
export function outcomeValue(o: Outcome, m: RunMetrics, q: Question): number {
  let v = measureValue(o.measure, m, q);
  if (o.op !== undefined) {
    const t = o.threshold!;
    v = { "<": v < t, "<=": v <= t, ">": v > t, ">=": v >= t, "=": v === t }[o.op] ? 1 : 0;
  }
  if (o.negate) v = v === 0 ? 1 : v === 1 ? 0 : Number.NaN;
  return v;
}
