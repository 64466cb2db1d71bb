/** Node-side access to essay files: `factors/essay/<scenario-id>.yaml` by default, or any path. */
import { existsSync } from "node:fs";
import { type EssayFile, parseEssay } from "../experiments/essay.ts";
import { DataFileError } from "../scenario/fileError.ts";
import type { Scenario } from "../scenario/schema.ts";
import { FACTORS_DIR } from "./factors.ts";
import { readTextFile } from "./textFile.ts";

/** The essay file for a scenario: the one named, else the scenario's default if it exists, else null. */
export function loadEssay(scenario: Scenario, file?: string): EssayFile | null {
  const path = file ?? new URL(`essay/${scenario.id}.yaml`, FACTORS_DIR).pathname;
  if (!existsSync(path)) {
    if (file) throw new DataFileError("essay file", file, [], `no such essay file: ${file}`);
    return null;
  }
  const read = readTextFile(path);
  if ("issue" in read) throw new DataFileError("essay file", path, [read.issue]);
  return parseEssay(read.text, path, scenario);
}

/** A grouping file named in an essay file, resolved against the factors folder. */
export function groupingPath(file: string): string {
  return new URL(file, FACTORS_DIR).pathname;
}
