import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Change } from "../../src/server/contract.ts";
import { readRoute, TABS } from "./route.ts";

/** The hash writeRoute writes for a route (the same construction, without touching window). */
function hashOf(tab: string, seed: number | null, changes: Change[]): string {
  const params = new URLSearchParams();
  if (seed !== null) params.set("seed", String(seed));
  for (const c of changes) params.append("set", `${c.path}=${String(c.value)}`);
  const q = params.toString();
  return `#${tab}${q ? `?${q}` : ""}`;
}

describe("shareable links", () => {
  it("read back the tab, seed and changes they were written with", () => {
    const change = fc.record({
      path: fc.stringMatching(/^[a-z][a-zA-Z0-9.-]{0,30}$/),
      value: fc.oneof(
        fc.boolean(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...TABS),
        fc.option(fc.nat(), { nil: null }),
        fc.array(change, { maxLength: 5 }),
        (tab, seed, changes) => {
          const r = readRoute(hashOf(tab, seed, changes));
          expect(r.tab).toBe(tab);
          expect(r.seed).toBe(seed);
          expect(r.changes).toEqual(
            changes.map((c) => ({ path: c.path, value: Object.is(c.value, -0) ? 0 : c.value })),
          );
        },
      ),
    );
  });

  it("fall back to the replay tab, and ignore bad seeds and changes without a value", () => {
    expect(readRoute("#nowhere?seed=abc&set=novalue")).toEqual({
      tab: "replay",
      seed: null,
      scenario: null,
      changes: [],
    });
    expect(readRoute("")).toMatchObject({ tab: "replay", seed: null });
    expect(readRoute("#counterfactuals?set=offices.general-secretary.holder%3Dsomeone").changes).toEqual([
      { path: "offices.general-secretary.holder", value: "someone" },
    ]);
  });

  it("carry a game in the Play tab: the leader and the moves so far", () => {
    const moves = JSON.stringify([{ kind: "wait" }, { kind: "motion", target: "b" }]);
    const r = readRoute(`#play?seed=3&as=a&moves=${encodeURIComponent(moves)}`);
    expect(r.tab).toBe("play");
    expect(r.seed).toBe(3);
    expect(r.play).toEqual({ as: "a", moves });
    expect(readRoute("#play?seed=3").play).toBeUndefined();
  });
});
