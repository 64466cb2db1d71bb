/**
 * Factor-group files: the question an experiment answers and the groups of switches attribution removes,
 * one group per factor of the essay (the appointing post, the rivals' weaknesses, the founder's legacy...).
 * The file is data that names the scenario's people and paths; this module only checks it. Pure.
 */
import { z } from "zod";
import { MECHANISMS } from "../kernel/engine.ts";
import { DataFileError, schemaIssue } from "../scenario/fileError.ts";
import { assignmentProblem } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { isMapping, type LocatedIssue, readYaml } from "../scenario/yamlText.ts";
import type { FactorGroup, Question } from "./types.ts";

export const FACTORS_SCHEMA_VERSION = 1;
/** Exact Shapley values need every on/off combination: 2^n variants. */
export const MAX_GROUPS = 10;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD");
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and dashes");

const assignmentSchema = z.strictObject({
  path: z.string().min(1).describe("scenario field, as in --set (lists addressable by id)"),
  value: z.unknown().describe("the value that removes the factor"),
});

const groupSchema = z.strictObject({
  id,
  label: z.string().min(1),
  description: z.string().min(1),
  mechanisms: z.array(z.string()).default([]).describe("mechanisms the group switches or tunes"),
  sources: z.array(z.string()).default([]).describe("source keys of the scenario behind the group"),
  off: z.array(assignmentSchema).min(1, "a group must change at least one field"),
});

export const questionSchema = z.strictObject({
  text: z.string().min(1).describe("the question in words"),
  leader: z.string().min(1).describe("id of the leader the question is about"),
  by: isoDate.describe("sole leadership must start before this date"),
  outcomes: z
    .array(z.enum(["sole-leader", "dominant-leader"]))
    .min(1)
    .optional()
    .describe(
      "outcomes that answer yes (default [sole-leader]); dominant-leader: he dominates at the end of the run",
    ),
});

export const factorsFileSchema = z.strictObject({
  schemaVersion: z.literal(FACTORS_SCHEMA_VERSION),
  scenario: z.string().min(1).describe("id of the scenario the groups are written for"),
  question: questionSchema,
  groups: z
    .array(groupSchema)
    .min(1, "must hold at least one group")
    .max(MAX_GROUPS, `at most ${MAX_GROUPS} groups: exact Shapley values run all 2^n combinations`),
});

export interface FactorsFile {
  scenario: string;
  question: Question;
  groups: FactorGroup[];
}

/** Checks a question against a scenario: a known leader and a date inside the run. */
export function questionIssues(q: Question, s: Scenario): { path: PropertyKey[]; message: string }[] {
  const out: { path: PropertyKey[]; message: string }[] = [];
  const person = s.people.find((p) => p.id === q.leader);
  if (!person) out.push({ path: ["leader"], message: `unknown person "${q.leader}" in scenario ${s.id}` });
  else if (person.role !== "leader")
    out.push({ path: ["leader"], message: `"${q.leader}" is not a leader (role ${person.role})` });
  if (q.by <= s.calendar.start)
    out.push({ path: ["by"], message: `${q.by} is not after the scenario's start ${s.calendar.start}` });
  return out;
}

/** What the schema cannot check: ids, mechanisms, sources, and that every assignment applies cleanly. */
function crossCheck(f: FactorsFile, s: Scenario): { path: PropertyKey[]; message: string }[] {
  const out = questionIssues(f.question, s).map((i) => ({ ...i, path: ["question", ...i.path] }));
  if (f.scenario !== s.id)
    out.push({ path: ["scenario"], message: `written for scenario "${f.scenario}", not "${s.id}"` });
  const mechanisms = new Set<string>(MECHANISMS.map((m) => m.id));
  const ids = new Set<string>();
  const setBy = new Map<string, string>();
  f.groups.forEach((g, i) => {
    if (ids.has(g.id)) out.push({ path: ["groups", i, "id"], message: `duplicate group id "${g.id}"` });
    ids.add(g.id);
    g.mechanisms.forEach((m, j) => {
      if (!mechanisms.has(m))
        out.push({
          path: ["groups", i, "mechanisms", j],
          message: `unknown mechanism "${m}" (known: ${[...mechanisms].join(", ")})`,
        });
    });
    g.sources.forEach((k, j) => {
      if (!Object.hasOwn(s.sources, k))
        out.push({ path: ["groups", i, "sources", j], message: `source key "${k}" is not in the scenario` });
    });
    g.off.forEach((a, j) => {
      const other = setBy.get(a.path);
      if (other !== undefined && other !== g.id)
        out.push({
          path: ["groups", i, "off", j, "path"],
          message: `"${a.path}" is also set by group "${other}": groups must not overlap`,
        });
      setBy.set(a.path, g.id);
      const problem = assignmentProblem(s, a.path, a.value);
      if (problem) out.push({ path: ["groups", i, "off", j, problem.at], message: problem.message });
    });
  });
  return out;
}

/**
 * Parses and checks a factor-group file (YAML or JSON) against the scenario it will change.
 * Throws DataFileError listing every problem with file, line and field.
 *
 * @example
 * const { question, groups } = parseFactors(text, "factors.yaml", scenario);
 */
export function parseFactors(text: string, file: string, scenario: Scenario): FactorsFile {
  const yaml = readYaml(text);
  const fail = (issues: LocatedIssue[]) => new DataFileError("factor-group file", file, issues);
  if (yaml.syntax.length > 0) throw fail(yaml.syntax);
  if (!isMapping(yaml.data)) throw fail([{ path: "", message: "the file must hold one object (a mapping)" }]);
  const located = (issues: { path: PropertyKey[]; message: string }[]) =>
    issues.map(({ path, message }) => yaml.locate(path, message));
  const parsed = factorsFileSchema.safeParse(yaml.data);
  if (!parsed.success) throw fail(located(parsed.error.issues.map(schemaIssue)));
  const f: FactorsFile = {
    scenario: parsed.data.scenario,
    question: parsed.data.question,
    groups: parsed.data.groups.map((g) => ({
      ...g,
      off: g.off.map((a) => ({ path: a.path, value: a.value })),
    })),
  };
  const cross = crossCheck(f, scenario);
  if (cross.length > 0) throw fail(located(cross));
  return f;
}
