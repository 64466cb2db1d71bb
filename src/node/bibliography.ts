/** Node-side access to a scenario's bibliography: `bibliography/<scenario-id>.yaml` in the repository. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Bibliography, BibliographyError, parseBibliography } from "../bibliography/bibliography.ts";
import { readTextFile } from "./textFile.ts";

export const BIBLIOGRAPHY_DIR = fileURLToPath(new URL("../../bibliography/", import.meta.url));

/** The bibliography shipped for a scenario, or null if the repository has none. */
export function loadBibliography(scenarioId: string): Bibliography | null {
  const path = `${BIBLIOGRAPHY_DIR}${scenarioId}.yaml`;
  if (!existsSync(path)) return null;
  const read = readTextFile(path);
  if ("issue" in read) throw new BibliographyError(path, [read.issue]);
  return parseBibliography(read.text, path);
}
