/**
 * The scenario fuzzer: mutants of the built-in scenario, made from a seed, as a careless or hostile author
 * would write them. Half are data mutants (a field replaced by an extreme, odd or hostile value, an estimate
 * moved to an extreme with its range widened to keep it valid, a list item dropped or repeated, a reference
 * broken), half are text mutants (bytes cut, lines repeated or swapped, YAML syntax dropped in: aliases,
 * anchors, tags, tabs, byte-order marks, carriage returns, zero bytes). Deterministic for a seed.
 */
import { stringify } from "yaml";

// biome-ignore lint/suspicious/noExplicitAny: free-form scenario data, mutated blindly
type Data = any;

/** A small seeded generator for the fuzzer's choices (mulberry32: fast, and plenty for choosing mutations). */
export class Dice {
  #state: number;
  constructor(seed: number) {
    this.#state = (seed ^ 0x9e3779b9) >>> 0;
  }
  #next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** A float in [0, 1). */
  unit(): number {
    return this.#next();
  }
  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.#next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.#next() < p;
  }
}

/** Every path to a value in the data (objects and lists included), in document order. */
function paths(data: Data, prefix: (string | number)[] = [], out: (string | number)[][] = []) {
  if (data && typeof data === "object") {
    for (const [k, v] of Array.isArray(data) ? data.entries() : Object.entries(data)) {
      const p = [...prefix, k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

function get(data: Data, path: (string | number)[]): Data {
  return path.reduce((d, k) => d?.[k], data);
}

function set(data: Data, path: (string | number)[], value: unknown): void {
  const parent = get(data, path.slice(0, -1));
  if (parent && typeof parent === "object") parent[path.at(-1)!] = value;
}

function remove(data: Data, path: (string | number)[]): void {
  const parent = get(data, path.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(path.at(-1) as number, 1);
  else if (parent && typeof parent === "object") delete parent[path.at(-1)!];
}

const isEstimate = (x: Data) => x && typeof x === "object" && "value" in x && Array.isArray(x.range);

const NUMBERS = [
  0,
  1,
  -1,
  0.5,
  2,
  3,
  7,
  10,
  100,
  1000,
  1e6,
  1e9,
  1e12,
  -1e9,
  1e-9,
  1e308,
  -1e308,
  0.999,
  1.5,
  52,
  53,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
];
const STRINGS = [
  "",
  " ",
  "x",
  "stalin",
  "nobody",
  "__proto__",
  "constructor",
  "toString",
  "9999-12-31",
  "0001-01-01",
  "1925-02-30",
  "1922-04-03",
  "1930-01-01",
  "individual",
  "aggregate",
  "model",
  "a".repeat(10_000),
  "line\nbreak",
  "\u0000",
  "‮",
];

/** A value a careless or hostile author might put anywhere. */
function oddValue(d: Dice, current: unknown): unknown {
  const r = d.int(10);
  if (r < 4 && typeof current === "number") {
    const scale = d.pick([0, -1, 0.1, 10, 1000, 1e6, -1e6]);
    return d.chance(0.5) ? current * scale : d.pick(NUMBERS);
  }
  if (r < 5) return d.pick(NUMBERS);
  if (r < 7) return d.pick(STRINGS);
  if (r === 7) return d.pick([null, true, false, [], {}, [1, 2], { value: 1 }]);
  if (r === 8) return JSON.parse('{"__proto__": {"polluted": 1}}');
  let deep: unknown = 1;
  for (let i = 0; i < 40; i++) deep = [deep];
  return deep;
}

/** One data mutation, in place. */
function mutateData(d: Dice, s: Data): void {
  const all = paths(s);
  const path = d.pick(all);
  const current = get(s, path);
  const kind = d.int(8);
  if (kind <= 2 && isEstimate(current)) {
    // An estimate moved to an extreme with its range widened to hold it: valid by the schema when the
    // field allows the value, which is what tests the engine.
    const v = d.pick([0, 1, -1, 0.5, 2, 10, 1e3, 1e6, current.value * 10, current.value / 10, 1e-6]);
    current.value = v;
    current.range = [Math.min(v, current.range[0]), Math.max(v, current.range[1])];
    return;
  }
  if (kind <= 3 && typeof current === "number") {
    set(s, path, d.pick([0, 1, 2, current * 2, current * 10, Math.max(1, Math.round(current / 10)), 1e6]));
    return;
  }
  if (kind === 4) {
    remove(s, path);
    return;
  }
  if (kind === 5 && Array.isArray(get(s, path.slice(0, -1)))) {
    // Repeat a list item (a duplicate id), or several.
    const list = get(s, path.slice(0, -1));
    for (let i = d.int(3) + 1; i > 0; i--) list.push(structuredClone(current));
    return;
  }
  if (kind === 6 && typeof current === "string") {
    // A reference pointed elsewhere: another id of the file, or none.
    const ids = all.filter((p) => p.at(-1) === "id").map((p) => get(s, p));
    set(s, path, d.chance(0.7) ? d.pick(ids) : d.pick(STRINGS));
    return;
  }
  set(s, path, oddValue(d, current));
}

const SNIPPETS = [
  "*nope",
  "&a ",
  "*a",
  "<<: *a\n",
  "!!binary ",
  "!!js/function ",
  "\t",
  "\ufeff",
  "\r",
  "\r\n",
  "\u0000",
  ": :",
  "{",
  "[",
  "]",
  "}",
  "---\n",
  "...\n",
  "'",
  '"',
  "#",
  "- ",
  "? ",
  "|",
  ">",
  "%YAML 1.1\n",
  "\\u0000",
  "__proto__: x\n",
  "  constructor: {}\n",
];

/** One text mutation. */
function mutateText(d: Dice, text: string): string {
  const at = d.int(text.length + 1);
  switch (d.int(7)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + d.int(40));
    case 1:
      return text.slice(0, at) + d.pick(SNIPPETS) + text.slice(at);
    case 2: {
      const lines = text.split("\n");
      const i = d.int(lines.length);
      lines.splice(i, 0, lines[d.int(lines.length)]!);
      return lines.join("\n");
    }
    case 3: {
      const lines = text.split("\n");
      const i = d.int(lines.length);
      const j = d.int(lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join("\n");
    }
    case 4:
      return text.slice(0, at);
    case 5:
      return text.replace(/\n/g, d.pick(["\r", "\r\n", "\n\n"]));
    default:
      return text.slice(0, at) + String.fromCharCode(d.int(0x3000)) + text.slice(at);
  }
}

/** A mutant's text and what was done to it (for a failing case's report). */
export interface Mutant {
  seed: number;
  kind: "data" | "text";
  text: string;
}

/**
 * The mutant for a seed: 1 to 3 mutations of the base scenario's data or text.
 *
 * @example
 * const { text } = mutant(baseData, baseText, 42);
 */
export function mutant(base: Data, baseText: string, seed: number): Mutant {
  const d = new Dice(seed);
  const n = 1 + d.int(3);
  if (d.chance(0.5)) {
    const s = structuredClone(base);
    for (let i = 0; i < n; i++) mutateData(d, s);
    return { seed, kind: "data", text: stringify(s, { aliasDuplicateObjects: false, lineWidth: 0 }) };
  }
  let text = baseText;
  for (let i = 0; i < n; i++) text = mutateText(d, text);
  return { seed, kind: "text", text };
}
