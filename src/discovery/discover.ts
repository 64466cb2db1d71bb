/**
 * Scenario discovery on a stored experiment: each run is a point (its design point's input values) with a
 * yes/no outcome, and PRIM or CART looks for the inputs' region where yes is frequent. Works on any experiment
 * whose variants are design points: sweeps (Latin hypercube and random designs are what the methods assume;
 * factorial grids work too) and sensitivity designs. Boolean inputs count as 0 and 1; inputs with text values
 * are left out and listed. Pure.
 */
import { isBinary, outcomeValue, parseOutcome } from "../experiments/outcomes.ts";
import type { ExperimentPlan, Question, RunRow } from "../experiments/types.ts";
import { type CartOptions, type CartResult, cart } from "./cart.ts";
import { type PrimOptions, type PrimResult, prim } from "./prim.ts";

export const DISCOVERY_METHODS = ["prim", "cart"] as const;
export type DiscoveryMethod = (typeof DISCOVERY_METHODS)[number];

/** An experiment or outcome discovery cannot work on; the message says why and what would. */
export class DiscoveryError extends Error {
  override name = "DiscoveryError";
  /** What is at fault: the experiment chosen, or the outcome asked for. */
  readonly about: "experiment" | "outcome";

  constructor(message: string, about: "experiment" | "outcome") {
    super(message);
    this.about = about;
  }
}

export interface DiscoveryRequest {
  method: DiscoveryMethod;
  /** A yes/no outcome (see outcomes.ts), e.g. "not yes". */
  outcome: string;
  /** Replaces the experiment's question (leader and date) for the `yes` measure. */
  question?: Question;
  prim?: PrimOptions;
  cart?: CartOptions;
}

export interface DiscoveryResult {
  method: DiscoveryMethod;
  outcome: string;
  question: Question;
  /** Runs used, and how many answered yes. */
  runs: number;
  yes: number;
  /** Inputs analysed (scenario paths), and those left out (text values). */
  inputs: string[];
  skipped: string[];
  prim?: PrimResult;
  cart?: CartResult;
}

/**
 * Runs PRIM or CART over an experiment's runs.
 *
 * @throws DiscoveryError when the experiment has no design points, the outcome is not yes/no, or the
 * outcome never (or always) happens.
 * @example
 * discover(plan, store.runs(id), { method: "prim", outcome: "not yes" }).prim?.restricted;
 */
export function discover(
  plan: ExperimentPlan,
  rows: readonly RunRow[],
  r: DiscoveryRequest,
): DiscoveryResult {
  const points = plan.variants.map((v) => v.point);
  if (points.some((p) => p === undefined || Object.keys(p).length === 0))
    throw new DiscoveryError(
      `a ${plan.kind} experiment has no design points to search: run a sweep (latin-hypercube or random design) or a sensitivity analysis`,
      "experiment",
    );
  const outcome = parseOutcome(r.outcome);
  if (!isBinary(outcome))
    throw new DiscoveryError(
      `discovery needs a yes/no outcome; "${outcome.text}" is a number: compare it with a threshold ("${outcome.measure} < 1000")`,
      "outcome",
    );
  const question = r.question ?? plan.question;
  const paths = Object.keys(points[0]!);
  const numeric = paths.filter((p) =>
    points.every((pt) => typeof pt![p] === "number" || typeof pt![p] === "boolean"),
  );
  const skipped = paths.filter((p) => !numeric.includes(p));
  if (numeric.length === 0)
    throw new DiscoveryError("no input of the design takes numbers or true/false values", "experiment");
  const ordered = [...rows].sort((a, b) => a.index - b.index);
  const x = ordered.map((row) => numeric.map((p) => Number(points[row.variant]![p])));
  const y = ordered.map((row) => outcomeValue(outcome, row.metrics, question));
  const yes = y.reduce((a, b) => a + b, 0);
  if (ordered.length === 0) throw new DiscoveryError("the experiment has no stored runs yet", "experiment");
  if (yes === 0 || yes === y.length)
    throw new DiscoveryError(
      `the outcome "${outcome.text}" is ${yes === 0 ? "never" : "always"} true over the ${y.length} runs: there is no region to find`,
      "outcome",
    );
  const base = {
    method: r.method,
    outcome: outcome.text,
    question,
    runs: y.length,
    yes,
    inputs: numeric,
    skipped,
  };
  return r.method === "prim"
    ? { ...base, prim: prim(x, y, numeric, r.prim) }
    : { ...base, cart: cart(x, y, numeric, r.cart) };
}
