import { describe, expect, it } from "vitest";
import { chartSummary, sampleWeeks } from "./chartText.ts";

describe("text alternatives for charts", () => {
  it("samples the first week of each year and the last week, once each", () => {
    const dates = ["2001-12-24", "2001-12-31", "2002-01-07", "2002-06-01", "2003-01-06", "2003-02-03"];
    expect(sampleWeeks(dates)).toEqual([0, 2, 4, 5]);
    expect(sampleWeeks(["2001-01-01"])).toEqual([0]);
    expect(sampleWeeks([])).toEqual([]);
  });

  it("names the measure, the span and every series at the week, largest first", () => {
    const text = chartSummary(
      "Votes for each leader",
      [
        { label: "A", values: [1, 2, 3] },
        { label: "B", values: [5, 6, 7] },
      ],
      1,
      (i) => `week ${i + 1}`,
      (v) => String(v ?? "—"),
      2,
    );
    expect(text).toBe("Votes for each leader, from week 1 to week 3. On week 2: B 6, A 2.");
  });
});
