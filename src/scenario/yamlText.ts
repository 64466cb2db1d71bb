/**
 * Reading YAML (or JSON) text for files users write: the data, syntax errors with line and column, and a way
 * to locate any field path in the text, so every error can name the file, line and field. Pure.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from "yaml";
import { dataProblem } from "./plainData.ts";

/** One problem found in a file, located as precisely as the text allows. */
export interface LocatedIssue {
  /** Field path, e.g. `people[3].attributes.prestige.range`. */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/**
 * Largest file users write that is read at all (bytes; characters once decoded). The built-in scenario is
 * 60 KB and the largest the resource limits allow (1,000 people, 500 regions) under 2 MB; parsing YAML runs
 * at one or two megabytes a second and takes tens of times the text in memory, so a 14 MB file of 10,000
 * leaders took 36 s just to read. Four megabytes keeps any refusal within seconds.
 */
export const MAX_TEXT_BYTES = 4 * 1024 * 1024;
export const MAX_TEXT_CHARS = MAX_TEXT_BYTES;

/**
 * `text` cut to at most `max` characters, saying how much was left out: error messages quote what they refuse,
 * and what they refuse may be megabytes long.
 *
 * @example
 * clip("x".repeat(10_000), 20); // "xxxxxxxxxxxxxxxxxxxx... (9,980 more characters)"
 */
export function clip(text: string, max = 200): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}... (${(text.length - max).toLocaleString("en-US")} more characters)`;
}

/** Most issues one error lists: the first ones are what to fix; thousands help nobody. */
export const MAX_ISSUES = 50;

/** Issues as they go into an error: long paths and messages clipped, at most {@link MAX_ISSUES}. */
export function clippedIssues(issues: readonly LocatedIssue[]): LocatedIssue[] {
  return issues.slice(0, MAX_ISSUES).map((i) => ({
    ...i,
    path: clip(i.path, 200),
    message: clip(i.message, 500),
  }));
}

/** The lines of an error message listing issues, with how many more there were beyond the limit. */
export function issueLines(file: string, issues: readonly LocatedIssue[], total: number): string[] {
  const lines = issues.map(
    (i) =>
      `  ${file}${i.line !== undefined ? `:${i.line}${i.column !== undefined ? `:${i.column}` : ""}` : ""}  ${i.path || "(top level)"}: ${i.message}`,
  );
  if (total > issues.length) lines.push(`  ... and ${total - issues.length} more issues`);
  return lines;
}

/**
 * The text of a file's bytes: UTF-8 (with or without a byte-order mark), or UTF-16 with its byte-order mark.
 * Anything else is refused with an issue saying what the file seems to be and on which line the first bad
 * byte sits, rather than parsed into puzzling errors.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { issue: LocatedIssue } {
  const refuse = (message: string, line?: number, path = ""): { issue: LocatedIssue } => ({
    issue: { path, message, ...(line !== undefined ? { line } : {}) },
  });
  if (bytes.length > MAX_TEXT_BYTES)
    return refuse(`the file is larger than ${MAX_TEXT_BYTES / 1024 / 1024} MiB`, undefined, "(file)");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(bytes) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(bytes) };
  // UTF-16 without a byte-order mark puts a zero byte beside every ASCII character.
  const zero = bytes.indexOf(0);
  if (zero >= 0) {
    const line = lineOfByte(bytes, zero);
    return refuse(
      bytes.length > 1 && (bytes[0] === 0) !== (bytes[1] === 0)
        ? "the file looks like UTF-16 text without a byte-order mark: save it as UTF-8"
        : "the file holds a zero byte: it is not a text file (save it as UTF-8 text)",
      line,
    );
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0)
    return refuse(
      "the file is not valid UTF-8 text (saved in another encoding, such as Latin-1 or Windows-1252?): save it as UTF-8",
      lineOfByte(bytes, bad),
    );
  return { text: new TextDecoder("utf-8").decode(bytes) };
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629: no overlong forms, no surrogates), or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < b.length && b[i]! >= lo && b[i]! <= hi;
  let i = 0;
  while (i < b.length) {
    const x = b[i]!;
    if (x < 0x80) i++;
    else if (x >= 0xc2 && x <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (x >= 0xe0 && x <= 0xef) {
      const lo = x === 0xe0 ? 0xa0 : 0x80;
      const hi = x === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (x >= 0xf0 && x <= 0xf4) {
      const lo = x === 0xf0 ? 0x90 : 0x80;
      const hi = x === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else return i;
  }
  return -1;
}

function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
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

/** Most aliases a file may expand (each `*name` copies its anchor): a guard against "billion laughs" files. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses YAML or JSON text, keeping what is needed to report errors by line. Duplicate keys are errors.
 * Nothing the yaml library throws escapes: unknown aliases, alias bombs and anything else become syntax issues
 * with a line. A byte-order mark is skipped; old Mac line ends (a carriage return alone) are read as line ends.
 */
export function readYaml(text: string): YamlText {
  const lineCounter = new LineCounter();
  if (text.length > MAX_TEXT_CHARS) {
    const issue = {
      path: "(file)",
      message: `the file is longer than ${MAX_TEXT_CHARS.toLocaleString("en-US")} characters`,
    };
    return {
      data: undefined,
      syntax: [issue],
      locate: (path, message) => ({ path: formatPath(path), message }),
    };
  }
  // A carriage return not followed by a line feed ends a line too; as a line feed, it keeps line numbers.
  const source = text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;
  // logLevel "error": the library's warnings (odd keys) would otherwise go to the process's stderr.
  const doc = parseDocument(source, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: "error",
  });
  const at = (offset: number | undefined) => {
    const pos = offset !== undefined ? lineCounter.linePos(offset) : undefined;
    return { line: pos?.line, column: pos?.col };
  };
  const syntax: LocatedIssue[] = doc.errors.map((e) => ({
    path: "",
    message: `syntax error: ${clip(e.message.split("\n")[0]!, 300)}`,
    ...at(e.pos?.[0]),
  }));
  const locate = (path: ReadonlyArray<PropertyKey>, message: string): LocatedIssue => ({
    path: formatPath(path),
    message,
    ...at(nodeAt(doc.contents, path)?.range?.[0]),
  });
  let data: unknown;
  if (syntax.length === 0) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      syntax.push(...conversionIssues(doc, err, at));
    }
  }
  // Prototype names and absurd nesting are refused here, for every kind of file, before anything walks it.
  const hostile = syntax.length === 0 ? dataProblem(data) : null;
  if (hostile) syntax.push(locate(hostile.path, hostile.message));
  return { data: syntax.length > 0 ? undefined : data, syntax, locate };
}

/** Why the parsed document could not become data: each unknown alias by line, else the library's reason. */
function conversionIssues(
  doc: ReturnType<typeof parseDocument>,
  err: unknown,
  at: (offset: number | undefined) => { line?: number; column?: number },
): LocatedIssue[] {
  const unknown: LocatedIssue[] = [];
  visit(doc, {
    Alias(_, node) {
      if (node.resolve(doc) === undefined)
        unknown.push({
          path: "",
          message: `syntax error: unknown alias *${clip(node.source, 60)} (no anchor &${clip(node.source, 60)} before it)`,
          ...at(node.range?.[0]),
        });
    },
  });
  if (unknown.length > 0) return unknown;
  const reason = err instanceof Error ? err.message : String(err);
  const message = /alias count/i.test(reason)
    ? `the file expands more than ${MAX_ALIAS_COUNT} aliases (*name): write the values out instead`
    : `cannot read the data: ${clip(reason, 200)}`;
  return [{ path: "", message, line: 1 }];
}

/** Whether parsed data is one mapping (the top level of every file users write). */
export function isMapping(data: unknown): data is Record<string, unknown> {
  return data !== null && typeof data === "object" && !Array.isArray(data);
}
