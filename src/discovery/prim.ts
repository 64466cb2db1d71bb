/**
 * PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999, "Bump hunting in high-dimensional data",
 * Statistics and Computing 9), as scenario discovery uses it (Bryant & Lempert 2010, "Thinking inside the box",
 * Technological Forecasting & Social Change 77): find a box of input values, bounded on few inputs, in which a
 * yes/no outcome of interest is much more frequent than overall.
 *
 * Peeling shrinks the box step by step, each time cutting a small share `alpha` of the points in it off one side
 * of one input, the cut that raises the share of yes in the box the most per point removed (the "lenient"
 * objective of the EMA Workbench; it treats inputs with few values fairly). The sequence of boxes is the
 * peeling trajectory: coverage (share of all yes cases inside) falls while density (share of yes inside) rises.
 * One box is chosen on it, then pasting widens its sides again while that raises density. For each input the
 * chosen box restricts, a quasi-p-value (Bryant & Lempert) is the chance of at least as many yes cases in the box
 * if the restriction on that input added nothing: a one-sided binomial test against the density of the box
 * without that restriction. Pure.
 */

export interface PrimOptions {
  /** Share of the box's points each peel removes (default 0.05). */
  alpha?: number;
  /** Share of the box's points each paste tries to add (default 0.05). */
  pasteAlpha?: number;
  /** Smallest box, as a share of all points (default 0.05). */
  minMass?: number;
  /** Choose the densest box on the trajectory with at least this coverage (default 0.5) ... */
  minCoverage?: number;
  /** ... unless a box is chosen by its position on the trajectory. */
  box?: number;
}

/** A box: lower and upper bound on each input (inclusive). */
export interface Box {
  lo: number[];
  hi: number[];
}

export interface BoxStats {
  /** Points inside, and yes cases inside. */
  n: number;
  yes: number;
  /** Share of all yes cases that are inside. */
  coverage: number;
  /** Share of yes among the points inside. */
  density: number;
  /** Share of all points that are inside. */
  mass: number;
  /** Inputs the box restricts (narrower than the data). */
  restricted: number;
}

export interface RestrictedDimension {
  input: number;
  name: string;
  lo: number;
  hi: number;
  /** The input's range over all points. */
  min: number;
  max: number;
  /** Quasi-p-value of the restriction. */
  qp: number;
}

export interface PrimResult {
  inputs: string[];
  n: number;
  yes: number;
  /** The share of yes over all points. */
  baseDensity: number;
  trajectory: (BoxStats & Box)[];
  /** Position of the chosen box on the trajectory (before pasting). */
  chosen: number;
  /** The chosen box after pasting. */
  box: Box & BoxStats;
  restricted: RestrictedDimension[];
}

/** Points inside a box. */
function inside(x: readonly number[][], box: Box, rows: Iterable<number>): number[] {
  const out: number[] = [];
  for (const r of rows) {
    const p = x[r]!;
    let ok = true;
    for (let d = 0; d < box.lo.length && ok; d++) ok = p[d]! >= box.lo[d]! && p[d]! <= box.hi[d]!;
    if (ok) out.push(r);
  }
  return out;
}

function statsOf(
  box: Box,
  rows: readonly number[],
  y: readonly number[],
  total: { n: number; yes: number },
  min: number[],
  max: number[],
): BoxStats {
  let yes = 0;
  for (const r of rows) yes += y[r]!;
  const restricted = box.lo.filter((lo, d) => lo > min[d]! || box.hi[d]! < max[d]!).length;
  return {
    n: rows.length,
    yes,
    coverage: total.yes === 0 ? 0 : yes / total.yes,
    density: rows.length === 0 ? 0 : yes / rows.length,
    mass: rows.length / total.n,
    restricted,
  };
}

/** log of n choose k. */
function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

const LOG_FACTORIALS: number[] = [0];
function logFactorial(n: number): number {
  for (let i = LOG_FACTORIALS.length; i <= n; i++) LOG_FACTORIALS.push(LOG_FACTORIALS[i - 1]! + Math.log(i));
  return LOG_FACTORIALS[n]!;
}

