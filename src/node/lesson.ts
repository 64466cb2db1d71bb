/** Node-side access to a scenario's lesson: `lessons/<scenario-id>.yaml` in the repository. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Lesson, LessonError, parseLesson } from "../lesson/lesson.ts";
import type { Scenario } from "../scenario/schema.ts";
import { readTextFile } from "./textFile.ts";

export const LESSONS_DIR = fileURLToPath(new URL("../../lessons/", import.meta.url));

/** The lesson shipped for a scenario, checked against it, or null if the repository has none. */
export function loadLesson(scenario: Scenario): Lesson | null {
  const path = `${LESSONS_DIR}${scenario.id}.yaml`;
  if (!existsSync(path)) return null;
  const read = readTextFile(path);
  if ("issue" in read) throw new LessonError(path, [read.issue]);
  return parseLesson(read.text, path, scenario);
}
