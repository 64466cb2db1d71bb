/**
 * Scoring against hand-made, synthetic run results: every kind of target must pass when the run matches and
 * miss, with the right reason, when it does not. People and dates here are made up.
 */
import { describe, expect, it } from "vitest";
import type { RunResult } from "../kernel/engine.ts";
import type { SimEvent } from "../kernel/events.ts";
import type { Outcome } from "../kernel/outcome.ts";
import type { LeaderSeries } from "../kernel/series.ts";
import { wilson } from "../stats/intervals.ts";
import {
  aggregate,
  firstDivergence,
  formatNumber,
  scoreRun,
  scoreTarget,
  type TargetResult,
} from "./score.ts";
import { type Target, targetSchema } from "./targets.ts";

const DATES = ["2001-01-01", "2001-01-08", "2001-01-15", "2001-01-22"];

function leader(politburo: number[]): LeaderSeries {
  const zeros = politburo.map(() => 0);
  return {
    offices: zeros,
    politburo,
    committeeVotes: zeros,
    congressVotes: zeros,
    clients: zeros,
    perceivedPower: zeros,
    realPower: zeros,
    side: zeros,
  };
}

/** A tiny run: four weekly rows, the given events and outcome. */
function run(
  events: SimEvent[] = [],
  outcome?: Partial<Outcome>,
  leaders: Record<string, LeaderSeries> = {},
): RunResult {
  let tick = 0;
  return {
    format: { output: 1, events: 1 },
    scenario: { id: "toy", title: "Toy" },
    ladder: LADDER,
    seed: 1,
    until: DATES.at(-1)!,
    outcome: { kind: "none", leader: null, date: null, rulingCoalition: [], ...outcome },
    events: events.map((e) => ({ ...e, tick: tick++ })),
    series: {
      dates: DATES,
      members: [100, 200, 300, 400],
      committeeSize: [10, 12, 14, 16],
      politburoSize: [5, 5, 7, 7],
      leaders,
    },
  };
}

/** The toy runs' ladder. */
const LADDER = ["office", "politburo", "central-committee", "expulsion", "internal-exile", "deportation"];

const removal = (date: string, person: string, rung: string): SimEvent => ({
  tick: 0,
  date,
  type: "removal",
  person,
  rung,
  kind: "office",
  depth: LADDER.indexOf(rung) + 1,
  lost: [],
  by: ["x"],
});
const death = (date: string, person: string, cause: "natural" | "scheduled" = "natural"): SimEvent => ({
  tick: 0,
  date,
  type: "death",
  person,
  cause,
  label: null,
});
const vote = (
  date: string,
  motion: string,
  f: number,
  a: number,
  abstain = 0,
  body = "congress",
): SimEvent => ({
  tick: 0,
  date,
  type: "vote",
  body,
  motion,
  target: null,
  for: f,
  against: a,
  abstain,
  passed: f > a,
  proposers: [],
});

const common = { label: "a target", source: "K" };
const target = (t: Record<string, unknown>): Target => targetSchema.parse({ ...common, ...t });

describe("series-at", () => {
  const tol = target({
    id: "m",
    kind: "series-at",
    series: "members",
    date: "2001-01-16",
    value: 250,
    tolerance: 0.2,
  });

  it("reads the last row on or before the date and passes within the tolerance, bounds included", () => {
    // 2001-01-16 falls between rows: the row of 2001-01-15 (300) is read; 250 x 1.2 = 300 is the upper bound.
    const r = scoreTarget(run(), tol);
    expect(r).toMatchObject({ id: "m", passed: true, reason: null });
    expect(r.detail).toContain("members 300 on 2001-01-15");
  });

  it("misses above and below the tolerance", () => {
    expect(scoreTarget(run(), { ...tol, value: 240 } as Target)).toMatchObject({
      passed: false,
      reason: "high",
    });
    expect(scoreTarget(run(), { ...tol, value: 400 } as Target)).toMatchObject({
      passed: false,
      reason: "low",
    });
  });

  it("passes inside a range and misses outside it", () => {
    const pb = target({
      id: "p",
      kind: "series-at",
      series: "politburoSize",
      date: "2001-01-22",
      value: 7,
      range: [6, 8],
    });
    expect(scoreTarget(run(), pb).passed).toBe(true);
    const early = target({
      id: "p",
      kind: "series-at",
      series: "politburoSize",
      date: "2001-01-08",
      value: 7,
      range: [6, 8],
    });
    expect(scoreTarget(run(), early)).toMatchObject({ passed: false, reason: "low" });
  });

  it("misses with no-data when the date is before the first row", () => {
    const before = target({
      id: "c",
      kind: "series-at",
      series: "committeeSize",
      date: "2000-12-31",
      value: 10,
      tolerance: 0.5,
    });
    expect(scoreTarget(run(), before)).toMatchObject({ passed: false, reason: "no-data" });
  });
});

