/**
 * Scenarios that are valid by the schema but large in one direction: the denial-of-service cases of the
 * hardening battery, each a function of the base scenario and a size. Shared by the limit tests, the DoS
 * suite and the reliability benchmark.
 */
import type { Scenario } from "./schema.ts";

// biome-ignore lint/suspicious/noExplicitAny: scenario data edited freely before validation
type Data = any;

const leaderLike = (s: Data) => structuredClone(s.people.find((p: Data) => p.role === "leader").attributes);
/** The body whose members play the coalition game: the one marked top, else as the compiler picks it. */
const gameExecutive = (s: Data) =>
  s.bodies.find((b: Data) => b.top === true) ??
  s.bodies.find(
    (b: Data) =>
      b.kind === "executive" && b.electedBy === s.bodies.find((c: Data) => c.kind === "committee").id,
  );
const committee = (s: Data) => s.bodies.find((b: Data) => b.kind === "committee").id;
const exact = (v: number) => ({ value: v, range: [v, v], source: "model" });

/** Each case: a description and how to make it from the base scenario (a fresh copy each time). */
export const STRESS_CASES = {
  /** The calendar ends `n` years after it starts. */
  years: (base: Scenario, n: number): Data => {
    const s: Data = structuredClone(base);
    const start = new Date(`${s.calendar.start}T00:00:00Z`);
    start.setUTCFullYear(start.getUTCFullYear() + n);
    s.calendar.end = start.toISOString().slice(0, 10);
    return s;
  },
  /** The calendar ends on the last day the format can write. */
  endOfTime: (base: Scenario): Data => ({
    ...structuredClone(base),
    calendar: { ...base.calendar, end: "9999-12-31" },
  }),
  /**
   * `n` more ambitious leaders, each seated in the top body (which grows to hold them), each with a standing,
   * skill and line of his own: contenders as a real scenario has them.
   */
  seatedLeaders: (base: Scenario, n: number): Data => {
    const s: Data = STRESS_CASES.copiedLeaders(base, n);
    s.people.slice(-n).forEach((p: Data, i: number) => {
      // Spread over [0.3, 0.9], [0.2, 0.9] and [-0.8, 0.8] in orders of their own (multipliers coprime with the moduli).
      p.attributes.prestige = exact(0.3 + (0.6 * ((i * 37) % 97)) / 97);
      p.attributes.organisation = exact(0.2 + (0.7 * ((i * 29) % 89)) / 89);
      p.attributes.ideology = exact(-0.8 + (1.6 * ((i * 31) % 23)) / 23);
    });
    return s;
  },
  /** `n` exact copies of the first leader, each seated in the top body: ties of power among contenders. */
  copiedLeaders: (base: Scenario, n: number): Data => {
    const s: Data = structuredClone(base);
    const exec = gameExecutive(s);
    exec.seats += n;
    exec.maxSeats = (exec.maxSeats ?? exec.seats) + n;
    for (let i = 0; i < n; i++)
      s.people.push({
        id: `extra-${i}`,
        name: `Extra ${i}`,
        role: "leader",
        seats: [exec.id, committee(s)],
        attributes: leaderLike(s),
      });
    return s;
  },
  /** `n` more leaders outside the executive. */
  leaders: (base: Scenario, n: number): Data => {
    const s: Data = structuredClone(base);
    for (let i = 0; i < n; i++)
      s.people.push({ id: `extra-${i}`, name: `Extra ${i}`, role: "leader", attributes: leaderLike(s) });
    return s;
  },
  /** `n` more officials. */
  officials: (base: Scenario, n: number): Data => {
    const s: Data = structuredClone(base);
    for (let i = 0; i < n; i++) s.people.push({ id: `extra-${i}`, name: `Extra ${i}`, role: "official" });
    return s;
  },
  /** `n` more regions like the first. */
  regions: (base: Scenario, n: number): Data => {
    const s: Data = structuredClone(base);
    for (let i = 0; i < n; i++)
      s.regions.push({ ...structuredClone(s.regions[0]), id: `extra-${i}`, name: `Extra ${i}` });
    return s;
  },
  /** `n` members in all, spread over the regions as before, every one an agent. */
  individualMembers: (base: Scenario, n: number): Data => {
    const s: Data = STRESS_CASES.aggregateMembers(base, n);
    s.members = { fidelity: "individual" };
    return s;
  },
  /** `n` members in all, spread over the regions as before, counted in aggregate. */
  aggregateMembers: (base: Scenario, n: number): Data => {
    const s: Data = structuredClone(base);
    const total = s.regions.reduce((a: number, r: Data) => a + r.members.value, 0);
    for (const r of s.regions) r.members = exact(Math.round((r.members.value * n) / total));
    return s;
  },
  /** `n` independent seats in the committee. */
  committeeSeats: (base: Scenario, n: number): Data => {
    const s: Data = structuredClone(base);
    s.centralCommittee.independents.push({ count: n, ideology: 0 });
    return s;
  },
  /** `n` voting delegates at every congress. */
  delegates: (base: Scenario, n: number): Data => {
    const s: Data = structuredClone(base);
    s.bodies.find((b: Data) => b.kind === "congress").delegates = exact(n);
    return s;
  },
  /** A congress every week that may double the committee each time. */
  weeklyCongress: (base: Scenario): Data => {
    const s: Data = structuredClone(base);
    s.bodies.find((b: Data) => b.kind === "congress").meets = { everyWeeks: 1 };
    s.mechanisms.circularFlow.params.enlargementCap = exact(1);
    return s;
  },
  /** Recruitment at its ceiling and no attrition, for `n` years, every member an agent. */
  runawayRecruitment: (base: Scenario, n: number): Data => {
    const s: Data = STRESS_CASES.years(base, n);
    s.members = { fidelity: "individual" };
    s.mechanisms.membership.params.recruitmentPerYear = exact(1);
    s.mechanisms.membership.params.attritionPerYear = exact(0);
    return s;
  },
  /** A coalition rule outside [1/2, 1). */
  rule: (base: Scenario, num: number, den: number): Data => {
    const s: Data = structuredClone(base);
    s.mechanisms.coalitions.params.rule = { num, den };
    return s;
  },
};
