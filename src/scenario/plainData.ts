/**
 * What data read from files and requests may hold before anything walks or merges it: no key that reaches an
 * object's prototype (`__proto__`, `constructor`, `prototype`), and no nesting deeper than any scenario needs
 * (so recursive code cannot overflow the stack). Pure.
 */

/**
 * Keys that name an object's prototype machinery rather than data. Assigning to them through ordinary property
 * access changes prototypes (`o.__proto__ = x`) or shadows what every object shares, so they are never fields.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Deepest nesting of lists and mappings accepted: scenarios nest about 6 levels, patch values less. */
export const MAX_DEPTH = 32;

/** Whether a key may never be a field name. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN_KEYS.has(key);
}

/** A problem found in data: where (path keys) and what. */
export interface DataProblem {
  path: (string | number)[];
  message: string;
}

/**
 * The first forbidden key or excessive nesting in `data` (own keys only, depth first), or null. Stops at the
 * first problem: one is enough to refuse, and hostile data can hold millions.
 *
 * @example
 * dataProblem(JSON.parse('{"a": {"__proto__": {}}}')); // { path: ["a", "__proto__"], message: ... }
 */
export function dataProblem(data: unknown, maxDepth = MAX_DEPTH): DataProblem | null {
  const path: (string | number)[] = [];
  const seen = new Set<object>();
  const visit = (v: unknown): DataProblem | null => {
    if (v === null || typeof v !== "object") return null;
    // Shared references (YAML aliases) are checked once; a cycle is not nesting.
    if (seen.has(v)) return null;
    seen.add(v);
    if (path.length >= maxDepth)
      return { path: [...path], message: `nested more than ${maxDepth} levels deep` };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const p = visit(v[i]);
        path.pop();
        if (p) return p;
      }
      return null;
    }
    for (const key of Reflect.ownKeys(v)) {
      if (typeof key !== "string") continue;
      if (isForbiddenKey(key))
        return {
          path: [...path, key],
          message: `"${key}" cannot be a field name (it names the prototype of an object)`,
        };
      path.push(key);
      const p = visit((v as Record<string, unknown>)[key]);
      path.pop();
      if (p) return p;
    }
    return null;
  };
  return visit(data);
}
