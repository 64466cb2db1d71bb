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
   * and scans people every tick: 1,000 people cost about 4 s a run; 10,000 took 1.3 GB.
   */
  maxPeople: 1_000,
  /** Most leaders. Every leader adds a power series to each run's output (about 10 KB a run each). */
  maxLeaders: 100,
  /**
   * Most leaders who can play the coalition game at once (leaders who can sit in the executive). The exact
   * ruling-coalition search is exponential in the players: 13 took 2 s a run, 14 took 12 s, 15 took 40 s,
   * and the engine's coalition bitmask stops at 24. Twelve is half again the flagship's eight.
   */
  maxContenders: 12,
  /** Most voting seats of an executive body (its start and its enlarged size): a small body by definition. */
  maxExecutiveSeats: 100,
  /**
   * Most regions. Every region is visited every tick (about 20 microseconds each): 1,000 regions cost 5 s a
   * run; 10,000 ran for minutes.
   */
  maxRegions: 500,
  /**
   * Most members at the start, in aggregate fidelity (counts per region, cohort and line). Counts stay exact in
   * double precision far beyond this; more than the world's population is a typing mistake.
   */
  maxMembersAggregate: 10_000_000_000,
  /**
   * Most members at the start in individual fidelity, where every member is an 11-byte row: 5 million
   * members took 10 s and 350 MB a run (10^9 took 4.5 GB; 10^12 crashed).
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
   * Most Central Committee seats at the start (named members, secretaries and independents). Every seat is
   * an entry counted at every vote; 10^9 seats aborted the engine. Real committees had 27 to 121.
   */
  maxCommitteeSeats: 2_000,
  /**
   * Most seats the committee may grow to by enlargement at congresses (its start size times 1 + the
   * enlargement cap per congress): a weekly congress doubling it would never end.
   */
  maxGrownCommitteeSeats: 20_000,
  /** Most congress delegates: real congresses had a few hundred to two thousand voting delegates. */
  maxDelegates: 100_000,
  /** Most bodies: a party-state has a handful (the flagship has five); each is checked every tick. */
  maxBodies: 50,
  /** Most offices; each is looked up for its capabilities every tick. */
  maxOffices: 500,
  /** Most scheduled shocks; each is drawn once per run and checked every tick. */
  maxShocks: 2_000,
  /** Most source keys: citations, not data (the flagship has 34). */
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
  /** Leaders who can sit in the executive at once: the coalition game's players. */
  contenders: number;
  regions: number;
  /** Members at the start, and the projected most a run grows to. */
  members: number;
  grownMembers: number;
  committeeSeats: number;
  grownCommitteeSeats: number;
  delegates: number;
  /** Estimated seconds of one run on the reference machine. */
  seconds: number;
}

const DAY_MS = 86_400_000;
const YEAR_DAYS = 365.25;

function days(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
}

const value = (e: { value: number } | undefined) => (e ? e.value : 0);