describe("vote-share", () => {
  const t = target({
    id: "v",
    kind: "vote-share",
    body: "congress",
    motion: "political-report",
    window: ["2001-01-05", "2001-01-20"],
    date: "2001-01-15",
    value: 0.1,
    range: [0.05, 0.2],
  });

  it("judges the first matching vote in the window, on votes cast including abstentions", () => {
    const events = [
      vote("2001-01-01", "political-report", 0, 100), // before the window
      vote("2001-01-08", "enlarge-committee", 0, 100), // another motion
      vote("2001-01-08", "political-report", 50, 50, 0, "committee"), // another body
      vote("2001-01-08", "political-report", 80, 10, 10), // 10 of 100 cast
      vote("2001-01-15", "political-report", 0, 100), // a later one is ignored
    ];
    const r = scoreTarget(run(events), t);
    expect(r).toMatchObject({ passed: true, reason: null });
    expect(r.detail).toContain("10 of 100 against (10.0%)");
  });

  it("misses high, low, and with no vote in the window or no votes cast", () => {
    expect(scoreTarget(run([vote("2001-01-08", "political-report", 60, 40)]), t).reason).toBe("high");
    expect(scoreTarget(run([vote("2001-01-08", "political-report", 99, 1)]), t).reason).toBe("low");
    expect(scoreTarget(run([vote("2001-01-22", "political-report", 90, 10)]), t).reason).toBe("no-vote");
    expect(scoreTarget(run([vote("2001-01-08", "political-report", 0, 0)]), t).reason).toBe("no-vote");
  });

  it("takes both bounds as inclusive", () => {
    const zero = { ...t, range: [0, 0.02] } as Target;
    expect(scoreTarget(run([vote("2001-01-08", "political-report", 98, 2)]), zero).passed).toBe(true);
    expect(scoreTarget(run([vote("2001-01-08", "political-report", 97, 3)]), zero).passed).toBe(false);
  });
});

describe("removal-by", () => {
  const t = target({
    id: "r",
    kind: "removal-by",
    person: "ann",
    rung: "politburo",
    notBefore: "2001-01-05",
    date: "2001-01-20",
  });

  it("passes when the person loses the rung inside the window", () => {
    const r = scoreTarget(
      run([removal("2001-01-03", "ann", "office"), removal("2001-01-10", "ann", "politburo")]),
      t,
    );
    expect(r).toMatchObject({ passed: true, reason: null });
    expect(r.detail).toContain("ann reached the politburo step on 2001-01-10");
  });

  it("counts a removal further down the ladder (a step the person did not hold is skipped)", () => {
    const r = scoreTarget(run([removal("2001-01-10", "ann", "central-committee")]), t);
    expect(r.passed).toBe(true);
    expect(r.detail).toContain("pushed past the politburo step (to central-committee)");
  });

  it("ignores other people and shallower rungs", () => {
    const r = scoreTarget(
      run([removal("2001-01-10", "bob", "politburo"), removal("2001-01-10", "ann", "office")]),
      t,
    );
    expect(r).toMatchObject({ passed: false, reason: "never" });
  });

  it("judges the first loss: too early, too late", () => {
    // Lost early, back again (say, readmitted), lost again in the window: still early.
    const early = run([removal("2001-01-01", "ann", "politburo"), removal("2001-01-10", "ann", "politburo")]);
    expect(scoreTarget(early, t).reason).toBe("early");
    expect(scoreTarget(run([removal("2001-01-22", "ann", "politburo")]), t).reason).toBe("late");
  });

  it("fails, saying so, when the person died before losing the rung", () => {
    const r = scoreTarget(run([death("2001-01-08", "ann")]), t);
    expect(r).toMatchObject({ passed: false, reason: "died" });
    expect(r.detail).toContain("ann died (natural) on 2001-01-08");
    // A death after the removal changes nothing.
    expect(
      scoreTarget(run([removal("2001-01-10", "ann", "politburo"), death("2001-01-15", "ann")]), t).passed,
    ).toBe(true);
    // A death after the deadline is not the reason: the person simply was not removed in time.
    expect(scoreTarget(run([death("2001-01-22", "ann")]), t).reason).toBe("never");
  });
});

