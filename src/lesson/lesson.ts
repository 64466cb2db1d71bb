/**
 * A lesson: a short guided sequence through the dashboard (replay one history, switch one lever, compare
 * over many seeds, read the answer), with questions a teacher can put to the class at each step. Lessons
 * are data, one file per scenario (`lessons/<scenario-id>.yaml`), because their words name the history.
 * Pure: the Node side reads the file; the dashboard gets it parsed.
 */
import { z } from "zod";
import { DataFileError, schemaIssue } from "../scenario/fileError.ts";
import { ScenarioError } from "../scenario/load.ts";
import { applySets } from "../scenario/patch.ts";
import type { Scenario } from "../scenario/schema.ts";
import { isMapping, type LocatedIssue, readYaml } from "../scenario/yamlText.ts";
import { changeSchema } from "../server/contract.ts";

/** Version of the lesson file format. */
export const LESSON_SCHEMA_VERSION = 1;

const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 31 - 1);
const changes = z.array(changeSchema).min(1, "must change at least one thing");

/** What a step's button does in the dashboard. */
export const lessonActionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("replay"), seed }).describe("open the Replay tab on this seed and run it"),
  z
    .strictObject({ kind: z.literal("counterfactual"), seed, changes })
    .describe("set these changes on the Counterfactuals tab and run the changed history beside the real one"),
  z
    .strictObject({ kind: z.literal("compare"), seed, changes, runs: z.number().int().min(2).max(2000) })
    .describe("compare the changes over many seeds on the server"),
  z.strictObject({ kind: z.literal("report") }).describe("open the Experiments tab and its factor report"),
]);
export type LessonAction = z.infer<typeof lessonActionSchema>;

export const lessonStepSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, "must be lower-case letters, digits and dashes"),
  title: z.string().min(1),
  /** What the class does in this step, in a few sentences. */
  do: z.string().min(1),
  /** The button's words. */
  button: z.string().min(1),
  action: lessonActionSchema,
  questions: z.array(z.string().min(1)).min(1, "must ask at least one question"),
  /** What a teacher may want to know before asking (hidden from the class view by default). */
  teacher: z.string().min(1).optional(),
});
export type LessonStep = z.infer<typeof lessonStepSchema>;

export const lessonFileSchema = z.strictObject({
  schemaVersion: z.literal(LESSON_SCHEMA_VERSION, {
    message: `must be ${LESSON_SCHEMA_VERSION} (the lesson format this Apparat reads)`,
  }),
  scenario: z.string().min(1),
  title: z.string().min(1),
  summary: z.string().min(1),
  steps: z.array(lessonStepSchema).min(2, "must have at least two steps"),
});
export type Lesson = z.infer<typeof lessonFileSchema>;

export class LessonError extends DataFileError {
  constructor(file: string, issues: LocatedIssue[], headline?: string) {
    super("lesson file", file, issues, headline);
    this.name = "LessonError";
  }
}

/**
 * Parses a lesson file; with the scenario, every change a step makes must be one the scenario accepts.
 *
 * @example
 * const lesson = parseLesson(readFileSync(path, "utf8"), path, scenario);
 */
export function parseLesson(text: string, file = "<lesson>", scenario?: Scenario): Lesson {
  const yaml = readYaml(text);
  if (yaml.syntax.length > 0) throw new LessonError(file, yaml.syntax);
  if (!isMapping(yaml.data))
    throw new LessonError(file, [{ path: "", message: "the file must hold one object (a mapping)" }]);
  const result = lessonFileSchema.safeParse(yaml.data);
  if (!result.success)
    throw new LessonError(
      file,
      result.error.issues.map(schemaIssue).map(({ path, message }) => yaml.locate(path, message)),
    );
  const lesson = result.data;
  if (scenario) {
    const issues: LocatedIssue[] = [];
    lesson.steps.forEach((step, i) => {
      if (!("changes" in step.action)) return;
      try {
        applySets(scenario, step.action.changes, "lesson");
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        for (const issue of err.issues)
          issues.push(yaml.locate(["steps", i, "action", "changes"], `${issue.path}: ${issue.message}`));
      }
    });
    if (issues.length > 0) throw new LessonError(file, issues);
  }
  return lesson;
}
