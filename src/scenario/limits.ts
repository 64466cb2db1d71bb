/**
 * Resource limits: how large a scenario may be before it is run. The schema says what a scenario means; these
 * bounds say what one run may cost, so no valid file or request can take minutes or gigabytes, or crash the
 * engine, by being large. They are checked after the schema and cross-references (every loader, patch and
 * request goes through them) and before anything is compiled or run. Each bound carries its reason; the same
 * table is in docs/reliability.md.
 *
 * Costs were measured on the reference machine (2 cores shared, Node 20) with the engine of this version; the
 * run estimate below is deliberately generous, and a test checks it against measured runs. Pure.
 */
import type { Scenario } from "./schema.ts";

/** Every bound, by name. */
export const LIMITS = {
  /**
   * Longest calendar, in years. A succession struggle plays out over years or decades; runs, their series and
   * a replay's network snapshots grow with the calendar (a 8,000-year calendar took 93 s and 2 GB).
   */
  maxYears: 100,
  /** Most ticks in a run: 100 years of weeks. Series and replays hold a row per tick. */
  maxTicks: 5_300,
  /**
   * Most people (leaders and officials). The engine keeps an n x n matrix of perceived powers (8 n^2 bytes)
   * and scans people every tick: 900 more officials cost 1.4 s a run; 10,000 people took 1.3 GB.
   */
  maxPeople: 1_000,
  /** Most leaders. Every leader adds a power series to each run's output (about 10 KB a run each). */
  maxLeaders: 100,
  /**
   * Most contenders who can sit in the top body at once: people ambitious enough to take the initiative
   * (ambition at least the coalitions' contenderAmbition) who sit in it, are on its bench, are someone's
   * client or sat in it before a fall, capped by its seats. They play the ruling-coalition game, whose exact
   * search takes the twelve strongest and grows about twofold per player up to them (see
   * {@link coalitionRoundMs}); the bitmask of the game's winning test stops at 24.
   */
  maxContenders: 16,
  /** Most voting seats of an executive body (its start and its enlarged size): a small body by definition. */
  maxExecutiveSeats: 100,
  /**
   * Most regions. Every region's members are updated every tick, in cells of region x cohort x line: 480 more
   * regions cost 2.7 s a run; 10,000 ran for minutes.
   */
  maxRegions: 500,
  /** Most member cohorts: every cohort is a cell in every region (60 more cost 1 s a run). */
  maxCohorts: 50,
  /** Most policy axes: every comparison of two lines spans every axis. */
  maxAxes: 20,
  /**
   * Most members at the start, in aggregate fidelity (counts per region, cohort and line). Counts stay exact in
   * double precision far beyond this; more than the world's population is a typing mistake.
   */
  maxMembersAggregate: 10_000_000_000,
  /**
   * Most members at the start in individual fidelity, where every member is a row of a few bytes: 5 million
   * members took 8 s and 400 MB a run (10^9 took 4.5 GB; 10^12 crashed).
   */
  maxMembersIndividual: 5_000_000,
  /**
   * Most members a run may grow to in individual fidelity, projected from recruitment, attrition and
   * enrolment campaigns at their expected rate plus two standard deviations (see {@link projectedGrowth}):
   * 30 million rows take about 330 MB, 660 MB while a table doubles.
   */
  maxGrownMembersIndividual: 30_000_000,
  /** Most members a run may grow to in aggregate fidelity: counts stay exact integers below 2^53. */
  maxGrownMembersAggregate: 1e15,
  /**
   * Most Central Committee seats at the start: named members, secretaries, and the blocs' (and version-1
   * independents') voting and candidate seats. Blocs are counts, so size costs little; but real committees had
   * a few dozen to a few hundred seats, and far more is a typing mistake that would swamp every vote.
   */
  maxCommitteeSeats: 2_000,
  /**
   * Most seats the committee may grow to by enlargement at congresses (its start size times 1 + the
   * enlargement cap per congress): enlargement compounds, and a weekly congress doubling the committee
   * would give it astronomically many seats.
   */
  maxGrownCommitteeSeats: 20_000,
  /** Most congress delegates: real congresses had a few hundred to two thousand voting delegates. */
  maxDelegates: 100_000,
  /** Most bodies: a party-state has a handful (the built-in scenarios have four and five); each sits and votes. */
  maxBodies: 50,
  /** Most anonymous committee blocs: each is a group of voters in every committee vote. */
  maxBlocs: 500,
  /** Most offices; each person's capabilities are drawn from them every tick. */
  maxOffices: 500,
  /** Most scheduled shocks; each is drawn once per run and checked every tick. */
  maxShocks: 2_000,
  /** Most scheduled transfers of offices; each is drawn once per run and checked every tick. */
  maxTransfers: 2_000,
  /** Most steps of the elimination ladder and most repression periods: both are read at every motion. */
  maxLadderSteps: 50,
  maxRepressionPeriods: 500,
  /** Most source keys: citations, not data (the built-in scenarios have a few dozen). */
  maxSources: 5_000,
  /** Most meeting dates listed for one body: at most one a tick is meaningful. */
  maxMeetingDates: 5_300,
  /**
   * The run budget: the estimated seconds one run may take on the reference machine (see
   * {@link estimateRun}). A replay or experiment refuses a scenario estimated above it before starting.
   */
  maxRunSeconds: 30,
} as const;