/**
 * How many times membership may grow over `years`: ordinary growth (recruitment less attrition) compounded,
 * times one factor (1 + campaign share) per enrolment campaign, counting campaigns at their expected number
 * plus `sigmas` standard deviations (a Poisson count), never more than the least gap between campaigns allows.
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
  return Math.exp(ordinary * years) * (1 + value(e.campaignShare)) ** campaigns;
}

/** The executive body whose full members play the coalition game, as the compiler picks it. */
function gameExecutive(s: Scenario) {
  const committee = s.bodies.find((b) => b.kind === "committee");
  return s.bodies.find((b) => b.kind === "executive" && b.electedBy === committee?.id);
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
 * Milliseconds of one politics round of the coalition game with k players: negligible up to about ten,
 * then roughly five times more per player (measured: 13 players about 15 ms a round, 14 about 100 ms, 15
 * about 400 ms).
 */
export function coalitionRoundMs(k: number): number {
  return k < 8 ? 0.01 : 20 * 5 ** (k - 13);
}

/**
 * Estimates what one run of the scenario costs: its sizes and the seconds it should take on the reference
 * machine. Generous on purpose: typical runs take a half to a fifth of the estimate.
 *
 * @example
 * estimateRun(scenario).seconds; // about 0.3 for the built-in scenario
 */
export function estimateRun(s: Scenario): RunEstimate {
  const span = days(s.calendar.end) - days(s.calendar.start);
  const years = Math.max(0, span) / YEAR_DAYS;
  const ticks = Math.max(1, Math.ceil(span / s.calendar.tickDays));
  const leaders = s.people.filter((p) => p.role === "leader").length;
  const exec = gameExecutive(s);
  const seatedAtStart = exec ? s.people.filter((p) => p.seats.includes(exec.id)).length : 0;
  const execSize = exec ? Math.max(exec.seats ?? 0, exec.maxSeats ?? 0, seatedAtStart) : 0;
  const contenders = Math.min(leaders, execSize);
  const members = s.regions.reduce((n, r) => n + Math.max(0, r.members.value), 0);
  const growth = projectedGrowth(s, years);
  const grownMembers = members * growth;
  const committee = s.bodies.find((b) => b.kind === "committee");
  const committeeSeats =
    (committee ? s.people.filter((p) => p.seats.includes(committee.id)).length : 0) +
    s.regions.filter((r) => r.inCentralCommittee).length +
    s.centralCommittee.independents.reduce((n, g) => n + g.count, 0);
  const congress = s.bodies.find((b) => b.kind === "congress");
  const congresses = congress ? meetings(congress, s, ticks) : 0;
  const enlarge = s.mechanisms.circularFlow.enabled
    ? value(s.mechanisms.circularFlow.params.enlargementCap)
    : 0;
  const grownCommitteeSeats = committeeSeats * (1 + Math.max(0, enlarge)) ** congresses;
  const delegates = congress?.delegates ? Math.round(congress.delegates.value) : 0;

  // Milliseconds per simulated year, from measured runs (see LIMITS): a base, people, regions, committee
  // seats, and members when each is a row (their mean over the run, growing as projected).
  const individual = s.members.fidelity === "individual";
  // Time follows the expected growth (memory, above, the growth two deviations up).
  const expected = projectedGrowth(s, years, 0);
  const meanMembers = expected > 1.0001 ? (members * (expected - 1)) / Math.log(expected) : members;
  const perYear =
    15 +
    0.2 * s.people.length +
    1.2 * s.regions.length +
    0.03 * committeeSeats +
    (individual ? 0.0003 * meanMembers : 0);
  const politicsTicks = Math.max(
    1,
    Math.round((s.mechanisms.coalitions.params.politicsEveryWeeks * 7) / s.calendar.tickDays),
  );
  const rounds = s.mechanisms.coalitions.enabled ? Math.ceil(ticks / politicsTicks) : 0;
  // Plus compiling and setting up the run.
  const ms = years * perYear + ticks * 0.05 + rounds * coalitionRoundMs(contenders) + 100;
  return {
    years,
    ticks,
    people: s.people.length,
    leaders,
    contenders,
    regions: s.regions.length,
    members,
    grownMembers,
    committeeSeats,
    grownCommitteeSeats,
    delegates,
    seconds: ms / 1000,
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
  count("regions", LIMITS.maxRegions, "regions", "every region is visited every tick");
  count("bodies", LIMITS.maxBodies, "bodies", "each body is checked every tick");
  count("offices", LIMITS.maxOffices, "offices", "each office is looked up every tick");
  count("shocks", LIMITS.maxShocks, "shocks", "each shock is checked every tick");
  count("sources", LIMITS.maxSources, "source keys", "sources are citations, not data");
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
  const exec = gameExecutive(s);
  const execIndex = exec ? s.bodies.indexOf(exec) : -1;
  if (e.contenders > L.maxContenders)
    over(
      execIndex >= 0 ? ["bodies", execIndex, "maxSeats"] : ["people"],
      `${e.contenders} leaders can sit in the executive "${exec?.id}" at once`,
      `${L.maxContenders}`,
      "the exact ruling-coalition search grows about fivefold with each player (14 players took 12 s a run); seat fewer leaders or lower the executive's seats",
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
    over(["regions"], `${n(e.regions)} regions`, n(L.maxRegions), "every region is visited every tick");
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
  if (e.committeeSeats > L.maxCommitteeSeats)
    over(
      ["centralCommittee", "independents"],
      `${n(e.committeeSeats)} committee seats`,
      n(L.maxCommitteeSeats),
      "every seat is counted at every vote",
    );
  else if (calendarOk && e.grownCommitteeSeats > L.maxGrownCommitteeSeats)
    over(
      ["mechanisms", "circularFlow", "params", "enlargementCap"],
      `the committee may grow to ${n(e.grownCommitteeSeats)} seats by enlargement at every congress`,
      n(L.maxGrownCommitteeSeats),
      "every seat is counted at every vote; lower the enlargement cap or hold fewer congresses",
    );
  const congressIndex = s.bodies.findIndex((b) => b.kind === "congress");
  if (e.delegates > L.maxDelegates)
    over(
      ["bodies", congressIndex, "delegates", "value"],
      `${n(e.delegates)} delegates`,
      n(L.maxDelegates),
      "real congresses had at most a few thousand",
    );
  if (out.length === 0 && e.seconds > L.maxRunSeconds)
    over(
      ["calendar"],
      `one run is estimated at ${e.seconds.toFixed(0)} s (${e.years.toFixed(1)} years, ${e.people} people, ${e.regions} regions, ${e.contenders} contenders${individual ? `, up to ${n(e.grownMembers)} members as rows` : ""})`,
      `${L.maxRunSeconds} s`,
      "the run budget; shorten the calendar or make the scenario smaller",
    );
  return out;
}
