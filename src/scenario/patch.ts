/**
 * Scenario patches: `--set path=value` assignments and patch files (a partial scenario merged over the base).
 * Every caller (the CLI's --set and --patch, sweep and factor-group files, the API's `changes`, the
 * dashboard's engine) goes through here, so one set of rules keeps them safe:
 *
 * 1. a path is parsed by a small grammar that refuses prototype names, empty segments and odd indices;
 * 2. the path is checked against the scenario's schema before anything is written;
 * 3. values are written into a copy, walking own properties only, and the copy is validated again.
 *
 * Pure: runs in the browser's engine worker too.
 */
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { formatPath, ScenarioError, validateScenarioData } from "./load.ts";
import { dataProblem, isForbiddenKey } from "./plainData.ts";
import { type Scenario, scenarioSchema } from "./schema.ts";
import { clip } from "./yamlText.ts";

/** One step of a path: a field name or list item id, or a list index. */
export type PathKey = string | number;

/** Longest path accepted, in characters, and most steps in one. */
export const MAX_PATH_LENGTH = 300;
export const MAX_PATH_STEPS = 16;
/** Largest list index a path may name (no scenario list comes near it). */
export const MAX_PATH_INDEX = 1_000_000;

/**
 * The path grammar, in the words of its refusals:
 *
 *     path    = segment *( "." segment )
 *     segment = name *( "[" index "]" )
 *     name    = letter *( letter / digit / "_" / "-" )       ; a field name or a list item's id
 *     index   = "0" / nonzero *digit                         ; at most MAX_PATH_INDEX
 */
const SEGMENT = /^([A-Za-z][A-Za-z0-9_-]*)((?:\[(?:0|[1-9]\d*)\])*)$/;

/** Why a path cannot be parsed; `ScenarioError`s carry it as their message. */
export class PathError extends Error {
  override name = "PathError";
}

/**
 * Parses `a.b[2].c` into keys, refusing anything outside the grammar: empty segments (`a..b`, `.a`, `a.`),
 * negative, fractional or zero-padded indices, and the prototype names `__proto__`, `constructor` and
 * `prototype`.
 *
 * @throws PathError saying what is wrong and where.
 * @example
 * parsePath("people[3].attributes.prestige"); // ["people", 3, "attributes", "prestige"]
 */
export function parsePath(path: string): PathKey[] {
  if (typeof path !== "string" || path.length === 0) throw new PathError("the path is empty");
  if (path.length > MAX_PATH_LENGTH)
    throw new PathError(`the path is longer than ${MAX_PATH_LENGTH} characters`);
  const segments = path.split(".");
  if (segments.length > MAX_PATH_STEPS) throw new PathError(`the path has more than ${MAX_PATH_STEPS} steps`);
  const keys: PathKey[] = [];
  segments.forEach((segment, s) => {
    if (segment === "") {
      const where = s === 0 ? "at its start" : s === segments.length - 1 ? "at its end" : "between two dots";
      throw new PathError(`the path has an empty step ${where}`);
    }
    const bare = segment.replace(/\[.*$/s, "");
    if (isForbiddenKey(bare))
      throw new PathError(`"${bare}" cannot be a path step (it names the prototype of an object)`);
    const m = SEGMENT.exec(segment);
    if (!m)
      throw new PathError(
        `"${clip(segment, 60)}" is not a path step: write a field name or id (letters, digits, "_" and "-", starting with a letter), optionally followed by list indices like [0]`,
      );
    keys.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) {
      const n = Number(idx[1]);
      if (!Number.isSafeInteger(n) || n > MAX_PATH_INDEX)
        throw new PathError(`list index ${clip(idx[1]!, 20)} is larger than ${MAX_PATH_INDEX}`);
      keys.push(n);
    }
  });
  return keys;
}

// ---------------------------------------------------------------------------------------------------------
// The schema side: which paths a scenario can have at all.

type AnySchema = z.core.$ZodType;

/** The schema under wrappers that do not change which fields exist (optional, default, nullable...). */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let guard = 0; guard < 32; guard++) {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (
      def.type === "optional" ||
      def.type === "nullable" ||
      def.type === "default" ||
      def.type === "prefault" ||
      def.type === "readonly" ||
      def.type === "catch" ||
      def.type === "nonoptional"
    )
      s = def.innerType as AnySchema;
    else if (def.type === "pipe") s = def.in as AnySchema;
    else if (def.type === "lazy") s = (def.getter as () => AnySchema)();
    else return s;
  }
  return s;
}