describe("order", () => {
  const t = target({
    id: "o",
    kind: "order",
    rung: "politburo",
    before: ["a1", "a2"],
    after: ["b1", "b2"],
    date: "2001-01-20",
  });
  const seat = {
    a1: leader([2, 2, 0, 0]),
    a2: leader([2, 0, 0, 0]),
    b1: leader([2, 2, 2, 2]),
    b2: leader([0, 0, 0, 0]),
  };

  it("passes when everyone of the first group loses the rung before anyone of the second", () => {
    const r = scoreTarget(
      run([
        removal("2001-01-03", "a2", "politburo"),
        removal("2001-01-10", "a1", "politburo"),
        removal("2001-01-15", "b1", "politburo"),
      ]),
      t,
    );
    expect(r).toMatchObject({ passed: true, reason: null });
  });

  it("misses when someone of the second group goes first", () => {
    const r = scoreTarget(
      run([
        removal("2001-01-03", "a2", "politburo"),
        removal("2001-01-08", "b2", "central-committee"),
        removal("2001-01-10", "a1", "politburo"),
      ]),
      t,
    );
    expect(r).toMatchObject({ passed: false, reason: "out-of-order" });
    expect(r.detail).toContain("b2 was pushed past the politburo step");
  });

  it("orders removals of the same day by the event log", () => {
    const same = (first: string, second: string) =>
      scoreTarget(
        run([
          removal("2001-01-03", "a2", "politburo"),
          removal("2001-01-10", first, "politburo"),
          removal("2001-01-10", second, "politburo"),
        ]),
        t,
      ).passed;
    expect(same("a1", "b1")).toBe(true);
    expect(same("b1", "a1")).toBe(false);
  });

  it("counts a second-group person who never loses it by the date as after the end, and says when he never had a seat", () => {
    const events = [
      removal("2001-01-03", "a2", "politburo"),
      removal("2001-01-10", "a1", "politburo"),
      removal("2001-01-22", "b1", "politburo"),
    ];
    const r = scoreTarget(run(events, {}, seat), t);
    expect(r.passed).toBe(true);
    expect(r.detail).toContain("none of b1, b2 reached it by 2001-01-20");
    expect(r.detail).toContain("b2 never held a seat");
  });

  it("misses when someone of the first group never loses it, or died first", () => {
    expect(scoreTarget(run([removal("2001-01-03", "a2", "politburo")]), t)).toMatchObject({
      passed: false,
      reason: "never",
    });
    // Lost it, but after the date: the same as never.
    expect(
      scoreTarget(
        run([removal("2001-01-03", "a2", "politburo"), removal("2001-01-22", "a1", "politburo")]),
        t,
      ).reason,
    ).toBe("never");
    const died = scoreTarget(run([removal("2001-01-03", "a2", "politburo"), death("2001-01-08", "a1")]), t);
    expect(died).toMatchObject({ passed: false, reason: "died" });
    expect(died.detail).toContain("a1 died (natural)");
  });
});

