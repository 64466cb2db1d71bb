/** The package's version, read from its package.json (two folders up from here, in the sources and in dist/). */
import { readFileSync } from "node:fs";

export const VERSION: string = JSON.parse(
  readFileSync(new URL("../../package.json", import.meta.url), "utf8"),
).version;
