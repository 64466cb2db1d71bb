import { describe, expect, it } from "vitest";
import { isBinary, OutcomeError, outcomeValue, parseOutcome } from "./outcomes.ts";
import { fakeMetrics } from "./testing.ts";

const q = { text: "q", leader: "a", by: "2002-01-01" };

describe("outcomes", () => {
  it("reads measures, comparisons and negations", () => {
    const yes = fakeMetrics(true, "a", "2001-06-01");
    const no = fakeMetrics(false);
    expect(outcomeValue(parseOutcome("yes"), yes, q)).toBe(1);
    expect(outcomeValue(parseOutcome("not   yes"), yes, q)).toBe(0);
    expect(outcomeValue(parseOutcome("not yes"), no, q)).toBe(1);
    expect(outcomeValue(parseOutcome("sole:a"), yes, q)).toBe(1);
    expect(outcomeValue(parseOutcome("sole:b"), yes, q)).toBe(0);
    expect(outcomeValue(parseOutcome("members"), yes, q)).toBe(1000);
    expect(outcomeValue(parseOutcome("members >= 1000"), yes, q)).toBe(1);
    expect(outcomeValue(parseOutcome("members<1000"), yes, q)).toBe(0);
    expect(outcomeValue(parseOutcome("not exits > 0"), yes, q)).toBe(0);
    expect(outcomeValue(parseOutcome("output.y"), { ...no, outputs: { y: 2.5 } }, q)).toBe(2.5);
    expect(parseOutcome("not  yes").text).toBe("not yes");
    expect(isBinary(parseOutcome("members"))).toBe(false);
    expect(isBinary(parseOutcome("members > 3"))).toBe(true);
  });

  it("refuses what it cannot read, saying what can be written", () => {
    for (const bad of ["", "maybe", "members <", "yes >> 1", "not members", "sole:Bad Name"])
      expect(() => parseOutcome(bad), bad).toThrow(OutcomeError);
    expect(() => parseOutcome("maybe")).toThrow(/write a measure \(yes, sole/);
  });
});