/** P[Binomial(n, p) >= k], summed exactly in log space. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let sum = 0;
  for (let i = k; i <= n; i++) sum += Math.exp(logChoose(n, i) + i * Math.log(p) + (n - i) * Math.log1p(-p));
  return Math.min(1, sum);
}

/**
 * The next peel: for each input and side, the cut that removes about `alpha` of the box's points (all points
 * at the extreme value when ties make a finer cut impossible); the one raising density most per point removed.
 */
function bestPeel(
  x: readonly number[][],
  y: readonly number[],
  box: Box,
  rows: readonly number[],
  alpha: number,
  minRows: number,
): Box | null {
  const n = rows.length;
  let yes = 0;
  for (const r of rows) yes += y[r]!;
  const density = yes / n;
  let best: { box: Box; gain: number; kept: number } | null = null;
  const k = Math.max(1, Math.ceil(alpha * n));
  for (let d = 0; d < box.lo.length; d++) {
    const values = rows.map((r) => x[r]![d]!).sort((a, b) => a - b);
    if (values[0] === values[n - 1]) continue;
    // Low side: keep values >= cut; high side: keep values <= cut.
    let low = values[Math.min(k, n - 1)]!;
    if (low === values[0]) low = values.find((v) => v > values[0]!)!;
    let high = values[Math.max(0, n - 1 - k)]!;
    if (high === values[n - 1]) high = [...values].reverse().find((v) => v < values[n - 1]!)!;
    for (const side of ["lo", "hi"] as const) {
      let keptYes = 0;
      let kept = 0;
      for (const r of rows) {
        const v = x[r]![d]!;
        if (side === "lo" ? v >= low : v <= high) {
          kept++;
          keptYes += y[r]!;
        }
      }
      if (kept < minRows || kept === n) continue;
      const gain = (keptYes / kept - density) / (n - kept);
      if (best === null || gain > best.gain || (gain === best.gain && kept > best.kept)) {
        const next = { lo: box.lo.slice(), hi: box.hi.slice() };
        if (side === "lo") next.lo[d] = low;
        else next.hi[d] = high;
        best = { box: next, gain, kept };
      }
    }
  }
  return best && best.gain > 0 ? best.box : null;
}

/** Widens one side of the box at a time while that raises its density. */
function paste(
  x: readonly number[][],
  y: readonly number[],
  start: Box,
  all: readonly number[],
  alpha: number,
  min: number[],
  max: number[],
): Box {
  let box = start;
  let rows = inside(x, box, all);
  for (;;) {
    const density = rows.reduce((s, r) => s + y[r]!, 0) / Math.max(1, rows.length);
    const k = Math.max(1, Math.ceil(alpha * rows.length));
    let best: { box: Box; density: number; rows: number[] } | null = null;
    for (let d = 0; d < box.lo.length; d++) {
      for (const side of ["lo", "hi"] as const) {
        if (side === "lo" ? box.lo[d]! <= min[d]! : box.hi[d]! >= max[d]!) continue;
        // Points inside on every other input, outside on this one on this side, nearest first.
        const wider = { lo: box.lo.slice(), hi: box.hi.slice() };
        if (side === "lo") wider.lo[d] = min[d]!;
        else wider.hi[d] = max[d]!;
        const outside = inside(x, wider, all)
          .filter((r) => (side === "lo" ? x[r]![d]! < box.lo[d]! : x[r]![d]! > box.hi[d]!))
          .map((r) => x[r]![d]!)
          .sort((a, b) => (side === "lo" ? b - a : a - b));
        if (outside.length === 0) continue;
        const edge = outside[Math.min(k, outside.length) - 1]!;
        const next = { lo: box.lo.slice(), hi: box.hi.slice() };
        if (side === "lo") next.lo[d] = edge;
        else next.hi[d] = edge;
        const nextRows = inside(x, next, all);
        const nd = nextRows.reduce((s, r) => s + y[r]!, 0) / nextRows.length;
        if (nd > density && (best === null || nd > best.density))
          best = { box: next, density: nd, rows: nextRows };
      }
    }
    if (!best) return box;
    box = best.box;
    rows = best.rows;
  }
}

