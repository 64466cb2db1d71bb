/** Node-side access to a scenario's lesson: `lessons/<scenario-id>.yaml` in the repository. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Lesson, parseLesson } from "../lesson/lesson.ts";
import type { Scenario } from "../scenario/schema.ts";

export const LESSONS_DIR = fileURLToPath(new URL("../../lessons/", import.meta.url));

/** The lesson shipped for a scenario, checked against it, or null if the repository has none. */
export function loadLesson(scenario: Scenario): Lesson | null {
  const path = `${LESSONS_DIR}${scenario.id}.yaml`;
  return existsSync(path) ? parseLesson(readFileSync(path, "utf8"), path, scenario) : null;
}
