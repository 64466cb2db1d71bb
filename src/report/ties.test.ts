/** Ties stated as ties: which estimates the runs can tell apart, and the rank labels that follow. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clearlyAhead, rankLabels, tied } from "./ties.ts";

const e = (value: number, half: number) => ({ value, lo: value - half, hi: value + half });

describe("tied", () => {
  it("ties equal values, and values each inside the other's interval", () => {
    expect(tied(e(0.227, 0.032), e(0.227, 0.032))).toBe(true);
    expect(tied(e(0.227, 0.032), e(0.21, 0.03))).toBe(true);
    expect(tied(e(0.276, 0.037), e(0.204, 0.036))).toBe(false);
    // Overlapping intervals with one value outside the other's: not tied, yet not clearly apart either.
    expect(tied(e(0.38, 0.07), e(0.3, 0.02))).toBe(false);
    expect(clearlyAhead(e(0.38, 0.07), e(0.3, 0.02))).toBe(false);
    expect(clearlyAhead(e(0.38, 0.03), e(0.3, 0.02))).toBe(true);
  });

  it("without intervals ties only equal values", () => {
    const none = (v: number) => ({ value: v, lo: Number.NaN, hi: Number.NaN });
    expect(tied(none(0.25), none(0.25))).toBe(true);
    expect(tied(none(0.25), none(0.2))).toBe(false);
  });

  it("is symmetric", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (a, ha, b, hb) => tied(e(a, ha), e(b, hb)) === tied(e(b, hb), e(a, ha)),
      ),
    );
  });
});

describe("rankLabels", () => {
  it("gives tied estimates one shared rank", () => {
    expect(
      rankLabels([e(0.227, 0.032), e(0.227, 0.032), e(0.167, 0.035), e(0.159, 0.035), e(-0.02, 0.03)]),
    ).toEqual(["=1", "=1", "=3", "=3", "5"]);
    expect(rankLabels([e(0.5, 0.01), e(0.3, 0.01), e(0.1, 0.01)])).toEqual(["1", "2", "3"]);
    expect(rankLabels([])).toEqual([]);
  });
});
