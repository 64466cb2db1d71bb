/** Node-side access to scenario files: the built-in ones shipped in `scenarios/`, or any path. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, extname, resolve } from "node:path";
import { parseScenario, ScenarioError } from "../scenario/load.ts";
import type { Scenario } from "../scenario/schema.ts";
import { readYaml } from "../scenario/yamlText.ts";
import { BUILTIN_DIR } from "./builtins.ts";
import { readTextFile } from "./textFile.ts";

export { BUILTIN_DIR, DEFAULT_SCENARIO } from "./builtins.ts";

/** The catalogue of built-in scenarios (scenarios/catalog.json): which files are scenarios. */
const CATALOG: { default: string; scenarios?: string[] } = JSON.parse(
  readFileSync(resolve(BUILTIN_DIR, "catalog.json"), "utf8"),
);

const EXTENSIONS = [".yaml", ".yml", ".json"];
const NOT_SCENARIOS = new Set(["catalog.json"]);

/** Names of the built-in scenarios (file names without extension): the catalogue's list, else every file. */
export function builtinScenarios(): string[] {
  const files = readdirSync(BUILTIN_DIR)
    .filter((f) => EXTENSIONS.includes(extname(f)) && !NOT_SCENARIOS.has(f))
    .map((f) => basename(f, extname(f)));
  const listed = CATALOG.scenarios;
  return (listed ? listed.filter((name) => files.includes(name)) : files).sort();
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
