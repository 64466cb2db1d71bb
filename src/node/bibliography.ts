/** Node-side access to a scenario's bibliography: `bibliography/<scenario-id>.yaml` in the repository. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Bibliography, parseBibliography } from "../bibliography/bibliography.ts";

export const BIBLIOGRAPHY_DIR = fileURLToPath(new URL("../../bibliography/", import.meta.url));

/** The bibliography shipped for a scenario, or null if the repository has none. */
export function loadBibliography(scenarioId: string): Bibliography | null {
  const path = `${BIBLIOGRAPHY_DIR}${scenarioId}.yaml`;
  return existsSync(path) ? parseBibliography(readFileSync(path, "utf8"), path) : null;
}
