/**
 * Essay files: the essay questions a scenario's report answers, the factor group standing for the post the
 * first question asks about, alternative groupings of the factors, and the what-ifs (each a list of --set
 * assignments with a one-line meaning) run beside the attribution. Data names the people and posts; this
 * module only checks it. Pure.
 */
import { z } from "zod";
import { DataFileError, schemaIssue } from "../scenario/fileError.ts";
import { assignmentProblem } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { isMapping, type LocatedIssue, readYaml } from "../scenario/yamlText.ts";
import type { Assignment } from "./types.ts";

export const ESSAY_SCHEMA_VERSION = 1;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes");

const whatIfSchema = z.strictObject({
  id,
  label: z.string().min(1).describe("what changes, in words"),
  meaning: z.string().min(1).describe("what the change means, one line"),
  kind: z
    .enum(["whole-post", "post", "all-posts", "other"])
    .describe(
      "whole-post: the post the first question asks about given to another leader; post: one of his other posts given away; all-posts: every post at once; other: any other change",
    ),
  newHolder: z.string().min(1).optional().describe("id of the leader who gets the post"),
  set: z
    .array(z.strictObject({ path: z.string().min(1), value: z.unknown() }))
    .min(1, "a what-if must change at least one field"),
});

export const essayFileSchema = z.strictObject({
  schemaVersion: z.literal(ESSAY_SCHEMA_VERSION),
  scenario: z.string().min(1),
  postFactor: id.describe("the factor group of the factor-group file that stands for the post"),
  questions: z.strictObject({
    post: z.strictObject({ source: z.string().min(1), text: z.string().min(1), post: z.string().min(1) }),
    jobs: z.strictObject({ source: z.string().min(1), text: z.string().min(1), jobs: z.string().min(1) }),
  }),
  groupings: z
    .array(z.strictObject({ file: z.string().min(1), label: z.string().min(1) }))
    .default([])
    .describe("other factor-group files (relative to the factors folder) to set beside the main one"),
  whatifs: z.array(whatIfSchema).min(1).max(20),
});

export interface EssayWhatIf {
  id: string;
  label: string;
  meaning: string;
  kind: "whole-post" | "post" | "all-posts" | "other";
  newHolder?: string;
  set: Assignment[];
}

export interface EssayFile {
  scenario: string;
  postFactor: string;
  questions: {
    post: { source: string; text: string; post: string };
    jobs: { source: string; text: string; jobs: string };
  };
  groupings: { file: string; label: string }[];
  whatifs: EssayWhatIf[];
}

function crossCheck(f: EssayFile, s: Scenario): { path: PropertyKey[]; message: string }[] {
  const out: { path: PropertyKey[]; message: string }[] = [];
  if (f.scenario !== s.id)
    out.push({ path: ["scenario"], message: `written for scenario "${f.scenario}", not "${s.id}"` });
  for (const q of ["post", "jobs"] as const)
    if (!Object.hasOwn(s.sources, f.questions[q].source))
      out.push({
        path: ["questions", q, "source"],
        message: `source key "${f.questions[q].source}" is not in the scenario`,
      });
  const ids = new Set<string>();
  f.whatifs.forEach((w, i) => {
    if (ids.has(w.id)) out.push({ path: ["whatifs", i, "id"], message: `duplicate what-if id "${w.id}"` });
    ids.add(w.id);
    if (w.newHolder !== undefined && !s.people.some((p) => p.id === w.newHolder && p.role === "leader"))
      out.push({
        path: ["whatifs", i, "newHolder"],
        message: `"${w.newHolder}" is not a leader of the scenario`,
      });
    w.set.forEach((a, j) => {
      const problem = assignmentProblem(s, a.path, a.value);
      if (problem) out.push({ path: ["whatifs", i, "set", j, problem.at], message: problem.message });
    });
  });
  return out;
}

/**
 * Parses and checks an essay file (YAML or JSON) against its scenario; throws DataFileError listing every
 * problem with file, line and field.
 *
 * @example
 * const essay = parseEssay(text, "factors/essay/x.yaml", scenario);
 * essay.whatifs.map((w) => w.label);
 */
export function parseEssay(text: string, file: string, scenario: Scenario): EssayFile {
  const yaml = readYaml(text);
  const fail = (issues: LocatedIssue[]) => new DataFileError("essay file", file, issues);
  if (yaml.syntax.length > 0) throw fail(yaml.syntax);
  if (!isMapping(yaml.data)) throw fail([{ path: "", message: "the file must hold one object (a mapping)" }]);
  const located = (issues: { path: PropertyKey[]; message: string }[]) =>
    issues.map(({ path, message }) => yaml.locate(path, message));
  const parsed = essayFileSchema.safeParse(yaml.data);
  if (!parsed.success) throw fail(located(parsed.error.issues.map(schemaIssue)));
  const d = parsed.data;
  const f: EssayFile = {
    scenario: d.scenario,
    postFactor: d.postFactor,
    questions: d.questions,
    groupings: d.groupings,
    whatifs: d.whatifs.map((w) => ({
      id: w.id,
      label: w.label,
      meaning: w.meaning,
      kind: w.kind,
      ...(w.newHolder !== undefined ? { newHolder: w.newHolder } : {}),
      set: w.set.map((a) => ({ path: a.path, value: a.value })),
    })),
  };
  const cross = crossCheck(f, scenario);
  if (cross.length > 0) throw fail(located(cross));
  return f;
}
