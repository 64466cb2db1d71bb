/**
 * Every source key the Bolshevik scenario's data files cite (the scenario, its factor groups and their
 * variants, the calibration targets, the historical record) resolves to a full reference in its
 * bibliography, so no reader meets a bare key.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseBibliography, splitKeys } from "../src/bibliography/bibliography.ts";

const ROOT = new URL("../", import.meta.url);
const read = (path: string) => parse(readFileSync(new URL(path, ROOT), "utf8")) as unknown;

/** Every key a data file cites: `source` strings, `sources` lists, and the keys of `sources` maps. */
function citedKeys(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const x of node) citedKeys(x, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "source" && typeof v === "string") for (const key of splitKeys(v)) out.add(key);
      else if (k === "sources" && Array.isArray(v)) for (const key of v) out.add(String(key));
      else if (k === "sources" && v && typeof v === "object") for (const key of Object.keys(v)) out.add(key);
      else citedKeys(v, out);
    }
  }
  return out;
}

describe("the Bolshevik scenario's sources", () => {
  const bib = parseBibliography(readFileSync(new URL("bibliography/bolshevik-1922.yaml", ROOT), "utf8"));
  const files = [
    "scenarios/bolshevik-1922.yaml",
    "factors/bolshevik-1922.yaml",
    ...readdirSync(new URL("factors/variants/", ROOT))
      .filter((f) => f.startsWith("bolshevik-1922"))
      .map((f) => `factors/variants/${f}`),
    "validation/bolshevik-1922.targets.yaml",
    "validation/bolshevik-1922.history.yaml",
  ];

  it("finds keys to check in every file (the check itself works)", () => {
    for (const f of files) expect(citedKeys(read(f)).size, f).toBeGreaterThan(2);
  });

  it("resolves every cited key to a full reference with author and title", () => {
    const missing: string[] = [];
    for (const f of files)
      for (const key of citedKeys(read(f))) if (!bib.references[key]) missing.push(`${f}: ${key}`);
    expect(missing).toEqual([]);
  });

  it("gives a link or says why not, for every reference that is not the model's own", () => {
    const silent = Object.entries(bib.references).filter(
      ([, r]) => r.author !== "Apparat" && !r.url && !r.note,
    );
    expect(silent.map(([k]) => k)).toEqual([]);
  });
});
