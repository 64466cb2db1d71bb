/**
 * Reading a file users write (scenario, patch, sweep, factor groups, targets) as text: refused, with a reason,
 * when it is missing, a folder, larger than any such file needs to be, or not text; decoded from UTF-8 or
 * UTF-16 (with its byte-order mark) otherwise.
 */
import { readFileSync, statSync } from "node:fs";
import { decodeText, type LocatedIssue, MAX_TEXT_BYTES } from "../scenario/yamlText.ts";

/**
 * The file's text, or the issue that says why it cannot be read.
 *
 * @example
 * const read = readTextFile("my-scenario.yaml");
 * if ("issue" in read) throw new ScenarioError("my-scenario.yaml", [read.issue]);
 */
export function readTextFile(file: string): { text: string } | { issue: LocatedIssue } {
  const refuse = (message: string) => ({ issue: { path: "(file)", message } });
  try {
    const st = statSync(file);
    if (st.isDirectory()) return refuse("cannot read it: it is a folder");
    if (st.size > MAX_TEXT_BYTES)
      return refuse(
        `the file is ${(st.size / 1024 / 1024).toFixed(1)} MiB, larger than the ${MAX_TEXT_BYTES / 1024 / 1024} MiB any such file may be`,
      );
    return decodeText(readFileSync(file));
  } catch (err) {
    return refuse(`cannot read it: ${(err as Error).message.split("\n")[0]}`);
  }
}
