/**
 * Where the built-in scenarios live and which one commands use by default. Only Node's own modules here:
 * the command line's help reads these without loading the scenario parser.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const BUILTIN_DIR = fileURLToPath(new URL("../../scenarios/", import.meta.url));

/** The scenario `apparat run` uses when none is named: set in scenarios/catalog.json, not in code. */
export const DEFAULT_SCENARIO: string = JSON.parse(
  readFileSync(resolve(BUILTIN_DIR, "catalog.json"), "utf8"),
).default;
