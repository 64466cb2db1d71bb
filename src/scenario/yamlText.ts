/**
 * Reading YAML (or JSON) text for files users write: the data, syntax errors with line and column, and a way
 * to locate any field path in the text, so every error can name the file, line and field. Pure.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

/** One problem found in a file, located as precisely as the text allows. */
export interface LocatedIssue {
  /** Field path, e.g. `people[3].attributes.prestige.range`. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** `a.b[2].c` from path keys. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const k of path) {
    if (typeof k === "number") out += `[${k}]`;
    else out += out ? `.${String(k)}` : String(k);
  }
  return out;
}

/** The YAML node for a field path: its key where it has one (so the line is the field's own), else the value. */
function nodeAt(root: Node | null | undefined, path: ReadonlyArray<PropertyKey>): Node | null {
  let node: Node | null | undefined = root;
  let keyNode: Node | null = null;
  for (const k of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === k);
      if (!pair) break;
      keyNode = (pair.key as Node) ?? null;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof k === "number") {
      const item = node.items[k] as Node | undefined;
      if (!item) break;
      node = item;
      keyNode = null;
    } else break;
  }
  return keyNode ?? node ?? null;
}

export interface YamlText {
  /** The parsed data (undefined when there are syntax errors). */
  data: unknown;
  /** Syntax errors, with line and column. */
  syntax: LocatedIssue[];
  /** Locates a field path in the text (the nearest existing ancestor if the field is missing). */
  locate(path: ReadonlyArray<PropertyKey>, message: string): LocatedIssue;
}

/** Parses YAML or JSON text, keeping what is needed to report errors by line. Duplicate keys are errors. */
export function readYaml(text: string): YamlText {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors.map((e) => {
    const pos = e.pos ? lineCounter.linePos(e.pos[0]) : undefined;
    return {
      path: "",
      message: `syntax error: ${e.message.split("\n")[0]}`,
      line: pos?.line,
      column: pos?.col,
    };
  });
  return {
    data: syntax.length > 0 ? undefined : doc.toJS({ maxAliasCount: 100 }),
    syntax,
    locate(path, message) {
      const at = nodeAt(doc.contents, path)?.range?.[0];
      const pos = at !== undefined ? lineCounter.linePos(at) : undefined;
      return { path: formatPath(path), message, line: pos?.line, column: pos?.col };
    },
  };
}

/** Whether parsed data is one mapping (the top level of every file users write). */
export function isMapping(data: unknown): data is Record<string, unknown> {
  return data !== null && typeof data === "object" && !Array.isArray(data);
}