/**
 * PRIM on points `x` (rows of input values) and a yes/no outcome `y` (1 or 0).
 *
 * @example
 * const r = prim(x, y, names);
 * r.restricted.map((d) => `${d.name} in [${d.lo}, ${d.hi}] (qp ${d.qp})`);
 */
export function prim(
  x: readonly number[][],
  y: readonly number[],
  inputs: readonly string[],
  o: PrimOptions = {},
): PrimResult {
  const alpha = o.alpha ?? 0.05;
  const pasteAlpha = o.pasteAlpha ?? 0.05;
  const minMass = o.minMass ?? 0.05;
  const minCoverage = o.minCoverage ?? 0.5;
  if (!(alpha > 0 && alpha < 0.5))
    throw new RangeError(`the peeling share alpha must lie in (0, 0.5), got ${alpha}`);
  if (!(minMass > 0 && minMass < 1))
    throw new RangeError(`the smallest box mass must lie in (0, 1), got ${minMass}`);
  const n = x.length;
  if (n === 0 || y.length !== n)
    throw new RangeError(`PRIM needs as many outcomes as points, and some points`);
  const dims = inputs.length;
  const min = Array.from({ length: dims }, (_, d) => Math.min(...x.map((p) => p[d]!)));
  const max = Array.from({ length: dims }, (_, d) => Math.max(...x.map((p) => p[d]!)));
  const all = Array.from({ length: n }, (_, i) => i);
  const total = { n, yes: y.reduce((a, b) => a + b, 0) };
  let box: Box = { lo: min.slice(), hi: max.slice() };
  let rows = all;
  const trajectory: (BoxStats & Box)[] = [{ ...box, ...statsOf(box, rows, y, total, min, max) }];
  const minRows = Math.max(1, Math.ceil(minMass * n));
  for (;;) {
    const next = bestPeel(x, y, box, rows, alpha, minRows);
    if (!next) break;
    box = next;
    rows = inside(x, box, rows);
    trajectory.push({ ...box, ...statsOf(box, rows, y, total, min, max) });
    if (trajectory.at(-1)!.density >= 1) break;
  }
  let chosen = o.box;
  if (chosen === undefined) {
    chosen = 0;
    trajectory.forEach((b, i) => {
      if (b.coverage >= minCoverage) chosen = i;
    });
  } else if (!Number.isSafeInteger(chosen) || chosen < 0 || chosen >= trajectory.length)
    throw new RangeError(`the trajectory has boxes 0 to ${trajectory.length - 1}, not ${o.box}`);
  const pasted = paste(
    x,
    y,
    { lo: trajectory[chosen]!.lo, hi: trajectory[chosen]!.hi },
    all,
    pasteAlpha,
    min,
    max,
  );
  const pastedRows = inside(x, pasted, all);
  const stats = statsOf(pasted, pastedRows, y, total, min, max);
  const restricted: RestrictedDimension[] = [];
  for (let d = 0; d < dims; d++) {
    if (!(pasted.lo[d]! > min[d]! || pasted.hi[d]! < max[d]!)) continue;
    const free = { lo: pasted.lo.slice(), hi: pasted.hi.slice() };
    free.lo[d] = min[d]!;
    free.hi[d] = max[d]!;
    const freeRows = inside(x, free, all);
    const p0 = freeRows.reduce((s, r) => s + y[r]!, 0) / freeRows.length;
    restricted.push({
      input: d,
      name: inputs[d]!,
      lo: pasted.lo[d]!,
      hi: pasted.hi[d]!,
      min: min[d]!,
      max: max[d]!,
      qp: binomialUpperTail(stats.yes, stats.n, p0),
    });
  }
  return {
    inputs: inputs.slice(),
    n,
    yes: total.yes,
    baseDensity: total.yes / n,
    trajectory,
    chosen,
    box: { ...pasted, ...stats },
    restricted,
  };
}
