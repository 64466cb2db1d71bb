/** Running the `apparat` command line in a child process, exactly as a user would, for end-to-end tests. */
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));

/** Runs the CLI and returns stdout; throws (failing the test) on a non-zero exit. */
export function apparat(...args: string[]): string {
  return execFileSync(process.execPath, ["bin/apparat.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** Runs the CLI and returns exit code, stdout and stderr, whatever the outcome. */
export function apparatStatus(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["bin/apparat.js", ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