/** The schema of `key` inside a value of `schema`, or a sentence saying why there is none. */
function childSchema(schema: AnySchema, key: PathKey): AnySchema | string {
  const s = unwrap(schema);
  const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case "object": {
      const shape = def.shape as Record<string, AnySchema>;
      if (typeof key === "string" && Object.hasOwn(shape, key)) return shape[key]!;
      return typeof key === "number"
        ? "is a mapping of fields, not a list"
        : `has no field "${key}" (fields: ${Object.keys(shape).join(", ")})`;
    }
    case "array": {
      const element = def.element as AnySchema;
      if (typeof key === "number") return element;
      const item = unwrap(element)._zod.def as unknown as { type: string; shape?: Record<string, unknown> };
      if (item.type === "object" && item.shape && Object.hasOwn(item.shape, "id")) return element;
      return `is a list: address its items by index, like [0]`;
    }
    case "record":
      if (typeof key === "string") return def.valueType as AnySchema;
      return "is a mapping of keys, not a list";
    case "tuple": {
      const items = def.items as AnySchema[];
      if (typeof key === "number" && key < items.length) return items[key]!;
      return `is a list of ${items.length}: address its items by [0] to [${items.length - 1}]`;
    }
    case "union":
      for (const option of def.options as AnySchema[]) {
        const child = childSchema(option, key);
        if (typeof child !== "string") return child;
      }
      return "is a single value with no fields";
    default:
      return "is a single value with no fields";
  }
}

/**
 * Why `keys` cannot name a field of any scenario, or null when the schema has such a field. Checked before a
 * path touches data, so a path the format cannot hold is refused without walking anything.
 */
