/** Summaries on synthetic rows with known answers: shares, paired effects, Shapley values, order independence. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { planAttribution, planMonteCarlo, planWhatIf } from "./plan.ts";
import { summarize } from "./summarize.ts";
import { fakeRows } from "./testing.ts";
import type { FactorGroup, Question } from "./types.ts";

const question: Question = { text: "q", leader: "a", by: "2002-01-01" };
const scenario = bolshevikScenario();
const base = { scenario, seed: 1, replicates: 10, question };

function group(id: string, path: string): FactorGroup {
  return { id, label: id, description: id, mechanisms: [], sources: [], off: [{ path, value: false }] };
}
const groups = [
  group("g0", "mechanisms.patronage.enabled"),
  group("g1", "mechanisms.files.enabled"),
  group("g2", "mechanisms.information.enabled"),
];

describe("summarize", () => {
  it("Monte Carlo: the share of yes answers with a Wilson interval", () => {
    const plan = planMonteCarlo(base);
    const s = summarize(
      plan,
      fakeRows(1, 10, (_, r) => r < 7),
    );
    if (s.kind !== "mc") throw new Error("kind");
    expect(s.baseline.yes.k).toBe(7);
    expect(s.baseline.yes.share).toBeCloseTo(0.7);
    expect(s.baseline.yes.lo).toBeLessThan(0.7);
    expect(s.baseline.yes.hi).toBeGreaterThan(0.7);
    expect(s.baseline.outcomes.map((o) => o.label)).toEqual(["sole leader: a", "collective"]);
  });

  it("a yes after the question's date does not count", () => {
    const plan = planMonteCarlo({ ...base, question: { ...question, by: "2001-01-01" } });
    const s = summarize(
      plan,
      fakeRows(1, 10, () => true),
    );
    if (s.kind !== "mc") throw new Error("kind");
    expect(s.baseline.yes.k).toBe(0);
  });

  it("what-if: the effect is paired by seed and stays inside [-1, 1]", () => {
    const plan = planWhatIf({ ...base, sets: [{ path: "mechanisms.patronage.enabled", value: false }] });
    const s = summarize(
      plan,
      fakeRows(2, 10, (v) => v === 0),
    );
    if (s.kind !== "whatif") throw new Error("kind");
    expect(s.effect.value).toBe(-1);
    expect(s.effect.lo).toBeGreaterThanOrEqual(-1);
    expect(s.effect.n).toBe(10);
  });

  it("attribution: two factors both needed share the effect; a dummy factor gets nothing", () => {
    const plan = planAttribution({ ...base, groups });
    const s = summarize(
      plan,
      fakeRows(8, 10, (mask) => (mask & 3) === 3),
    );
    if (s.kind !== "attribute") throw new Error("kind");
    expect(s.factors.map((f) => f.shapley.value)).toEqual([0.5, 0.5, 0]);
    expect(s.factors[0]!.without.share).toBe(0);
    expect(s.factors[2]!.without.share).toBe(1);
    expect(s.baseline.yes.share).toBe(1);
    expect(s.none.share).toBe(0);
    expect(s.factors[0]!.shareOfEffect).toBeCloseTo(0.5);
    expect(s.combinations).toHaveLength(8);
  });

  it("attribution uses only replicates where every combination has run", () => {
    const plan = planAttribution({ ...base, groups });
    const rows = fakeRows(8, 10, (mask) => (mask & 1) === 1).filter((r) => r.index < 8 * 6 + 3);
    const s = summarize(plan, rows);
    if (s.kind !== "attribute") throw new Error("kind");
    expect(s.replicates).toBe(6);
    expect(s.factors[0]!.shapley.value).toBeCloseTo(1);
  });

  it("Shapley values sum to all-present minus none-present, and rows in any order give the same bytes", () => {
    const plan = planAttribution({ ...base, groups });
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
        fc.array(fc.nat(), { minLength: 80, maxLength: 80 }),
        (answers, keys) => {
          const rows = fakeRows(8, 10, (v, r) => answers[r * 8 + v]!);
          const s = summarize(plan, rows);
          if (s.kind !== "attribute") return false;
          const total = s.factors.reduce((a, f) => a + f.shapley.value, 0);
          expect(total).toBeCloseTo(s.baseline.yes.share - s.none.share, 9);
          const shuffled = rows
            .map((r, i) => ({ r, k: keys[i]! }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.r);
          expect(JSON.stringify(summarize(plan, shuffled))).toBe(JSON.stringify(s));
          return true;
        },
      ),
      { numRuns: 50 },
    );
  });
});
