import { describe, expect, it } from "vitest";
import { answersYes, questionMeasure } from "./metrics.ts";
import type { Question, RunMetrics } from "./types.ts";

const run = (over: Partial<RunMetrics>): RunMetrics => ({
  outcome: "none",
  leader: null,
  soleDate: null,
  exits: [],
  members: 0,
  committee: 0,
  ...over,
});

const sole: Question = { text: "q", leader: "ann", by: "2001-01-01" };
const leads: Question = { ...sole, outcomes: ["sole-leader", "dominant-leader"] };

describe("answering the question", () => {
  it("by default only sole leadership before the date answers yes", () => {
    expect(answersYes(run({ outcome: "sole-leader", leader: "ann", soleDate: "2000-06-01" }), sole)).toBe(
      true,
    );
    expect(answersYes(run({ outcome: "sole-leader", leader: "ann", soleDate: "2001-01-01" }), sole)).toBe(
      false,
    );
    expect(answersYes(run({ outcome: "sole-leader", leader: "bob", soleDate: "2000-06-01" }), sole)).toBe(
      false,
    );
    expect(answersYes(run({ outcome: "dominant-leader", leader: "ann" }), sole)).toBe(false);
  });

  it("a question that accepts dominance also counts the leader dominant at the end", () => {
    expect(answersYes(run({ outcome: "dominant-leader", leader: "ann" }), leads)).toBe(true);
    expect(answersYes(run({ outcome: "dominant-leader", leader: "bob" }), leads)).toBe(false);
    expect(answersYes(run({ outcome: "collective" }), leads)).toBe(false);
    expect(answersYes(run({ outcome: "sole-leader", leader: "ann", soleDate: "2001-02-01" }), leads)).toBe(
      false,
    );
  });

  it("says in words what it measures", () => {
    expect(questionMeasure(sole, "Ann")).toBe("Ann sole leader before 2001-01-01");
    expect(questionMeasure(leads, "Ann", () => "1 January 2001")).toBe(
      "Ann sole leader before 1 January 2001 or dominant at the end",
    );
  });
});
