/** Node-side access to a scenario's historical record: `validation/<scenario-id>.history.yaml`, or any path. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { HistoryError, type HistoryRecord, historyIdsOf, parseHistory } from "../history/record.ts";
import type { Scenario } from "../scenario/schema.ts";
import { readTextFile } from "./textFile.ts";

export const VALIDATION_DIR = fileURLToPath(new URL("../../validation/", import.meta.url));

/** Where a scenario's record lives by default. */
export function defaultHistoryFile(scenarioId: string): string {
  return `${VALIDATION_DIR}${scenarioId}.history.yaml`;
}

/**
 * The historical record of a scenario, checked against its ids: the file named, else the scenario's own if
 * the repository has one (null if not). A named file that is missing or wrong is a HistoryError.
 */
export function loadHistory(scenario: Scenario, file?: string): HistoryRecord | null {
  const path = file ?? defaultHistoryFile(scenario.id);
  if (!existsSync(path)) {
    if (file) throw new HistoryError(file, [], `no such history file: ${file}`);
    return null;
  }
  const read = readTextFile(path);
  if ("issue" in read) throw new HistoryError(path, [read.issue]);
  return parseHistory(read.text, path, historyIdsOf(scenario));
}
