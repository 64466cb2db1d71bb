import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevik } from "../../test/fixtures.ts";
import { runScenario } from "../kernel/engine.ts";
import { recordReplay } from "./timeline.ts";

const UNTIL = "1925-06-01";

describe("recordReplay", () => {
  it("leaves the run itself byte-identical to runScenario", () => {
    const sc = bolshevik();
    const replay = recordReplay(sc, { seed: 4, until: UNTIL });
    expect(JSON.stringify(replay.result)).toBe(JSON.stringify(runScenario(sc, { seed: 4, until: UNTIL })));
  });

  it("records one network frame per tick, consistent with the run's own series", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const sc = bolshevik();
        const { result, network } = recordReplay(sc, { seed, until: "1923-06-01" });
        const ticks = result.series.dates.length;
        const leaders = network.leaders.length;
        expect(network.leaders.map((l) => l.id)).toEqual(Object.keys(result.series.leaders));
        for (const table of [
          network.patron,
          network.members,
          network.control,
          network.secretary,
          network.officialPatron,
          network.officialStanding,
        ])
          expect(table).toHaveLength(ticks);
        for (let t = 0; t < ticks; t++) {
          const patron = network.patron[t]!;
          expect(patron).toHaveLength(network.regions.length);
          for (const p of patron) expect(p >= -1 && p < leaders).toBe(true);
          for (const c of network.control[t]!) expect(c >= 0 && c <= 1).toBe(true);
          expect(network.officialPatron[t]).toHaveLength(network.officials.length);
          for (const p of network.officialPatron[t]!) expect(p >= -1 && p < leaders).toBe(true);
          for (const r of network.officialStanding[t]!) expect(Number.isInteger(r) && r >= -1).toBe(true);
          // Members conserve: the regions add up to the party (each region rounded once).
          const sum = network.members[t]!.reduce((a, b) => a + b, 0);
          expect(Math.abs(sum - result.series.members[t]!)).toBeLessThanOrEqual(network.regions.length);
          // A region answers to a leader exactly as the run counts that leader's clients.
          const regionsOf = new Array<number>(leaders).fill(0);
          for (const p of patron) if (p >= 0) regionsOf[p]!++;
          network.leaders.forEach((l, k) => {
            expect(result.series.leaders[l.id]!.clients[t]!).toBeGreaterThanOrEqual(regionsOf[k]!);
          });
        }
      }),
      { numRuns: 4 },
    );
  });

  it("gives the same bytes for the same seed, and a different network for another", () => {
    const sc = bolshevik();
    const a = JSON.stringify(recordReplay(sc, { seed: 9, until: UNTIL }));
    expect(JSON.stringify(recordReplay(sc, { seed: 9, until: UNTIL }))).toBe(a);
    const changed = recordReplay(bolshevik({ "mechanisms.patronage.enabled": false }), {
      seed: 9,
      until: UNTIL,
    });
    expect(JSON.stringify(changed.network.patron)).not.toBe(JSON.stringify(JSON.parse(a).network.patron));
  });

  it("draws the named officials: every one once, a removal event matched by his standing, a death by -1", () => {
    const sc = bolshevik();
    const { result, network } = recordReplay(sc, { seed: 3 });
    const officials = sc.people.filter((p) => !p.isLeader);
    expect(network.officials.map((o) => o.id)).toEqual(officials.map((o) => o.id));
    expect(network.officials.length).toBeGreaterThan(10);
    const last = network.officialStanding.length - 1;
    const ids = new Set(officials.map((o) => o.id));
    let checked = 0;
    for (const e of result.events) {
      if (!("person" in e) || !ids.has(e.person as string)) continue;
      const k = network.officials.findIndex((o) => o.id === e.person);
      const t = result.series.dates.findIndex((d) => d >= e.date);
      if (t < 0) continue;
      if (e.type === "death") {
        expect(network.officialStanding[last]![k]).toBe(-1);
        checked++;
      } else if (e.type === "removal") {
        // From the week of his removal he stands at least one step down (or has died since).
        const s = network.officialStanding[Math.min(last, t)]![k]!;
        expect(s === -1 || s >= 1).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    // At the start each official is drawn with the patron the scenario gives him, where that is a leader.
    const leaderIds = network.leaders.map((l) => l.id);
    officials.forEach((o, k) => {
      const patron = o.patron >= 0 ? sc.people[o.patron]!.id : null;
      const expected = patron ? leaderIds.indexOf(patron) : -1;
      expect(network.officialPatron[0]![k]).toBe(expected);
    });
  });
});
