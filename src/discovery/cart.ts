/**
 * CART, classification and regression trees (Breiman, Friedman, Olshen & Stone 1984, "Classification and
 * Regression Trees"), as the alternative to PRIM for scenario discovery (Lempert et al. 2008): split the points
 * in two on one input at a time, each split the one that lowers the Gini impurity of the yes/no outcome most,
 * until a node is pure, too small to split, or at the depth limit. Every leaf is a box; the leaves where yes is
 * the majority are the tree's description of where the outcome happens. Pure.
 */
import type { Box } from "./prim.ts";

export interface CartOptions {
  /** Deepest split (default 4: boxes bounded on at most 4 conditions). */
  maxDepth?: number;
  /** Fewest points in a leaf (default the larger of 5 and 2 % of the points). */
  minLeaf?: number;
}

export interface CartNode {
  n: number;
  yes: number;
  /** Split: points with input value <= threshold go left. Absent on leaves. */
  input?: number;
  threshold?: number;
  left?: CartNode;
  right?: CartNode;
}

export interface CartLeaf extends Box {
  n: number;
  yes: number;
  density: number;
  coverage: number;
  /** The leaf's bounds, one readable condition per bounded input ("x <= 0.4", "0.2 < y <= 0.7"). */
  conditions: string[];
}

export interface CartResult {
  inputs: string[];
  n: number;
  yes: number;
  tree: CartNode;
  /** Every leaf, densest first (ties: larger first). */
  leaves: CartLeaf[];
}

const gini = (yes: number, n: number) => (n === 0 ? 0 : 2 * (yes / n) * (1 - yes / n));

function grow(
  x: readonly number[][],
  y: readonly number[],
  rows: number[],
  depth: number,
  o: Required<CartOptions>,
): CartNode {
  const n = rows.length;
  const yes = rows.reduce((s, r) => s + y[r]!, 0);
  const node: CartNode = { n, yes };
  if (depth >= o.maxDepth || yes === 0 || yes === n || n < 2 * o.minLeaf) return node;
  let best: { input: number; threshold: number; impurity: number } | null = null;
  const dims = x[0]!.length;
  for (let d = 0; d < dims; d++) {
    const sorted = rows.slice().sort((a, b) => x[a]![d]! - x[b]![d]! || a - b);
    let leftYes = 0;
    for (let i = 0; i < n - 1; i++) {
      leftYes += y[sorted[i]!]!;
      const v = x[sorted[i]!]![d]!;
      const next = x[sorted[i + 1]!]![d]!;
      const left = i + 1;
      if (v === next || left < o.minLeaf || n - left < o.minLeaf) continue;
      const impurity = (left * gini(leftYes, left) + (n - left) * gini(yes - leftYes, n - left)) / n;
      if (best === null || impurity < best.impurity - 1e-12)
        best = { input: d, threshold: (v + next) / 2, impurity };
    }
  }
  if (!best || best.impurity >= gini(yes, n) - 1e-12) return node;
  const left = rows.filter((r) => x[r]![best.input]! <= best.threshold);
  const right = rows.filter((r) => x[r]![best.input]! > best.threshold);
  return {
    ...node,
    input: best.input,
    threshold: best.threshold,
    left: grow(x, y, left, depth + 1, o),
    right: grow(x, y, right, depth + 1, o),
  };
}

/**
 * A classification tree of the yes/no outcome `y` over the points `x`, and its leaves as boxes.
 *
 * @example
 * cart(x, y, names).leaves.filter((l) => l.density > 0.5);
 */
export function cart(
  x: readonly number[][],
  y: readonly number[],
  inputs: readonly string[],
  o: CartOptions = {},
): CartResult {
  const n = x.length;
  if (n === 0 || y.length !== n)
    throw new RangeError("CART needs as many outcomes as points, and some points");
  const options = { maxDepth: o.maxDepth ?? 4, minLeaf: o.minLeaf ?? Math.max(5, Math.ceil(0.02 * n)) };
  const tree = grow(
    x,
    y,
    Array.from({ length: n }, (_, i) => i),
    0,
    options,
  );
  const totalYes = y.reduce((a, b) => a + b, 0);
  const dims = inputs.length;
  const min = Array.from({ length: dims }, (_, d) => Math.min(...x.map((p) => p[d]!)));
  const max = Array.from({ length: dims }, (_, d) => Math.max(...x.map((p) => p[d]!)));
  const leaves: CartLeaf[] = [];
  // A leaf's box: the tightest bound on each input along its path; its conditions name each bounded input once.
  const walk = (node: CartNode, box: Box, order: number[]) => {
    if (node.input === undefined) {
      const conditions = order.map((d) => {
        const name = inputs[d]!;
        const lo = box.lo[d]! > min[d]! ? box.lo[d]! : null;
        const hi = box.hi[d]! < max[d]! ? box.hi[d]! : null;
        if (lo !== null && hi !== null) return `${round(lo)} < ${name} <= ${round(hi)}`;
        return lo !== null ? `${name} > ${round(lo)}` : `${name} <= ${round(hi!)}`;
      });
      leaves.push({
        ...box,
        n: node.n,
        yes: node.yes,
        density: node.yes / node.n,
        coverage: totalYes === 0 ? 0 : node.yes / totalYes,
        conditions,
      });
      return;
    }
    const d = node.input;
    const t = node.threshold!;
    const next = order.includes(d) ? order : [...order, d];
    const left = { lo: box.lo.slice(), hi: box.hi.slice() };
    left.hi[d] = Math.min(left.hi[d]!, t);
    const right = { lo: box.lo.slice(), hi: box.hi.slice() };
    right.lo[d] = Math.max(right.lo[d]!, t);
    walk(node.left!, left, next);
    walk(node.right!, right, next);
  };
  walk(tree, { lo: min, hi: max }, []);
  leaves.sort((a, b) => b.density - a.density || b.n - a.n);
  return { inputs: inputs.slice(), n, yes: totalYes, tree, leaves };
}

const round = (v: number) => Number(v.toPrecision(6));
