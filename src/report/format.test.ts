/**
 * The shared formats and the generated answer: numbers keep one decimal and their intervals, and each
 * sentence of the answer follows from the figures (ranking settled or not, effects indistinguishable from
 * zero, factors that lower the chance), so no conclusion is written in advance.
 */
import { describe, expect, it } from "vitest";
import { makeInput, SPECS, type Spec } from "./fixture.test-helpers.ts";
import {
  allSources,
  answer,
  estimateText,
  pp,
  ranked,
  type Segment,
  shareOfEffectText,
  shareText,
  valueText,
} from "./format.ts";
import type { ReportInput } from "./types.ts";

const plain = (input: ReportInput) =>
  answer(input)
    .map((s: Segment[]) => s.map((x) => (typeof x === "string" ? x : x.strong)).join(""))
    .join(" ");

const withSpecs = (f: (s: Spec) => Spec) => makeInput(SPECS.map(f));

describe("number formats", () => {
  it("write shares and Shapley values in percent with one decimal and their 95 % intervals", () => {
    expect(shareText({ share: 0.87, lo: 0.82, hi: 0.91, n: 400 })).toBe("87.0 % [82.0, 91.0]");
    expect(estimateText({ value: 0.38, lo: 0.31, hi: 0.45 })).toBe("+38.0 pp [31.0, 45.0]");
    expect(estimateText({ value: -0.02, lo: -0.05, hi: 0.01 })).toBe("-2.0 pp [-5.0, 1.0]");
    expect(pp(-0.0001)).toBe("0.0");
    expect(shareOfEffectText(0.447)).toBe("45 %");
    expect(shareOfEffectText(null)).toBe("–");
    expect(valueText("off")).toBe('"off"');
    expect(valueText(undefined)).toBe("undefined");
  });
});

describe("the short answer", () => {
  it("names the top factor with its value, interval, share, and the baseline and none chances", () => {
    const text = plain(makeInput());
    expect(text).toContain(
      "Of the five factors tested, The General Secretary's control of appointments ranks first.",
    );
    expect(text).toContain("by 38.0 percentage points on average (95 % interval 31.0 to 45.0), 45 % of");
    expect(text).toContain("87.0 % of runs (82.0 to 91.0 %)");
    expect(text).toContain("with none of them, in 2.0 %");
    expect(text).toContain("ranks first clearly");
  });

  it("says which effects cannot be told apart from zero", () => {
    expect(plain(makeInput())).toContain(
      "The effect of Chance: Lenin's illness and timing cannot be told apart from zero",
    );
    const text = plain(withSpecs(([id, l, v, h]) => (id === "skill" ? [id, l, 0.02, 0.05] : [id, l, v, h])));
    expect(text).toMatch(
      /The effects of Chance: Lenin's illness and timing and Stalin's political skill cannot be told apart from zero/,
    );
  });

  it("says when a factor lowers the chance", () => {
    const text = plain(withSpecs(([id, l, v, h]) => (id === "chance" ? [id, l, -0.1, 0.03] : [id, l, v, h])));
    expect(text).toContain("Chance: Lenin's illness and timing lowers the chance");
  });

  it("does not claim a rise when no factor raises the chance", () => {
    const text = plain(withSpecs(([id, l]) => [id, l, -0.05, 0.02]));
    expect(text).toMatch(/^None of the five factors tested raises the chance/);
    expect(text).not.toContain("ranks first");
  });

  it("states a tie for first as a tie, not as a ranking", () => {
    const text = plain(withSpecs(([id, l, v, h]) => (id === "opponents" ? [id, l, 0.38, h] : [id, l, v, h])));
    expect(text).toMatch(
      /^Of the five factors tested, The General Secretary's control of appointments is tied first with Divided opponents \(Trotsky \| Zinoviev \| Kamenev\): adding any one of them raises the chance .* by 38\.0 percentage points/,
    );
    expect(text).not.toContain("ranks first");
  });

  it("warns before anything else when each combination ran too few times, and gives no interval for one run", () => {
    const few = makeInput();
    few.experiment = { ...few.experiment, replicates: 2 };
    expect(plain(few)).toMatch(
      /^Each combination of factors ran only 2 times, fewer than 30: too few to rank/,
    );
    expect(plain(makeInput())).not.toContain("too few");
    const one = makeInput();
    one.experiment = { ...one.experiment, replicates: 1 };
    one.factors[0]!.shapley = { value: 0.25, lo: Number.NaN, hi: Number.NaN };
    expect(plain(one)).toContain("by 25.0 percentage points on average (too few runs for an interval)");
    expect(estimateText(one.factors[0]!.shapley)).toBe("+25.0 pp [no interval]");
  });

  it("copes with no factors", () => {
    const text = plain({ ...makeInput(), factors: [] });
    expect(text).toContain("No factors were tested");
  });
});

describe("ranking and sources", () => {
  it("ranks by Shapley value even if the input is not sorted", () => {
    const input = makeInput();
    const shuffled = { ...input, factors: [...input.factors].reverse() };
    expect(ranked(shuffled).map((f) => f.id)).toEqual(input.factors.map((f) => f.id));
  });

  it("lists every source once, adding keys cited by factors but missing from the list", () => {
    const input = makeInput();
    const cut = { ...input, sources: input.sources.slice(0, 1) };
    const keys = allSources(cut).map((s) => s.key);
    expect(new Set(keys).size).toBe(keys.length);
    const cited = input.factors.flatMap((f) => [
      ...f.mechanisms.flatMap((m) => m.evidence.map((e) => e.source)),
      ...f.sources.map((s) => s.key),
    ]);
    expect(keys.sort()).toEqual([...new Set([input.sources[0]!.key, ...cited])].sort());
  });
});
