/**
 * The engine's code names no historical person and no historical date: everything historical is scenario
 * data. This test fails if a person's id or any part of his name or short name from any shipped scenario, or a
 * year of any shipped scenario's period, appears in non-test source code (the engine, the CLI, the server and the dashboard) (tests, shared case suites `*.cases.ts` and fixtures
 * `*.test-helpers.ts` are test code).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../src/scenario/load.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = join(dir, d.name);
    if (d.isDirectory()) return files(rel);
    // Tests and their support files (shared case suites, fixtures) may name history; the code under test not.
    const testCode = /\.(test|cases)\.|\.test-helpers\./.test(d.name);
    return [".ts", ".js", ".tsx"].includes(extname(d.name)) && !testCode ? [rel] : [];
  });
}

const SCENARIOS = readdirSync(join(ROOT, "scenarios"))
  .filter((x) => /\.(ya?ml)$/.test(x))
  .map((f) => parseScenario(readFileSync(join(ROOT, "scenarios", f), "utf8"), f));

/** Ids, names and short names of every shipped scenario's people. */
function historicalWords(): string[] {
  const words = new Set<string>();
  for (const s of SCENARIOS) {
    for (const p of s.people) {
      words.add(p.id.toLowerCase());
      for (const name of [p.name, p.shortName ?? ""])
        for (const part of name.split(/\s+/)) if (part.length > 3) words.add(part.toLowerCase());
    }
  }
  return [...words];
}

/** Every year of every shipped scenario's period. */
function historicalYears(): string[] {
  const years = new Set<string>();
  for (const s of SCENARIOS) {
    const [from, to] = [s.calendar.start, s.calendar.end].map((d) => Number(d.slice(0, 4)));
    for (let y = from!; y <= to!; y++) years.add(String(y));
  }
  return [...years];
}

describe("engine code is free of history", () => {
  const sources = [
    ...files("src"),
    ...files("bin"),
    ...(existsSync(join(ROOT, "web/src")) ? files("web/src") : []),
  ];
  const words = historicalWords();
  const years = historicalYears();

  it("finds the words it looks for (the check itself works)", () => {
    expect(words).toContain("stalin");
    expect(words).toContain("deng-xiaoping");
    expect(words).toContain("xiaoping");
    expect(years).toContain("1923");
    expect(years).toContain("1978");
    expect(sources.length).toBeGreaterThan(10);
  });

  it("no source file names a person of a shipped scenario", () => {
    const hits: string[] = [];
    for (const f of sources) {
      const text = readFileSync(join(ROOT, f), "utf8").toLowerCase();
      for (const w of words) if (new RegExp(`\\b${w}\\b`).test(text)) hits.push(`${f}: ${w}`);
    }
    expect(hits).toEqual([]);
  });

  it("no source file names a year of a scenario's period", () => {
    const hits: string[] = [];
    const pattern = new RegExp(`\\b(${years.join("|")})\\b`, "g");
    for (const f of sources) {
      const text = readFileSync(join(ROOT, f), "utf8");
      for (const m of text.matchAll(pattern)) hits.push(`${f}: ${m[0]}`);
    }
    expect(hits).toEqual([]);
  });
});