function schemaProblem(keys: readonly PathKey[]): string | null {
  let schema: AnySchema = scenarioSchema;
  for (let k = 0; k < keys.length; k++) {
    const child = childSchema(schema, keys[k]!);
    if (typeof child === "string") {
      const at = k === 0 ? "the scenario" : `"${formatPath(keys.slice(0, k))}"`;
      return `no such field "${formatPath(keys.slice(0, k + 1))}": ${at} ${child}`;
    }
    schema = child;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// The data side.

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

function isEstimate(x: unknown): x is { value: unknown; range: unknown } {
  return isRecord(x) && Object.hasOwn(x, "value") && Object.hasOwn(x, "range");
}

/** A refused assignment: at the path (it names nothing) or at the value (the schema refuses it). */
export interface AssignmentProblem {
  at: "path" | "value";
  message: string;
}

/**
 * Writes `value` at `keys` inside `root` (a private copy), in place, following own properties only. Lists are
 * addressed by index or by their items' `id`. Returns why it cannot, or null once written.
 */
function write(root: unknown, keys: readonly PathKey[], value: unknown): string | null {
  let node: unknown = root;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const last = k === keys.length - 1;
    const missing = () =>
      `no such field: "${formatPath([...keys.slice(0, k + 1)])}" does not exist in the scenario`;
    let parent: Record<string | number, unknown>;
    let at: string | number;
    if (Array.isArray(node)) {
      const i =
        typeof key === "number"
          ? key
          : node.findIndex((x) => isRecord(x) && Object.hasOwn(x, "id") && x.id === key);
      if (i < 0 || i >= node.length) return missing();
      parent = node as unknown as Record<number, unknown>;
      at = i;
    } else if (isRecord(node) && typeof key === "string") {
      // A missing last field may be set when the schema has it (an optional field); a missing step may not.
      if (!Object.hasOwn(node, key) && !last) return missing();
      parent = node;
      at = key;
    } else return missing();
    if (last) {
      const current = Object.hasOwn(parent, at) ? parent[at] : undefined;
      if (isEstimate(current) && (typeof value === "number" || value === null)) current.value = value;
      else parent[at] = value;
      return null;
    }
    node = parent[at];
  }
  return "the path is empty";
}

/** Checks one assignment's path and value shape; the first problem as a path-level refusal, or null. */
function pathProblem(path: string, value: unknown): string | null {
  let keys: PathKey[];
  try {
    keys = parsePath(path);
  } catch (err) {
    if (err instanceof PathError) return err.message;
    throw err;
  }
  return schemaProblem(keys) ?? valueProblem(value);
}

function valueProblem(value: unknown): string | null {
  const p = dataProblem(value);
  return p ? `the value ${p.path.length > 0 ? `at ${formatPath(p.path)} ` : ""}${p.message}` : null;
}

/** Applies assignments to a copy of the scenario, refusing the first bad path with a ScenarioError. */
function assignAll(
  s: Scenario,
  sets: readonly { path: string; value: unknown }[],
  origin: (path: string) => string,
): unknown {
  // Every path is checked before the copy is made or anything is written.
  for (const { path, value } of sets) {
    const problem = pathProblem(path, value);
    if (problem)
      throw new ScenarioError(origin(path), [
        { path: clip(String(path), 200) || "(empty path)", message: problem },
      ]);
  }
  const copy = structuredClone(s) as unknown;
  for (const { path, value } of sets) {
    const problem = write(copy, parsePath(path), value);
    if (problem) throw new ScenarioError(origin(path), [{ path: clip(path, 200), message: problem }]);
  }
  return copy;
}

/** Parses the right-hand side of `--set`: JSON/YAML scalars (numbers, booleans, null, lists) or a bare string. */
export function parseValue(text: string): unknown {
  try {
    return parseYaml(text, { maxAliasCount: 100 });
  } catch {
    return text;
  }
}

/**
 * Sets one value at a path in a copy of the scenario and validates the result.
 * A path ending at an estimate (an object with `value`) sets its value.
 *
 * @throws ScenarioError naming the path (bad or unknown path) or the refused field (bad value).
 * @example
 * applySet(s, "mechanisms.patronage.enabled", false);
 * applySet(s, "people.some-leader.attributes.ruthlessness", 0.5); // sets .value
 */
export function applySet(s: Scenario, path: string, value: unknown, origin = "--set"): Scenario {
  return validateScenarioData(
    assignAll(s, [{ path, value }], () => origin),
    origin,
  );
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
  return validateScenarioData(
    assignAll(s, sets, (path) => `${origin}: ${clip(path, 200)}`),
    origin,
  );
}

/**
 * Why `path = value` cannot apply to the scenario, or null when it can: an unknown or malformed path
 * (`at: "path"`), or a value the scenario's schema refuses (`at: "value"`, the message naming the refused
 * field). For files that list assignments (factor groups, sweeps), checked before anything runs.
 */
export function assignmentProblem(s: Scenario, path: string, value: unknown): AssignmentProblem | null {
  const bad = pathProblem(path, value);
  if (bad) return { at: "path", message: bad };
  const copy = structuredClone(s) as unknown;
  const missing = write(copy, parsePath(path), value);
  if (missing) return { at: "path", message: missing };
  try {
    validateScenarioData(copy, "assignment");
    return null;
  } catch (err) {
    if (!(err instanceof ScenarioError)) throw err;
    const issue = err.issues[0]!;
    return { at: "value", message: `${issue.path}: ${issue.message}` };
  }
}

/**
 * Deep-merges a patch object over the scenario (lists with ids merge item by id; other lists are replaced).
 * The patch is checked first: no prototype names and no absurd nesting anywhere in it.
 *
 * @throws ScenarioError naming the patch's bad field, or the merged scenario's refused field.
 */
export function applyPatch(s: Scenario, patch: unknown, origin = "patch"): Scenario {
  if (!isRecord(patch)) {
    throw new ScenarioError(origin, [{ path: "", message: "a patch must be a mapping of fields to change" }]);
  }
  const problem = dataProblem(patch);
  if (problem)
    throw new ScenarioError(origin, [{ path: formatPath(problem.path), message: problem.message }]);
  return validateScenarioData(merge(structuredClone(s), patch), origin);
}

/** Merges own fields of `patch` over `base` into new objects; neither input is changed. */
function merge(base: unknown, patch: unknown): unknown {
  if (Array.isArray(base) && Array.isArray(patch)) {
    const byId = patch.every((x) => isRecord(x) && Object.hasOwn(x, "id"));
    if (!byId) return patch;
    const out = [...base];
    for (const item of patch as Record<string, unknown>[]) {
      const i = out.findIndex((x) => isRecord(x) && Object.hasOwn(x, "id") && x.id === item.id);
      if (i >= 0) out[i] = merge(out[i], item);
      else out.push(item);
    }
    return out;
  }
  if (isRecord(base) && isRecord(patch)) {
    const out: Record<string, unknown> = { ...base };
    for (const k of Object.keys(patch)) {
      // Checked by dataProblem already; kept here so this function is safe on its own.
      if (isForbiddenKey(k)) continue;
      out[k] = Object.hasOwn(out, k) ? merge(out[k], patch[k]) : patch[k];
    }
    return out;
  }
  return patch;
}
