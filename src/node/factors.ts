/** Node-side access to factor-group files: `factors/<scenario-id>.yaml` by default, or any path. */
import { existsSync } from "node:fs";
import { type FactorsFile, parseFactors } from "../experiments/factors.ts";
import { DataFileError } from "../scenario/fileError.ts";
import type { Scenario } from "../scenario/schema.ts";
import { readTextFile } from "./textFile.ts";

/** Where the default factor-group file of a scenario lives: `factors/<scenario-id>.yaml`. */
export const FACTORS_DIR = new URL("../../factors/", import.meta.url);

/** The factor-group file for a scenario: the one named, else the scenario's default if it exists. */
export function loadFactors(scenario: Scenario, file: string | undefined): FactorsFile | null {
  const path = file ?? new URL(`${scenario.id}.yaml`, FACTORS_DIR).pathname;
  if (!existsSync(path)) {
    if (file) throw new DataFileError("factor-group file", file, [], `no such factor-group file: ${file}`);
    return null;
  }
  const read = readTextFile(path);
  if ("issue" in read) throw new DataFileError("factor-group file", file ?? path, [read.issue]);
  return parseFactors(read.text, file ?? path, scenario);
}
