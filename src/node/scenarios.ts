/** Node-side access to scenario files: the built-in ones shipped in `scenarios/`, or any path. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseScenario, ScenarioError } from "../scenario/load.ts";
import type { Scenario } from "../scenario/schema.ts";
import { readYaml } from "../scenario/yamlText.ts";
import { readTextFile } from "./textFile.ts";

export const BUILTIN_DIR = fileURLToPath(new URL("../../scenarios/", import.meta.url));
/** The scenario `apparat run` uses when none is named: set in scenarios/catalog.json, not in code. */
export const DEFAULT_SCENARIO: string = JSON.parse(
  readFileSync(resolve(BUILTIN_DIR, "catalog.json"), "utf8"),
).default;

const EXTENSIONS = [".yaml", ".yml", ".json"];
const NOT_SCENARIOS = new Set(["catalog.json"]);

/** Names of the built-in scenarios (file names without extension). */
export function builtinScenarios(): string[] {
  return readdirSync(BUILTIN_DIR)
    .filter((f) => EXTENSIONS.includes(extname(f)) && !NOT_SCENARIOS.has(f))
    .map((f) => basename(f, extname(f)))
    .sort();
}

/** Path of a scenario given by built-in name or by file path. */
export function resolveScenario(nameOrPath: string): string {
  for (const ext of EXTENSIONS) {
    const p = resolve(BUILTIN_DIR, `${nameOrPath}${ext}`);
    if (!nameOrPath.includes("/") && existsSync(p)) return p;
  }
  const p = resolve(nameOrPath);
  if (existsSync(p)) return p;
  throw new ScenarioError(nameOrPath, [
    {
      path: "",
      message: `no such scenario file or built-in scenario (built-in: ${builtinScenarios().join(", ")})`,
    },
  ]);
}

/** Reads, parses and validates a scenario by built-in name or path. */
export function loadScenario(nameOrPath: string): { scenario: Scenario; file: string } {
  const file = resolveScenario(nameOrPath);
  const read = readTextFile(file);
  if ("issue" in read) throw new ScenarioError(file, [read.issue]);
  return { scenario: parseScenario(read.text, file), file };
}

/**
 * Reads a scenario patch file (YAML or JSON): its data, or a ScenarioError naming the file, with line and
 * column for a syntax error. Whether the patch fits the scenario is checked when it is applied.
 */
export function readPatchFile(file: string): unknown {
  const read = readTextFile(file);
  if ("issue" in read)
    throw new ScenarioError(file, [{ ...read.issue, message: `cannot use patch: ${read.issue.message}` }]);
  const yaml = readYaml(read.text);
  if (yaml.syntax.length > 0) throw new ScenarioError(file, yaml.syntax);
  return yaml.data;
}
