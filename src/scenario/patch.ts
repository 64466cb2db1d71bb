/**
 * Scenario patches: `--set path=value` assignments and patch files (a partial scenario merged over the base).
 * Every patched scenario is validated again, so a bad path or value gets the same clear errors as a bad file.
 */
import { parse as parseYaml } from "yaml";
import { formatPath, ScenarioError, validateScenarioData } from "./load.ts";
import type { Scenario } from "./schema.ts";

/** Splits `a.b[2].c` into keys. */
export function splitPath(path: string): (string | number)[] {
  const keys: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m || (m[1] === "" && m[2] === "")) throw new Error(`bad path "${path}"`);
    if (m[1]) keys.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(idx[1]));
  }
  return keys;
}

/** Lists and objects whose items have an `id` can be addressed by id too: `people.some-leader.attributes...`. */
function step(
  node: unknown,
  key: string | number,
): { parent: Record<string | number, unknown>; key: string | number } | null {
  if (Array.isArray(node)) {
    if (typeof key === "number") return key < node.length ? { parent: node as never, key } : null;
    const i = node.findIndex((x) => x && typeof x === "object" && (x as { id?: unknown }).id === key);
    return i >= 0 ? { parent: node as never, key: i } : null;
  }
  if (node && typeof node === "object") {
    if (!(key in node)) return null;
    return { parent: node as Record<string, unknown>, key };
  }
  return null;
}

/** Parses the right-hand side of `--set`: JSON/YAML scalars (numbers, booleans, null, lists) or a bare string. */
export function parseValue(text: string): unknown {
  try {
    return parseYaml(text);
  } catch {
    return text;
  }
}

/**
 * Sets one value at a path in a copy of the scenario and validates the result.
 * A path ending at an estimate (an object with `value`) sets its value.
 *
 * @example
 * applySet(s, "mechanisms.patronage.enabled", false);
 * applySet(s, "people.some-leader.attributes.ruthlessness", 0.5); // sets .value
 */
export function applySet(s: Scenario, path: string, value: unknown, origin = "--set"): Scenario {
  const copy = structuredClone(s) as unknown;
  assign(copy, path, value, origin);
  return validate(copy, origin);
}

/**
 * Sets several values (in order) in one copy of the scenario and validates once: what an experiment variant
 * with many assignments needs, at the cost of one validation instead of one per assignment.
 *
 * @example
 * applySets(s, [{ path: "mechanisms.files.enabled", value: false }], "variant");
 */
export function applySets(
  s: Scenario,
  sets: readonly { path: string; value: unknown }[],
  origin = "--set",
): Scenario {
  if (sets.length === 0) return s;
  const copy = structuredClone(s) as unknown;
  for (const { path, value } of sets) assign(copy, path, value, `${origin}: ${path}`);
  return validate(copy, origin);
}

/**
 * Why `path = value` cannot apply to the scenario, or null when it can: an unknown path (`at: "path"`), or a
 * value the scenario's schema refuses (`at: "value"`, the message naming the refused field). For files that
 * list assignments (factor groups, sweeps), checked before anything runs.
 */
export function assignmentProblem(
  s: Scenario,
  path: string,
  value: unknown,
): { at: "path" | "value"; message: string } | null {
  try {
    applySet(s, path, value);
    return null;
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const issue = err.issues[0]!;
    return issue.path === path
      ? { at: "path", message: issue.message }
      : { at: "value", message: `${issue.path}: ${issue.message}` };
  }
}

/** Sets one value at a path inside `root`, in place; an unknown path throws naming it. */
function assign(root: unknown, path: string, value: unknown, origin: string): void {
  const keys = splitPath(path);
  let node: unknown = root;
  const resolved: (string | number)[] = [];
  for (let k = 0; k < keys.length; k++) {
    const at = step(node, keys[k]!);
    if (!at) {
      throw new ScenarioError(origin, [
        {
          path,
          message: `no such field: "${formatPath([...resolved, keys[k]!])}" does not exist in the scenario`,
        },
      ]);
    }
    resolved.push(at.key);
    if (k === keys.length - 1) {
      const current = at.parent[at.key];
      const isEstimate = current && typeof current === "object" && "value" in current && "range" in current;
      if (isEstimate && (typeof value === "number" || value === null)) {
        (current as { value: unknown }).value = value;
      } else at.parent[at.key] = value;
    } else node = at.parent[at.key];
  }
}

/** Deep-merges a patch object over the scenario (lists with ids merge item by id; other lists are replaced). */
export function applyPatch(s: Scenario, patch: unknown, origin = "patch"): Scenario {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) {
    throw new ScenarioError(origin, [{ path: "", message: "a patch must be a mapping of fields to change" }]);
  }
  return validate(merge(structuredClone(s), patch), origin);
}

function merge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch)) {
    const byId = patch.every((x) => x && typeof x === "object" && "id" in x);
    if (!byId) return patch;
    const out = [...base];
    for (const item of patch) {
      const i = out.findIndex((x) => x && typeof x === "object" && (x as { id?: unknown }).id === item.id);
      if (i >= 0) out[i] = merge(out[i], item);
      else out.push(item);
    }
    return out;
  }
  if (base && patch && typeof base === "object" && typeof patch === "object" && !Array.isArray(patch)) {
    const out = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(patch)) out[k] = k in out ? merge(out[k], v) : v;
    return out;
  }
  return patch;
}

function validate(data: unknown, origin: string): Scenario {
  return validateScenarioData(data, origin);
}
