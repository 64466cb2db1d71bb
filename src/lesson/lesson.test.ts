import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { LessonError, parseLesson } from "./lesson.ts";

const text = readFileSync(new URL("../../lessons/bolshevik-1922.yaml", import.meta.url), "utf8");

describe("lesson files", () => {
  it("loads the Bolshevik lesson: replay, one lever, compare, answer, with questions at every step", () => {
    const lesson = parseLesson(text, "lesson", bolshevikScenario());
    expect(lesson.steps.map((s) => s.action.kind)).toEqual(["replay", "counterfactual", "compare", "report"]);
    for (const step of lesson.steps) expect(step.questions.length).toBeGreaterThanOrEqual(2);
    // The lever switched in the second step is the one compared over many seeds in the third.
    const [, lever, compare] = lesson.steps;
    expect(lever!.action).toMatchObject({ changes: (compare!.action as { changes: unknown }).changes });
  });

  it("refuses a change the scenario does not accept, naming the step, line and the path", () => {
    const bad = text.replace("value: zinoviev }", "value: nobody }");
    const parse = () => parseLesson(bad, "l.yaml", bolshevikScenario());
    expect(parse).toThrow(LessonError);
    expect(parse).toThrow(/l\.yaml:\d+:\d+ {2}steps\[1\]\.action\.changes: .*nobody/);
  });

  it("names the field of an unknown action kind", () => {
    const bad = text.replace("{ kind: report }", "{ kind: quiz }");
    expect(() => parseLesson(bad, "l.yaml")).toThrow(/steps\[3\]\.action\.kind/);
  });
});
