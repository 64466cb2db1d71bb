/**
 * The error for any file users write (targets, factor groups, sweep designs): it lists every issue with
 * file, line, column and field, so one run of the command shows everything to fix.
 */
import type { LocatedIssue } from "./yamlText.ts";

export class DataFileError extends Error {
  readonly file: string;
  readonly issues: LocatedIssue[];
  /** `what` names the kind of file ("targets file"); `headline` replaces the whole message. */
  constructor(what: string, file: string, issues: LocatedIssue[], headline?: string) {
    const lines = issues.map(
      (i) =>
        `  ${file}${i.line !== undefined ? `:${i.line}${i.column !== undefined ? `:${i.column}` : ""}` : ""}  ${i.path || "(top level)"}: ${i.message}`,
    );
    super(headline ?? `invalid ${what} ${file}:\n${lines.join("\n")}`);
    this.name = "DataFileError";
    this.file = file;
    this.issues = issues;
  }
}
