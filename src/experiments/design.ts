/**
 * Sweep designs, as in NetLogo's BehaviorSpace and Mesa's batch runner: a full factorial grid, a Latin
 * hypercube (each parameter's range cut into as many strata as points, every stratum used once), or
 * independent uniform draws. Seeded, so a design is the same every time it is made from the same file. Pure.
 */
import { Rng, streamState } from "../kernel/random/rng.ts";

export type DesignKind = "factorial" | "latin-hypercube" | "random";
export const DESIGN_KINDS: readonly DesignKind[] = ["factorial", "latin-hypercube", "random"];

export type ParamValue = number | boolean | string;

/** One swept parameter: either a list of values or a numeric range (with steps for a factorial). */
export interface SweptParameter {
  path: string;
  values?: ParamValue[];
  range?: [number, number];
  steps?: number;
  integer?: boolean;
}

export type DesignPoint = Record<string, ParamValue>;

/** Rounds to 6 decimals so stored points read cleanly; integer parameters to whole numbers. */
function clean(x: number, integer: boolean | undefined): number {
  return integer ? Math.round(x) : Math.round(x * 1e6) / 1e6;
}

/** The levels a parameter takes in a factorial design. */
export function levels(p: SweptParameter): ParamValue[] {
  if (p.values) return p.values;
  const [lo, hi] = p.range!;
  const steps = p.steps ?? 2;
  const out = Array.from({ length: steps }, (_, k) => clean(lo + ((hi - lo) * k) / (steps - 1), p.integer));
  return [...new Set(out)];
}

/** Every combination of every parameter's levels; the last parameter varies fastest. */
export function factorial(params: readonly SweptParameter[]): DesignPoint[] {
  let points: DesignPoint[] = [{}];
  for (const p of params) {
    const ls = levels(p);
    points = points.flatMap((pt) => ls.map((v) => ({ ...pt, [p.path]: v })));
  }
  return points;
}

/** A value at position u in [0, 1) of a parameter: along its range, or picking from its list. */
function valueAt(p: SweptParameter, u: number): ParamValue {
  if (p.values) return p.values[Math.min(p.values.length - 1, Math.floor(u * p.values.length))]!;
  const [lo, hi] = p.range!;
  return clean(lo + u * (hi - lo), p.integer);
}

function designRng(seed: number): Rng {
  return new Rng(streamState(seed, "sweep-design"));
}

/**
 * Latin hypercube of n points: for each parameter a random permutation of the n strata, and a uniform
 * position inside each stratum.
 *
 * @example
 * latinHypercube([{ path: "a", range: [0, 1] }], 4, 1); // four points, one in each quarter of [0, 1]
 */
export function latinHypercube(params: readonly SweptParameter[], n: number, seed: number): DesignPoint[] {
  const rng = designRng(seed);
  const points: DesignPoint[] = Array.from({ length: n }, () => ({}));
  for (const p of params) {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    for (let i = 0; i < n; i++) points[i]![p.path] = valueAt(p, (perm[i]! + rng.float()) / n);
  }
  return points;
}

/** n points drawn independently and uniformly. */
export function randomDesign(params: readonly SweptParameter[], n: number, seed: number): DesignPoint[] {
  const rng = designRng(seed);
  return Array.from({ length: n }, () => {
    const pt: DesignPoint = {};
    for (const p of params) pt[p.path] = valueAt(p, rng.float());
    return pt;
  });
}
