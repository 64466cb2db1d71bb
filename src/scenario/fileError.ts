/**
 * The error for any file users write (targets, factor groups, sweep designs): it lists every issue with
 * file, line, column and field, so one run of the command shows everything to fix.
 */
import type { z } from "zod";
import { clip, clippedIssues, issueLines, type LocatedIssue } from "./yamlText.ts";

export class DataFileError extends Error {
  readonly file: string;
  readonly issues: LocatedIssue[];
  /** `what` names the kind of file ("targets file"); `headline` replaces the whole message. */
  constructor(what: string, fileName: string, allIssues: LocatedIssue[], headline?: string) {
    // Quoted values are clipped: a message stays readable whatever the file held.
    const file = clip(fileName, 300);
    const issues = clippedIssues(allIssues);
    const lines = issueLines(file, issues, allIssues.length);
    super(headline !== undefined ? clip(headline, 2000) : `invalid ${what} ${file}:\n${lines.join("\n")}`);
    this.name = "DataFileError";
    this.file = file;
    this.issues = issues;
  }
}

/** A schema issue as a field path and message; an unknown field is named in the path itself. */
export function schemaIssue(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code === "unrecognized_keys" && issue.keys.length > 0)
    return { path: [...issue.path, issue.keys[0]!], message: `unknown field(s): ${issue.keys.join(", ")}` };
  return { path: [...issue.path], message: issue.message };
}
