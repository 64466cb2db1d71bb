/**
 * What a worker thread needs to start: its script and Node's flags. From the sources (a checkout, the tests)
 * the script is TypeScript and the thread needs tsx, as the CLI does; from the compiled package it is the
 * JavaScript beside the caller, and tsx (a development tool) is neither needed nor installed.
 */

/** Running from TypeScript sources, or from the compiled package. */
const FROM_SOURCE = import.meta.url.endsWith(".ts");

/**
 * The URL of a worker script beside the calling module, by its name without extension.
 *
 * @example
 * const WORKER = workerScript("./poolWorker", import.meta.url);
 */
export function workerScript(name: string, beside: string): string {
  return new URL(`${name}${FROM_SOURCE ? ".ts" : ".js"}`, beside).href;
}

function hasTsx(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === "--import=tsx" || (a === "--import" && argv[i + 1] === "tsx"));
}

/** Worker flags: the parent's, plus the TypeScript loader when running from sources. */
export function workerExecArgv(): string[] {
  if (!FROM_SOURCE || hasTsx(process.execArgv)) return process.execArgv;
  // Resolved here, not by name: a worker resolves bare names from the working directory.
  return [...process.execArgv, "--import", import.meta.resolve("tsx")];
}
