import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SimEvent } from "../kernel/events.ts";
import { compareWithRecord, type MatchContext, matches, monthsBetween, summaryLine } from "./compare.ts";
import type { HistoricalEvent, HistoryRecord, MatchSpec } from "./record.ts";

const ctx: MatchContext = { firstCongressNumber: 12, runEnd: "1930-01-01" };

function rec(
  id: string,
  date: string,
  match: MatchSpec,
  extra: Partial<HistoricalEvent> = {},
): HistoricalEvent {
  return { id, date, text: `${id} happens`, source: "k", role: "outcome", match, pick: "first", ...extra };
}
const record = (events: HistoricalEvent[], tolerance = 6): HistoryRecord => ({
  schemaVersion: 1,
  scenario: "s",
  tolerance,
  events,
});
const stroke = (date: string): SimEvent => ({
  type: "incapacitation",
  tick: 0,
  date,
  person: "lenin",
  capacity: 0.2,
  label: null,
});
const congress = (date: string, number: number): SimEvent => ({
  type: "congress",
  tick: 0,
  date,
  body: "congress",
  number,
  delegates: 600,
  members: 1000,
});
const report = (date: string): SimEvent => ({
  type: "vote",
  tick: 0,
  date,
  body: "congress",
  motion: "political-report",
  target: null,
  for: 600,
  against: 10,
  abstain: 0,
  passed: true,
  proposers: ["stalin"],
});
const removal = (date: string, person: string, rung: "politburo" | "expulsion"): SimEvent => ({
  type: "removal",
  tick: 0,
  date,
  person,
  rung,
  kind: rung === "politburo" ? "executive" : "party",
  depth: rung === "politburo" ? 2 : 4,
  lost: [rung],
  by: ["stalin"],
});

