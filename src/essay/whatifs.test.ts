/** The essay's what-ifs as one design: the plan's variants, and paired figures from constructed rows. */
import { describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import type { EssayWhatIf } from "../experiments/essay.ts";
import { fakeRows } from "../experiments/testing.ts";
import { planEssayWhatIfs, whatIfFigures } from "./whatifs.ts";

const whatifs: EssayWhatIf[] = [
  {
    id: "w1",
    label: "one",
    meaning: "m1",
    kind: "whole-post",
    newHolder: "b",
    set: [{ path: "x.y", value: "b" }],
  },
  { id: "w2", label: "two", meaning: "m2", kind: "post", set: [{ path: "x.z", value: 1 }] },
];

describe("planEssayWhatIfs", () => {
  it("plans the baseline and one variant per what-if, labelled, on the same seeds", () => {
    const plan = planEssayWhatIfs(
      {
        scenario: bolshevikScenario(),
        seed: 7,
        replicates: 3,
        question: { text: "q", leader: "stalin", by: "1930-01-01" },
      },
      [
        { ...whatifs[0]!, set: [{ path: "offices.general-secretary.holder", value: "zinoviev" }] },
        { ...whatifs[1]!, set: [{ path: "mechanisms.offices.params.combine", value: "strongest" }] },
      ],
    );
    expect(plan.variants.map((v) => v.label)).toEqual(["baseline", "one", "two"]);
    expect(plan.variants[0]!.sets).toEqual([]);
    expect(plan.variants[1]!.sets).toEqual([{ path: "offices.general-secretary.holder", value: "zinoviev" }]);
  });
});

describe("whatIfFigures", () => {
  const plan = { question: { text: "q", leader: "a", by: "2002-01-01" } } as Parameters<
    typeof whatIfFigures
  >[0];

  it("pairs each what-if with the baseline seed by seed", () => {
    // Baseline yes on every seed; what-if one never; what-if two on seeds 0 and 1 of 4.
    const rows = fakeRows(3, 4, (v, r) => v === 0 || (v === 2 && r < 2));
    const f = whatIfFigures(plan, rows, whatifs);
    expect(f.pairedRuns).toBe(4);
    expect(f.baseline.share).toBe(1);
    expect(f.whatIfs[0]!.chance.share).toBe(0);
    expect(f.whatIfs[0]!.effect.value).toBe(-1);
    expect(f.whatIfs[1]!.effect.value).toBe(-0.5);
    // Four runs that all agree still give an interval, not a point.
    expect(f.whatIfs[0]!.effect.hi - f.whatIfs[0]!.effect.lo).toBeGreaterThan(0.3);
    expect(f.whatIfs[0]!.newHolder!.sole.share).toBe(0);
  });

  it("leaves out seeds where a variant has not run", () => {
    const rows = fakeRows(3, 4, () => true).filter((r) => !(r.replicate === 3 && r.variant === 1));
    expect(whatIfFigures(plan, rows, whatifs).pairedRuns).toBe(3);
  });
});