describe("sole-leader", () => {
  const t = target({ id: "s", kind: "sole-leader", leader: "ann", date: "2001-01-20" });

  it("passes when the outcome names the leader as sole leader from a date on or before the deadline", () => {
    expect(scoreTarget(run([], { kind: "sole-leader", leader: "ann", date: "2001-01-20" }), t).passed).toBe(
      true,
    );
  });

  it("misses for another leader, a late date, another outcome, or a death", () => {
    expect(scoreTarget(run([], { kind: "sole-leader", leader: "bob", date: "2001-01-08" }), t).reason).toBe(
      "other-leader",
    );
    expect(scoreTarget(run([], { kind: "sole-leader", leader: "ann", date: "2001-01-21" }), t).reason).toBe(
      "late",
    );
    const dominant = scoreTarget(
      run([], { kind: "dominant-leader", leader: "ann", rulingCoalition: ["ann"] }),
      t,
    );
    expect(dominant).toMatchObject({ passed: false, reason: "no-sole-leader" });
    expect(dominant.detail).toContain("dominant-leader (ann)");
    const died = scoreTarget(run([death("2001-01-08", "ann", "scheduled")], { kind: "collective" }), t);
    expect(died).toMatchObject({ passed: false, reason: "died" });
    expect(died.detail).toContain("ann died (scheduled)");
  });
});

describe("leader", () => {
  const t = target({
    id: "l",
    kind: "leader",
    leader: "ann",
    outcomes: ["sole-leader", "dominant-leader"],
    date: "2001-01-20",
  });

  it("passes when the outcome names the leader as dominant, or as sole leader by the date", () => {
    expect(scoreTarget(run([], { kind: "dominant-leader", leader: "ann" }), t).passed).toBe(true);
    expect(scoreTarget(run([], { kind: "sole-leader", leader: "ann", date: "2001-01-08" }), t).passed).toBe(
      true,
    );
  });

  it("misses for another leader, an outcome kind not accepted, a collective, a late date, or a death", () => {
    expect(scoreTarget(run([], { kind: "dominant-leader", leader: "bob" }), t).reason).toBe("other-leader");
    const soleOnly = target({ ...t, outcomes: ["sole-leader"] });
    const notAccepted = scoreTarget(run([], { kind: "dominant-leader", leader: "ann" }), soleOnly);
    expect(notAccepted).toMatchObject({ passed: false, reason: "other-leader" });
    expect(notAccepted.detail).toContain("not one of sole-leader");
    const collective = scoreTarget(run([], { kind: "collective", rulingCoalition: ["ann", "bob"] }), t);
    expect(collective).toMatchObject({ passed: false, reason: "no-leader" });
    expect(collective.detail).toContain("ann, bob");
    expect(scoreTarget(run([], { kind: "sole-leader", leader: "ann", date: "2001-01-21" }), t).reason).toBe(
      "late",
    );
    expect(scoreTarget(run([death("2001-01-08", "ann")], { kind: "none" }), t).reason).toBe("died");
  });

  it("refuses an outcome kind it does not know", () => {
    expect(() => target({ ...t, outcomes: ["collective"] })).toThrow();
  });
});

describe("seat-at", () => {
  const seated = target({ id: "q", kind: "seat-at", person: "ann", seated: true, date: "2001-01-10" });
  const away = target({ id: "r", kind: "seat-at", person: "ann", seated: false, date: "2001-01-20" });
  const leaders = { ann: leader([0, 2, 2, 1]) };

  it("reads the leader's top-body seat at the last row on or before the date", () => {
    expect(scoreTarget(run([], {}, leaders), seated)).toMatchObject({ passed: true });
    // On 2001-01-20 the row of 2001-01-15 holds: a full seat, where none was wanted.
    expect(scoreTarget(run([], {}, leaders), away)).toMatchObject({ passed: false, reason: "seated" });
    const later = target({ ...away, date: "2001-01-30" });
    expect(scoreTarget(run([], {}, leaders), later).passed).toBe(true);
  });

  it("misses unseated (or died), and with no data before the first row or for a person without a row", () => {
    const early = { ann: leader([2, 0, 0, 0]) };
    expect(scoreTarget(run([], {}, early), seated).reason).toBe("unseated");
    expect(scoreTarget(run([death("2001-01-05", "ann")], {}, early), seated).reason).toBe("died");
    expect(scoreTarget(run([], {}, leaders), target({ ...seated, date: "2000-12-31" })).reason).toBe(
      "no-data",
    );
    expect(scoreTarget(run([], {}, {}), seated).reason).toBe("no-data");
  });
});