describe("setting a run beside the record", () => {
  it("counts whole months between dates, signed", () => {
    expect(monthsBetween("1926-07-23", "1926-07-23")).toBe(0);
    expect(monthsBetween("1926-07-23", "1925-12-21")).toBe(-7);
    expect(monthsBetween("1926-01-01", "1926-03-01")).toBe(2);
    expect(monthsBetween("1926-01-01", "1926-01-14")).toBe(0);
  });

  it("pairs the n-th stroke of the record with the n-th stroke of the run", () => {
    const lenin = { type: "incapacitation", person: "lenin" } as const;
    const cmp = compareWithRecord(
      record([
        rec("s1", "1922-05-26", lenin),
        rec("s2", "1922-12-16", lenin),
        rec("s3", "1923-03-10", lenin),
      ]),
      [stroke("1922-05-22"), stroke("1922-12-11"), stroke("1923-03-05")],
      ctx,
    );
    expect(cmp.rows.map((r) => r.match?.date)).toEqual(["1922-05-22", "1922-12-11", "1923-03-05"]);
    expect(cmp.rows.every((r) => r.verdict === "on-time" && r.months === 0)).toBe(true);
  });

  it("reads congresses by their ordinal and votes by the congress they were held at", () => {
    const events = [
      congress("1923-04-16", 1),
      report("1923-04-16"),
      congress("1924-05-19", 2),
      report("1924-05-19"),
      congress("1925-12-14", 3),
      report("1925-12-14"),
    ];
    const cmp = compareWithRecord(
      record([
        rec("c14", "1925-12-18", { type: "congress", number: 14 }),
        rec("v14", "1925-12-31", { type: "vote", motion: "political-report", congress: 14 }),
      ]),
      events,
      ctx,
    );
    expect(cmp.rows.map((r) => r.match?.index)).toEqual([4, 5]);
    expect(cmp.firstDivergence).toBeNull();
  });

  it("judges early, late and missing against the tolerance, and names the earliest divergence", () => {
    const cmp = compareWithRecord(
      record([
        rec("zin", "1926-07-23", { type: "removal", person: "zinoviev", rung: "politburo" }),
        rec("trot", "1926-10-23", { type: "removal", person: "trotsky", rung: "politburo" }),
        rec("exp", "1927-11-14", { type: "removal", person: "trotsky", rung: "expulsion" }),
        rec(
          "late",
          "1928-01-01",
          { type: "removal", person: "kamenev", rung: "politburo" },
          { tolerance: 12 },
        ),
      ]),
      [
        removal("1924-05-26", "trotsky", "politburo"),
        removal("1926-12-21", "zinoviev", "politburo"),
        removal("1928-12-01", "kamenev", "politburo"),
      ],
      ctx,
    );
    const verdicts = Object.fromEntries(cmp.rows.map((r) => [r.record.id, [r.verdict, r.months]]));
    expect(verdicts).toEqual({
      zin: ["on-time", 5],
      trot: ["early", -29],
      exp: ["missing", null],
      late: ["on-time", 11],
    });
    expect(cmp.firstDivergence?.record.id).toBe("trot");
    expect([cmp.onTime, cmp.outcomes]).toEqual([2, 4]);
    expect(summaryLine(cmp)).toBe(
      "This run diverges from the record first on 23 October 1926: trot happens — 29 months earlier in this run (26 May 1924). 2 of the 4 events the model must produce come within their tolerance of the record.",
    );
  });

  it("leaves scheduled events out of the divergence, and record events after the run out altogether", () => {
    const cmp = compareWithRecord(
      record([
        rec("s1", "1922-05-26", { type: "incapacitation", person: "lenin" }, { role: "input" }),
        rec("after", "1930-06-26", { type: "congress", number: 16 }),
      ]),
      [],
      ctx,
    );
    expect(cmp.rows.map((r) => r.record.id)).toEqual(["s1"]);
    expect(cmp.firstDivergence).toBeNull();
    expect(summaryLine(cmp)).toBe(
      "This run keeps to the record: 0 of the 0 events the model must produce come within 6 months of the record.",
    );
  });

  it("takes the nearest event when asked, for what a run may do several times", () => {
    const formed = (date: string): SimEvent => ({
      type: "alliance-formed",
      tick: 0,
      date,
      members: ["stalin", "bukharin", "rykov"],
      kind: "ruling",
      against: [],
    });
    const spec: MatchSpec = { type: "alliance-formed", kind: "ruling", members: ["stalin", "bukharin"] };
    const events = [formed("1923-01-01"), formed("1925-09-01"), formed("1928-01-01")];
    const first = compareWithRecord(record([rec("a", "1925-07-01", spec)]), events, ctx);
    const nearest = compareWithRecord(
      record([rec("a", "1925-07-01", spec, { pick: "nearest" })]),
      events,
      ctx,
    );
    expect(first.rows[0]!.match?.date).toBe("1923-01-01");
    expect(nearest.rows[0]!.match?.date).toBe("1925-09-01");
  });

  // Random runs and records from a small vocabulary: the pairing is one-to-one, every pair truly matches,
  // and a record event is left unpaired only when every run event that could stand for it is taken.
  it("pairs one to one, only matching events, and misses an event only when every candidate is taken", () => {
    const people = ["a", "b", "c"];
    const rungs = ["politburo", "expulsion"] as const;
    const day = fc
      .integer({ min: 0, max: 2500 })
      .map((d) => new Date(Date.UTC(1922, 0, 1 + d)).toISOString().slice(0, 10));
    const runEvent = fc
      .tuple(day, fc.constantFrom(...people), fc.constantFrom(...rungs))
      .map(([date, p, rung]) => removal(date, p, rung));
    const recordEvent = fc
      .tuple(
        day,
        fc.option(fc.constantFrom(...people), { nil: undefined }),
        fc.constantFrom(...rungs),
        fc.boolean(),
      )
      .map(([date, person, rung, nearest]) =>
        rec(`e-${date}`, date, { type: "removal", person, rung }, { pick: nearest ? "nearest" : "first" }),
      );
    fc.assert(
      fc.property(
        fc.array(runEvent, { maxLength: 12 }),
        fc.array(recordEvent, { minLength: 1, maxLength: 8 }),
        (run, recs) => {
          const events = [...run].sort((x, y) => x.date.localeCompare(y.date));
          const cmp = compareWithRecord(record(recs), events, { firstCongressNumber: 1 });
          const used = cmp.rows.flatMap((r) => (r.match ? [r.match.index] : []));
          expect(new Set(used).size).toBe(used.length);
          for (const row of cmp.rows) {
            if (row.match) {
              expect(matches(events[row.match.index]!, row.record.match, null, ctx)).toBe(true);
              expect(row.months).toBe(monthsBetween(row.record.date, row.match.date));
            } else {
              const candidates = events.flatMap((e, k) =>
                matches(e, row.record.match, null, ctx) ? [k] : [],
              );
              for (const k of candidates) expect(used).toContain(k);
            }
          }
        },
      ),
    );
  });
});
