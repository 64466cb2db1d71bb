/**
 * Friendlier schema errors: the nearest allowed field name for an unknown one ("did you mean maxSeats?"), and
 * the allowed range of a number that falls outside it. Reads the format's JSON Schema (any JSON Schema will
 * do), so it knows nothing of scenarios in particular. Pure: runs in a browser too.
 */

/** The parts of a JSON Schema node this module reads. */
export interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode | SchemaNode[];
  prefixItems?: SchemaNode[];
  additionalProperties?: SchemaNode | boolean;
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  allOf?: SchemaNode[];
  $ref?: string;
  $defs?: Record<string, SchemaNode>;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/**
 * The candidate nearest to `name`, if it is near enough to be a slip (at most a third of the name's length
 * in edits, and at least one), else null. Ties go to the candidate listed first.
 *
 * @example
 * nearestName("maxSeat", ["seats", "maxSeats"]); // "maxSeats"
 */
export function nearestName(name: string, candidates: readonly string[]): string | null {
  const limit = Math.max(1, Math.floor(name.length / 3));
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    if (c === name) continue;
    const dist = editDistance(name, c);
    if (dist < bestDistance) {
      bestDistance = dist;
      best = c;
    }
  }
  return bestDistance <= limit ? best : null;
}

/** Follows a local `$ref` ("#/$defs/x") against the root. */
function resolveRef(root: SchemaNode, node: SchemaNode): SchemaNode {
  if (!node.$ref?.startsWith("#/")) return node;
  let at: unknown = root;
  for (const part of node.$ref.slice(2).split("/")) at = (at as Record<string, unknown> | undefined)?.[part];
  return (at as SchemaNode | undefined) ?? node;
}

/** The schema nodes a node stands for: itself and, through unions and intersections, its alternatives. */
function alternatives(root: SchemaNode, node: SchemaNode): SchemaNode[] {
  const n = resolveRef(root, node);
  const parts = [...(n.anyOf ?? []), ...(n.oneOf ?? []), ...(n.allOf ?? [])];
  return [n, ...parts.flatMap((p) => alternatives(root, p))];
}

/** Every schema node that can sit at `path` (object keys and array indices) below `root`. */
export function nodesAt(root: SchemaNode, path: readonly PropertyKey[]): SchemaNode[] {
  let here = alternatives(root, root);
  for (const key of path) {
    const next: SchemaNode[] = [];
    for (const n of here) {
      if (typeof key === "number") {
        const item = n.prefixItems?.[key] ?? (Array.isArray(n.items) ? n.items[key] : n.items);
        if (item) next.push(item);
      } else {
        const prop = n.properties?.[String(key)];
        if (prop) next.push(prop);
        else if (n.additionalProperties && typeof n.additionalProperties === "object")
          next.push(n.additionalProperties);
      }
    }
    here = next.flatMap((n) => alternatives(root, n));
  }
  return here;
}

/** The field names allowed at `path`. */
export function fieldsAt(root: SchemaNode, path: readonly PropertyKey[]): string[] {
  const out = new Set<string>();
  for (const n of nodesAt(root, path)) for (const k of Object.keys(n.properties ?? {})) out.add(k);
  return [...out];
}

/** "unknown field(s): maxSeat (did you mean maxSeats?)", for the fields unknown at `path`. */
export function unknownFieldsMessage(root: SchemaNode, path: readonly PropertyKey[], keys: string[]): string {
  const allowed = fieldsAt(root, path);
  const named = keys.map((k) => {
    const near = nearestName(k, allowed);
    return near ? `${k} (did you mean ${near}?)` : k;
  });
  return `unknown field(s): ${named.join(", ")}`;
}

/** The allowed range of the number at `path` in words ("[0, 1]", "at least 0"), or null if it has none. */
export function allowedRange(root: SchemaNode, path: readonly PropertyKey[]): string | null {
  // Whole numbers carry the safe-integer limits as bounds: those are no range a reader needs told.
  const real = (x: number | undefined) =>
    x !== undefined && Math.abs(x) < Number.MAX_SAFE_INTEGER ? x : undefined;
  for (const node of nodesAt(root, path)) {
    const n: SchemaNode = {
      ...(real(node.minimum) !== undefined ? { minimum: node.minimum } : {}),
      ...(real(node.maximum) !== undefined ? { maximum: node.maximum } : {}),
      ...(real(node.exclusiveMinimum) !== undefined ? { exclusiveMinimum: node.exclusiveMinimum } : {}),
      ...(real(node.exclusiveMaximum) !== undefined ? { exclusiveMaximum: node.exclusiveMaximum } : {}),
    };
    const lo = n.minimum ?? n.exclusiveMinimum;
    const hi = n.maximum ?? n.exclusiveMaximum;
    const open = (x: number | undefined, exclusive: number | undefined) =>
      x === undefined && exclusive !== undefined;
    if (lo !== undefined && hi !== undefined)
      return `${open(n.minimum, n.exclusiveMinimum) ? "(" : "["}${lo}, ${hi}${open(n.maximum, n.exclusiveMaximum) ? ")" : "]"}`;
    if (lo !== undefined) return `${n.exclusiveMinimum !== undefined ? "above" : "at least"} ${lo}`;
    if (hi !== undefined) return `${n.exclusiveMaximum !== undefined ? "below" : "at most"} ${hi}`;
  }
  return null;
}

/** A number out of range, said with its allowed range and the value found: "must lie in [0, 1], got 1.5". */
export function outOfRangeMessage(
  root: SchemaNode,
  path: readonly PropertyKey[],
  value: unknown,
): string | null {
  const range = allowedRange(root, path);
  if (range === null) return null;
  const got = typeof value === "number" ? `, got ${value}` : "";
  return range.startsWith("[") || range.startsWith("(")
    ? `must lie in ${range}${got}`
    : `must be ${range}${got}`;
}