export type LimitName = keyof typeof LIMITS;

/** What one run of a scenario is expected to cost, with the sizes the estimate was made from. */
export interface RunEstimate {
  years: number;
  ticks: number;
  people: number;
  leaders: number;
  /** Contenders who can sit in the top body at once: the coalition game's players who take the initiative. */
  contenders: number;
  /** Leaders below the contenders' ambition who can sit in the top body: contenders while they oppose the line. */
  opposers: number;
  /** Whether two contenders are exact copies of each other (ties of power make the coalition search slow). */
  tied: boolean;
  regions: number;
  /** Cells of the member tables: regions x cohorts. */
  cells: number;
  /** Members at the start, and the projected most a run grows to. */
  members: number;
  grownMembers: number;
  committeeSeats: number;
  grownCommitteeSeats: number;
  delegates: number;
  /** Estimated seconds of one run on the reference machine. */
  seconds: number;
  /** What most of the estimate comes from, when one thing does: the field to change to make a run cheaper. */
  mostly: "contenders" | "regions" | "people" | "members" | null;
}

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

function days(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

const value = (e: { value: number } | undefined) => (e ? e.value : 0);

/**
 * How many times membership may grow over `years`: ordinary growth (recruitment less attrition) compounded,
 * times 1 + the campaign share for every enrolment campaign (a campaign brings in that share of the
 * membership at the start of the run, and its recruits then grow with the rest), counting campaigns at their
 * expected number plus `sigmas` standard deviations (a Poisson count), never more than the least gap between
 * campaigns allows.
 */
export function projectedGrowth(s: Scenario, years: number, sigmas = 2): number {
  const m = s.mechanisms;
  const ordinary = m.membership.enabled
    ? Math.max(0, value(m.membership.params.recruitmentPerYear) - value(m.membership.params.attritionPerYear))
    : 0;
  let campaigns = 0;
  const e = m.enrolment.params;
  if (m.enrolment.enabled && value(e.campaignShare) > 0) {
    const tickYears = s.calendar.tickDays / YEAR_DAYS;
    const gap = Math.max(value(e.minYearsBetween), (e.campaignWeeks * 7) / YEAR_DAYS, tickYears);
    const byGap = Math.floor(years / gap) + 1;
    // The founder's death multiplies the launch chance for one year.
    const expected =
      value(e.launchPerYear) * years + value(e.launchPerYear) * Math.max(0, value(e.mourningBoost) - 1);
    campaigns = Math.min(byGap, expected + sigmas * Math.sqrt(expected));
  }
  return Math.exp(ordinary * years) * (1 + value(e.campaignShare) * campaigns);
}

/** The index of the body whose full members play the coalition game, as the compiler picks it (-1: none). */
export function topBodyIndex(s: Scenario): number {
  const flagged = s.bodies.findIndex((b) => b.top === true);
  if (flagged >= 0) return flagged;
  const committee = s.bodies.find((b) => b.kind === "committee");
  return s.bodies.findIndex((b) => b.kind === "executive" && b.electedBy === committee?.id);
}

/** The attributes that make a person's power and conduct, as one comparable text (for exact copies). */
function conduct(p: Scenario["people"][number]): string {
  const a = p.attributes ?? {};
  return JSON.stringify(
    (Object.keys(a) as (keyof typeof a)[])
      .sort()
      .map((k) => [k, (a[k] as { value?: number } | undefined)?.value ?? a[k]]),
  );
}

/**
 * Who can play the coalition game from the top body, before the run. A contender is a person ambitious enough
 * to take the initiative; he can reach the top body if he sits in it or on its bench, is someone's client (a
 * plenum may seat the ruling coalition's clients), or sat in it before a fall (he may be rehabilitated).
 * Leaders below the ambition who can reach it count apart: they take the initiative only while they oppose
 * the line (with the policy mechanism on). Both are capped by the body's most seats.
 */
export function potentialContenders(s: Scenario): { contenders: number; opposers: number; tied: boolean } {
  const top = topBodyIndex(s);
  if (top < 0 || !s.mechanisms.coalitions.enabled) return { contenders: 0, opposers: 0, tied: false };
  const body = s.bodies[top]!;
  const seated = s.people.filter((p) => p.seats.includes(body.id)).length;
  const capacity = Math.max(body.seats ?? 0, body.maxSeats ?? 0, seated);
  const threshold = s.mechanisms.coalitions.params.contenderAmbition.value;
  const reach = (p: Scenario["people"][number]) =>
    p.seats.includes(body.id) ||
    p.candidateOf.includes(body.id) ||
    p.patron !== null ||
    (p.purged?.seats ?? []).includes(body.id);
  const ambitious = s.people.filter((p) => reach(p) && value(p.attributes?.ambition) >= threshold);
  const contenders = Math.min(capacity, ambitious.length);
  const others = s.mechanisms.policy.enabled
    ? s.people.filter((p) => p.role === "leader" && reach(p) && value(p.attributes?.ambition) < threshold)
        .length
    : 0;
  const seen = new Set<string>();
  let tied = false;
  for (const p of ambitious) {
    const c = conduct(p);
    if (seen.has(c)) tied = true;
    seen.add(c);
  }
  return { contenders, opposers: Math.min(Math.max(0, capacity - contenders), others), tied };
}

/** Meetings of a body inside the calendar. */
function meetings(body: Scenario["bodies"][number], s: Scenario, ticks: number): number {
  if (body.meets.dates) {
    const start = days(s.calendar.start);
    const end = days(s.calendar.end);
    return body.meets.dates.filter((d) => days(d) >= start && days(d) < end).length;
  }
  const every = Math.max(1, Math.round(((body.meets.everyWeeks ?? 1) * 7) / s.calendar.tickDays));
  return Math.floor(ticks / every);
}

/**
 * Milliseconds of one politics round of the coalition game with k potential contenders. Every contender
 * weighs the coalitions that keep him among the twelve strongest players (the kernel's exact search stops
 * there), so the cost grows about twofold per contender up to twelve and slowly beyond. Measured per round
 * (2 cores, shared), against the contenders counted before the run: 2 ms for the Bolshevik scenario's five,
 * 3.5 for the China scenario's nine (not all of them sit at once), 10 to 80 for nine to eleven identical
 * leaders who all do, 40 to 150 for twelve to fifteen distinct ones. Exact ties of power defeat the search's
 * pruning: with twelve and thirteen identical contenders rounds took 0.2 to 1.5 s, so copies among twelve or
 * more contenders count eightfold.
 */
export function coalitionRoundMs(k: number, tied = false): number {
  if (k <= 0) return 0;
  const exact = 1 + 12 * 2.2 ** (Math.min(k, 12) - 9);
  const beyond = k > 12 ? 1 + 0.1 * (k - 12) : 1;
  return exact * beyond * (tied && k >= 12 ? 8 : 1);
}

/**
 * Estimates what one run of the scenario costs: its sizes and the seconds it should take on the reference
 * machine. Generous on purpose: typical runs take a half to a fifth of the estimate.
 *
 * @example
 * estimateRun(scenario).seconds; // about a second for the built-in scenarios
 */
export function estimateRun(s: Scenario): RunEstimate {
  const span = days(s.calendar.end) - days(s.calendar.start);
  const years = Math.max(0, span) / YEAR_DAYS;
  const ticks = Math.max(1, Math.ceil(span / s.calendar.tickDays));
  const leaders = s.people.filter((p) => p.role === "leader").length;
  const game = potentialContenders(s);
  const members = s.regions.reduce((n, r) => n + Math.max(0, r.members.value), 0);
  const growth = projectedGrowth(s, years);
  const grownMembers = members * growth;
  const committee = s.bodies.find((b) => b.kind === "committee");
  const committeeSeats =
    (committee ? s.people.filter((p) => p.seats.includes(committee.id)).length : 0) +
    s.regions.filter((r) => r.inCentralCommittee).length +
    s.centralCommittee.blocs.reduce((n, b) => n + b.seats + b.candidates, 0) +
    s.centralCommittee.independents.reduce((n, g) => n + g.count, 0);
  const congress = s.bodies.find((b) => b.kind === "congress");
  const congresses = congress ? meetings(congress, s, ticks) : 0;
  const enlarge = s.mechanisms.circularFlow.enabled
    ? value(s.mechanisms.circularFlow.params.enlargementCap)
    : 0;
  const grownCommitteeSeats = committeeSeats * (1 + Math.max(0, enlarge)) ** congresses;
  const delegates = congress?.delegates ? Math.round(congress.delegates.value) : 0;
  const cells = s.regions.length * (s.cohorts?.length ?? 4);

  // Milliseconds per simulated year, from measured runs (see LIMITS): a base, people, member cells, offices,
  // and members when each is a row (their mean over the run, growing as expected).
  const individual = s.members.fidelity === "individual";
  // Time follows the expected growth (memory, above, the growth two deviations up).
  const expected = projectedGrowth(s, years, 0);
  const meanMembers = (members * (1 + expected)) / 2;
  const perYear =
    10 +
    0.2 * s.people.length +
    0.2 * cells +
    0.3 * s.offices.length +
    (individual ? 0.0003 * meanMembers : 0);
  const politicsTicks = Math.max(
    1,
    Math.round((s.mechanisms.coalitions.params.politicsEveryWeeks * 7) / s.calendar.tickDays),
  );
  const rounds = s.mechanisms.coalitions.enabled ? Math.ceil(ticks / politicsTicks) : 0;
  // Leaders who turn to opposition join the game while they oppose: a millisecond a round for each who could.
  const perRound = coalitionRoundMs(game.contenders, game.tied) + game.opposers;
  // Plus compiling and setting up the run.
  const ms = years * perYear + ticks * 0.05 + rounds * perRound + 100;
  const parts = {
    contenders: rounds * perRound,
    regions: years * 0.2 * cells,
    people: years * 0.2 * s.people.length,
    members: individual ? years * 0.0003 * meanMembers : 0,
  };
  const [mostly, most] = Object.entries(parts).sort((a, b) => b[1] - a[1])[0]!;
  return {
    years,
    ticks,
    people: s.people.length,
    leaders,
    contenders: game.contenders,
    opposers: game.opposers,
    tied: game.tied,
    regions: s.regions.length,
    cells,
    members,
    grownMembers,
    committeeSeats,
    grownCommitteeSeats,
    delegates,
    seconds: ms / 1000,
    mostly: most > ms / 2 ? (mostly as RunEstimate["mostly"]) : null,
  };
}

/**
 * The list sizes of raw scenario data that are over their limits, checked before the schema so that a file
 * with a hundred thousand people is refused at once rather than validated item by item first.
 *
 * @example
 * sizeIssues(JSON.parse(text)); // [{ pathParts: ["people"], message: "100,000 people, more than ..." }]
 */
export function sizeIssues(data: unknown): { pathParts: PropertyKey[]; message: string }[] {
  if (!data || typeof data !== "object") return [];
  const d = data as Record<string, unknown>;
  const out: { pathParts: PropertyKey[]; message: string }[] = [];
  const count = (key: string, bound: number, what: string, reason: string) => {
    const v = d[key];
    const size = Array.isArray(v)
      ? v.length
      : key === "sources" && v && typeof v === "object"
        ? Object.keys(v).length
        : 0;
    if (size > bound)
      out.push({
        pathParts: [key],
        message: `${n(size)} ${what}, more than the limit of ${n(bound)}: ${reason}`,
      });
  };
  count("people", LIMITS.maxPeople, "people", "the engine compares every pair of people");
  count("regions", LIMITS.maxRegions, "regions", "every region's members are updated every tick");
  count("cohorts", LIMITS.maxCohorts, "cohorts", "every cohort is a cell of members in every region");
  count("axes", LIMITS.maxAxes, "policy axes", "every comparison of two lines spans every axis");
  count("bodies", LIMITS.maxBodies, "bodies", "each body sits and votes");
  count("offices", LIMITS.maxOffices, "offices", "capabilities are drawn from every office every tick");
  count("shocks", LIMITS.maxShocks, "shocks", "each shock is checked every tick");
  count("transfers", LIMITS.maxTransfers, "transfers", "each transfer is checked every tick");
  count("ladder", LIMITS.maxLadderSteps, "ladder steps", "the ladder is read at every motion");
  count("repression", LIMITS.maxRepressionPeriods, "repression periods", "they are read at every motion");
  count("sources", LIMITS.maxSources, "source keys", "sources are citations, not data");
  const blocs = (d.centralCommittee as { blocs?: unknown } | null | undefined)?.blocs;
  if (Array.isArray(blocs) && blocs.length > LIMITS.maxBlocs)
    out.push({
      pathParts: ["centralCommittee", "blocs"],
      message: `${n(blocs.length)} committee blocs, more than the limit of ${n(LIMITS.maxBlocs)}: each is a group of voters in every committee vote`,
    });
  if (Array.isArray(d.bodies))
    d.bodies.forEach((b: unknown, i) => {
      const dates = (b as { meets?: { dates?: unknown } } | null)?.meets?.dates;
      if (Array.isArray(dates) && dates.length > LIMITS.maxMeetingDates)
        out.push({
          pathParts: ["bodies", i, "meets", "dates"],
          message: `${n(dates.length)} meeting dates, more than the limit of ${n(LIMITS.maxMeetingDates)}`,
        });
    });
  return out;
}

const n = (x: number) =>
  x >= 1e6 ? x.toExponential(2).replace("e+", "e") : Math.round(x).toLocaleString("en-US");

/**
 * Every bound the scenario breaks, each naming the field to change, the value found and the bound with its
 * reason; empty when the scenario may run.
 *
 * @example
 * const issues = limitIssues(scenario); // [] for the built-in scenario
 */
export function limitIssues(s: Scenario): { pathParts: PropertyKey[]; message: string }[] {
  const e = estimateRun(s);
  const L = LIMITS;
  const out: { pathParts: PropertyKey[]; message: string }[] = sizeIssues(s).filter(
    (i) => i.pathParts[0] !== "people" && i.pathParts[0] !== "regions",
  );
  const over = (pathParts: PropertyKey[], found: string, bound: string, reason: string) =>
    out.push({ pathParts, message: `${found}, more than the limit of ${bound}: ${reason}` });

  if (e.years > L.maxYears)
    over(
      ["calendar", "end"],
      `the calendar spans ${e.years.toFixed(1)} years`,
      `${L.maxYears}`,
      "runs, series and replays grow with the calendar",
    );
  if (e.ticks > L.maxTicks)
    over(
      ["calendar", "tickDays"],
      `the run has ${n(e.ticks)} ticks`,
      n(L.maxTicks),
      "series and replays hold a row per tick; use longer ticks",
    );
  if (e.people > L.maxPeople)
    over(["people"], `${n(e.people)} people`, n(L.maxPeople), "the engine compares every pair of people");
  if (e.leaders > L.maxLeaders)
    over(
      ["people"],
      `${n(e.leaders)} leaders`,
      n(L.maxLeaders),
      "every leader adds a power series to each run's output",
    );
  const top = topBodyIndex(s);
  if (e.contenders > L.maxContenders)
    over(
      top >= 0 ? ["bodies", top, "maxSeats"] : ["people"],
      `${e.contenders} contenders (people with ambition of at least ${s.mechanisms.coalitions.params.contenderAmbition.value}) can sit in the top body "${s.bodies[top]?.id}" at once`,
      `${L.maxContenders}`,
      "the ruling-coalition search grows about twofold with each contender (twelve took a quarter of a second a politics round); seat fewer ambitious people in it or lower its seats",
    );
  s.bodies.forEach((b, i) => {
    if (b.kind !== "executive") return;
    for (const field of ["seats", "maxSeats"] as const) {
      const v = b[field];
      if (v !== undefined && v > L.maxExecutiveSeats)
        over(
          ["bodies", i, field],
          `${n(v)} seats`,
          n(L.maxExecutiveSeats),
          "an executive body is small by definition",
        );
    }
  });
  if (e.regions > L.maxRegions)
    over(
      ["regions"],
      `${n(e.regions)} regions`,
      n(L.maxRegions),
      "every region's members are updated every tick",
    );
  const individual = s.members.fidelity === "individual";
  // Growth over a calendar already refused as too long says nothing more: not repeated.
  const calendarOk = e.years <= L.maxYears;
  const memberPath = individual ? ["members", "fidelity"] : ["regions"];
  s.regions.forEach((r, i) => {
    if (r.members.value < 0)
      out.push({
        pathParts: ["regions", i, "members", "value"],
        message: `a region cannot have ${r.members.value} members`,
      });
  });
  if (!individual && e.members > L.maxMembersAggregate)
    over(
      ["regions"],
      `${n(e.members)} members at the start`,
      n(L.maxMembersAggregate),
      "more than the world's population is a typing mistake",
    );
  if (individual && e.members > L.maxMembersIndividual)
    over(
      memberPath,
      `${n(e.members)} members at the start in individual fidelity`,
      n(L.maxMembersIndividual),
      "every member is a row in memory; use aggregate fidelity for larger parties",
    );
  else if (individual && calendarOk && e.grownMembers > L.maxGrownMembersIndividual)
    over(
      memberPath,
      `membership may grow to ${n(e.grownMembers)} in individual fidelity (recruitment, attrition and enrolment campaigns over ${e.years.toFixed(1)} years)`,
      n(L.maxGrownMembersIndividual),
      "every member is a row in memory; use aggregate fidelity, a shorter calendar or smaller recruitment",
    );
  if (!individual && calendarOk && e.grownMembers > L.maxGrownMembersAggregate)
    over(
      ["mechanisms", "membership", "params", "recruitmentPerYear"],
      `membership may grow to ${n(e.grownMembers)} over ${e.years.toFixed(1)} years`,
      n(L.maxGrownMembersAggregate),
      "counts would no longer be exact; lower recruitment or enrolment, or shorten the calendar",
    );
  if (e.committeeSeats > L.maxCommitteeSeats) {
    // Named at the larger of the two anonymous parts, where such a number is usually typed.
    const cc = s.centralCommittee;
    const inBlocs = cc.blocs.reduce((a, b) => a + b.seats + b.candidates, 0);
    const independents = cc.independents.reduce((a, g) => a + g.count, 0);
    over(
      ["centralCommittee", inBlocs > independents ? "blocs" : "independents"],
      `${n(e.committeeSeats)} committee seats`,
      n(L.maxCommitteeSeats),
      "real committees had a few dozen to a few hundred seats; far more is a typing mistake that would swamp every vote",
    );
  } else if (calendarOk && e.grownCommitteeSeats > L.maxGrownCommitteeSeats)
    over(
      ["mechanisms", "circularFlow", "params", "enlargementCap"],
      `the committee may grow to ${n(e.grownCommitteeSeats)} seats by enlargement at every congress`,
      n(L.maxGrownCommitteeSeats),
      "enlargement compounds at every congress; lower the enlargement cap or hold fewer congresses",
    );
  const congressIndex = s.bodies.findIndex((b) => b.kind === "congress");
  if (e.delegates > L.maxDelegates)
    over(
      ["bodies", congressIndex, "delegates", "value"],
      `${n(e.delegates)} delegates`,
      n(L.maxDelegates),
      "real congresses had at most a few thousand",
    );
  // Named at the calendar when ten years of the same scenario would fit the budget (the length is what makes
  // it dear), else at what most of the estimate comes from (the calendar when nothing stands out).
  const budgetPath: Record<NonNullable<RunEstimate["mostly"]>, PropertyKey[]> = {
    contenders: top >= 0 ? ["bodies", top, "maxSeats"] : ["people"],
    regions: ["regions"],
    people: ["people"],
    members: ["members", "fidelity"],
  };
  const long = e.years > 10 && (e.seconds * 10) / e.years <= L.maxRunSeconds;
  if (out.length === 0 && e.seconds > L.maxRunSeconds)
    over(
      e.mostly && !long ? budgetPath[e.mostly] : ["calendar", "end"],
      `one run is estimated at ${e.seconds.toFixed(0)} s (${e.years.toFixed(1)} years, ${e.people} people, ${e.regions} regions, ${e.contenders} contenders${e.tied ? " some of them exact copies of each other" : ""}${individual ? `, up to ${n(e.grownMembers)} members as rows` : ""})`,
      `${L.maxRunSeconds} s`,
      "the run budget; shorten the calendar or make the scenario smaller",
    );
  return out;
}
