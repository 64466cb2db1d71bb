/** Shared test fixtures: the built-in scenarios, compiled, optionally patched. */
import { readFileSync } from "node:fs";
import { type CompiledScenario, compileScenario } from "../src/scenario/compile.ts";
import { parseScenario } from "../src/scenario/load.ts";
import { applySet } from "../src/scenario/patch.ts";
import type { Scenario } from "../src/scenario/schema.ts";

const FILE = new URL("../scenarios/bolshevik-1922.yaml", import.meta.url);
let cached: Scenario | null = null;

/** The Bolshevik scenario as validated data. */
export function bolshevikScenario(): Scenario {
  cached ??= parseScenario(readFileSync(FILE, "utf8"), "bolshevik-1922.yaml");
  return cached;
}

const CHINA = new URL("../scenarios/china-1976.yaml", import.meta.url);
let china: Scenario | null = null;

/** The China scenario as validated data. */
export function chinaScenario(): Scenario {
  china ??= parseScenario(readFileSync(CHINA, "utf8"), "china-1976.yaml");
  return china;
}

/** The China scenario compiled, with `--set`-style assignments applied first. */
export function chinaCompiled(sets: Record<string, unknown> = {}): CompiledScenario {
  let s = chinaScenario();
  for (const [path, value] of Object.entries(sets)) s = applySet(s, path, value);
  return compileScenario(s);
}

/** The Bolshevik scenario compiled, with `--set`-style assignments applied first. */
export function bolshevik(sets: Record<string, unknown> = {}): CompiledScenario {
  let s = bolshevikScenario();
  for (const [path, value] of Object.entries(sets)) s = applySet(s, path, value);
  return compileScenario(s);
}

/** Index of a person by id in a compiled scenario. */
export function personIndex(sc: CompiledScenario, id: string): number {
  const i = sc.people.findIndex((p) => p.id === id);
  if (i < 0) throw new Error(`no person ${id}`);
  return i;
}

/** A small factorial sweep (4 points x 8 runs) over the secretaries' grip and the files, for the CLI's experiment tests. */
export const GRIP_SWEEP = `schemaVersion: 1
name: grip
seed: 5
runsPerPoint: 8
design: factorial
parameters:
  - { path: mechanisms.patronage.params.maxGrip, values: [0.75, 0.9] }
  - { path: mechanisms.files.enabled, values: [true, false] }
`;
