import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ANCHOR, HEIGHT, NetworkLayout, WIDTH } from "./networkLayout.ts";

const LEADERS = ["a", "b", "c", "d", "e"];
const REGIONS = Array.from({ length: 16 }, (_, i) => `r${i}`);

/** A week's links: region i follows leader patron[i] (-1: no leader, drawn to the anchor). */
function week(patron: number[]) {
  return patron.map((p, i) => ({ region: REGIONS[i]!, target: p < 0 ? ANCHOR : LEADERS[p]!, control: 0.6 }));
}
const radii = new Map([...LEADERS.map((id) => [id, 18] as const), ...REGIONS.map((id) => [id, 9] as const)]);
const dist = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y);

describe("the network layout", () => {
  const weeks = fc.array(
    fc.array(fc.integer({ min: -1, max: LEADERS.length - 1 }), { minLength: 16, maxLength: 16 }),
    {
      minLength: 1,
      maxLength: 4,
    },
  );

  it("keeps every node inside the panel, and the same weeks give the same pictures", () => {
    fc.assert(
      fc.property(weeks, (ws) => {
        const one = new NetworkLayout(LEADERS, REGIONS);
        const two = new NetworkLayout(LEADERS, REGIONS);
        for (const w of ws) {
          const p = one.step(radii, week(w), 40);
          expect(two.step(radii, week(w), 40)).toEqual(p);
          for (const { x, y } of Object.values(p)) {
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThanOrEqual(WIDTH);
            expect(y).toBeGreaterThanOrEqual(0);
            expect(y).toBeLessThanOrEqual(HEIGHT);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it("draws each region nearer its own leader than the other leaders, on average", () => {
    const patron = REGIONS.map((_, i) => (i < 10 ? 0 : i % 4));
    const p = new NetworkLayout(LEADERS, REGIONS).step(radii, week(patron));
    let own = 0;
    let others = 0;
    patron.forEach((l, i) => {
      const r = p[REGIONS[i]!]!;
      own += dist(r, p[LEADERS[l]!]!);
      others +=
        LEADERS.filter((_, k) => k !== l).reduce((a, id) => a + dist(r, p[id]!), 0) / (LEADERS.length - 1);
    });
    expect(own).toBeLessThan(0.6 * others);
  });

  it("holds each named official next to his patron, nearer him than any other leader", () => {
    const officials = ["o0", "o1", "o2", "o3", "o4", "o5"];
    const patronOf = [0, 0, 1, 2, 3, 4];
    const layout = new NetworkLayout(LEADERS, REGIONS, officials);
    const links = officials.map((o, k) => ({ official: o, target: LEADERS[patronOf[k]!]! }));
    const r = new Map([...radii, ...officials.map((o) => [o, 4] as const)]);
    const p = layout.step(r, week(REGIONS.map((_, i) => i % 5)), 80, links);
    officials.forEach((o, k) => {
      const own = dist(p[o]!, p[LEADERS[patronOf[k]!]!]!);
      for (const [j, l] of LEADERS.entries())
        if (j !== patronOf[k]) expect(own).toBeLessThan(dist(p[o]!, p[l]!));
    });
  });
});