describe("first divergence and aggregation", () => {
  const targets = [
    target({ id: "late", kind: "sole-leader", leader: "ann", date: "2001-01-20" }),
    target({
      id: "early",
      kind: "series-at",
      series: "members",
      date: "2001-01-01",
      value: 100,
      tolerance: 0.1,
    }),
    target({
      id: "tie",
      kind: "series-at",
      series: "members",
      date: "2001-01-01",
      value: 1000,
      tolerance: 0.1,
    }),
  ];
  const res = (passed: Record<string, boolean>): TargetResult[] =>
    Object.entries(passed).map(([id, p]) => ({ id, passed: p, reason: p ? null : "low", detail: "" }));

  it("is the earliest-dated missed target, ties to the one listed first, or null", () => {
    expect(firstDivergence(targets, res({ late: false, early: false, tie: false }))).toEqual({
      id: "early",
      date: "2001-01-01",
    });
    expect(firstDivergence(targets, res({ late: false, early: true, tie: false }))?.id).toBe("tie");
    expect(firstDivergence(targets, res({ late: false, early: true, tie: true }))?.id).toBe("late");
    expect(firstDivergence(targets, res({ late: true, early: true, tie: true }))).toBeNull();
  });

  it("scores a whole run in the targets' order", () => {
    const scores = scoreRun(run([], { kind: "sole-leader", leader: "ann", date: "2001-01-01" }), targets);
    expect(scores.map((s) => [s.id, s.passed])).toEqual([
      ["late", true],
      ["early", true],
      ["tie", false],
    ]);
  });

  it("gives per-target shares with Wilson intervals, the mean as overall score, and a divergence histogram", () => {
    const runs = [
      res({ late: true, early: true, tie: true }),
      res({ tie: false, late: true, early: true }), // any order: matched by id
      res({ late: false, early: false, tie: false }),
      res({ late: false, early: true, tie: false }),
    ];
    const a = aggregate(targets, runs);
    expect(a.runs).toBe(4);
    expect(a.targets.map((t) => [t.id, t.passed, t.share])).toEqual([
      ["late", 2, 0.5],
      ["early", 3, 0.75],
      ["tie", 1, 0.25],
    ]);
    expect(a.targets[0]!.ci95).toEqual(wilson(2, 4));
    expect(a.targets[2]!.misses).toEqual({ low: 3 });
    expect(a.targets[0]).toMatchObject({
      label: "a target",
      date: "2001-01-20",
      source: "K",
      kind: "sole-leader",
    });
    expect(a.overall).toBeCloseTo(0.5, 12);
    expect(a.overallCi95[0]).toBeLessThan(0.5);
    expect(a.overallCi95[1]).toBeGreaterThan(0.5);
    expect(a.firstDivergence).toEqual({ tie: 2, early: 1 });
    expect(a.noDivergence).toBe(1);
  });

  it("refuses a run that lacks a result for some target", () => {
    expect(() => aggregate(targets, [res({ late: true })])).toThrow(/no result for target "early"/);
  });
});

describe("formatNumber", () => {
  it("groups thousands without a locale", () => {
    expect(formatNumber(1_236_190)).toBe("1,236,190");
    expect(formatNumber(39.75)).toBe("39.75");
    expect(formatNumber(-1234.5)).toBe("-1,234.5");
    expect(formatNumber(0)).toBe("0");
  });
});
