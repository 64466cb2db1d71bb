/**
 * The causal chain of the appointing post, measured from runs: at each congress of a run, the appointments
 * the question's leader made since the previous one, the regional secretaries who are his clients, the
 * delegates their conferences send to follow him, his share of the committee's votes once the congress has
 * elected it, and the removals of rivals that follow before the next congress. Read from the run's events
 * and series and from the regions' secretaries as the congress meets (the one link the event log and series
 * do not record), by stepping the model from outside the kernel. Pure: no Node imports.
 */
import { Model } from "../kernel/engine.ts";
import type { SimEvent } from "../kernel/events.ts";
import { livePatron } from "../kernel/power.ts";
import type { CompiledScenario } from "../scenario/compile.ts";
import { boundedMeanInterval, type MeanInterval, meanInterval, quantile } from "../stats/intervals.ts";

/** One congress of one run, seen from the question's leader. */
export interface CongressLink {
  /** The congress's number in the run (1 for the first the run holds). */
  number: number;
  date: string;
  /** Appointments he made since the previous congress (or the start of the run). */
  appointments: number;
  /** Of those, regional secretaryships. */
  regionAppointments: number;
  /** Regions whose secretary is his client as the congress meets. */
  regions: number;
  regionsTotal: number;
  /** Delegates chosen to follow him (by their regions' secretaries). */
  delegates: number;
  delegatesTotal: number;
  /** His share of the committee's votes once the congress has elected it. */
  committeeShare: number;
  /** Rivals (other leaders) pushed down the ladder between this congress and the next (or the run's end). */
  removals: number;
  /** Of those, removals he moved himself. */
  removalsHeMoved: number;
}

/**
 * The chain of one run: one link per congress.
 *
 * @example
 * chainOfRun(compileScenario(scenario), 1, "leader-id").map((c) => c.delegates / c.delegatesTotal);
 */
export function chainOfRun(
  sc: CompiledScenario,
  seed: number,
  leader: string,
  until?: string,
): CongressLink[] {
  const model = new Model(sc, until ? { seed, until } : { seed });
  const w = model.world;
  const li = sc.people.findIndex((p) => p.id === leader);
  if (li < 0) throw new RangeError(`unknown person "${leader}"`);
  const leaders = new Set(sc.people.filter((p) => p.isLeader).map((p) => p.id));
  const links: CongressLink[] = [];
  let cursor = 0;
  let appointments = 0;
  let regionAppointments = 0;
  while (!model.done) {
    const delegation = w.delegation;
    const expected = model.series.leaders[leader]?.congressVotes.at(-1) ?? 0;
    model.step();
    const events: SimEvent[] = w.events;
    for (; cursor < events.length; cursor++) {
      const e = events[cursor]!;
      if (e.type === "appointment" && e.by === leader) {
        appointments++;
        if (e.post.kind === "region") regionAppointments++;
      } else if (e.type === "removal" && e.person !== leader && leaders.has(e.person)) {
        const last = links.at(-1);
        if (last) {
          last.removals++;
          if (e.by.includes(leader)) last.removalsHeMoved++;
        }
      } else if (e.type === "congress") {
        // Delegates are chosen weeks before the congress; if not (no lead time), the expected ones.
        const delegates = delegation
          ? delegation.groups.reduce((s, g) => s + (g.follows === li ? g.count : 0), 0)
          : expected;
        const s = model.series;
        const votes = s.leaders[leader]?.committeeVotes.at(-1) ?? 0;
        const size = s.committeeSize.at(-1) ?? 0;
        links.push({
          number: e.number,
          date: e.date,
          appointments,
          regionAppointments,
          regions: w.regions.filter((r) => livePatron(w, r.secretaryPatron) === li).length,
          regionsTotal: w.regions.length,
          delegates,
          delegatesTotal: delegation?.total ?? e.delegates,
          committeeShare: size > 0 ? votes / size : 0,
          removals: 0,
          removalsHeMoved: 0,
        });
        appointments = 0;
        regionAppointments = 0;
      }
    }
  }
  return links;
}

/** A congress's links averaged over runs: means with 95 % intervals. */
export interface ChainStep {
  number: number;
  /** Runs that held this congress. */
  runs: number;
  /** Median date over those runs. */
  date: string;
  appointments: MeanInterval;
  regionAppointments: MeanInterval;
  /** Share of regions whose secretary is his client. */
  regionShare: MeanInterval;
  /** Share of delegates following him. */
  delegateShare: MeanInterval;
  committeeShare: MeanInterval;
  removals: MeanInterval;
  removalsHeMoved: MeanInterval;
}

const DAY = 86_400_000;

/**
 * Averages the links of many runs congress by congress (the first congress of every run together, and so
 * on): counts with Student's t intervals, shares with the bounded t interval (never a point).
 *
 * @example
 * aggregateChain([chainOfRun(sc, 1, id), chainOfRun(sc, 2, id)])[0]?.delegateShare.value;
 */
export function aggregateChain(runs: readonly (readonly CongressLink[])[]): ChainStep[] {
  const byNumber = new Map<number, CongressLink[]>();
  for (const run of runs)
    for (const l of run) {
      const list = byNumber.get(l.number) ?? [];
      list.push(l);
      byNumber.set(l.number, list);
    }
  return [...byNumber]
    .sort((a, b) => a[0] - b[0])
    .map(([number, ls]) => {
      const days = ls.map((l) => Date.parse(`${l.date}T00:00:00Z`) / DAY).sort((a, b) => a - b);
      const share = (f: (l: CongressLink) => number) => boundedMeanInterval(ls.map(f), 0, 1);
      // Counts cannot fall below zero; an interval that would is cut there.
      const mean = (f: (l: CongressLink) => number) => {
        const m = meanInterval(ls.map(f));
        return { ...m, lo: Math.max(0, m.lo) };
      };
      return {
        number,
        runs: ls.length,
        date: new Date(Math.round(quantile(days, 0.5)) * DAY).toISOString().slice(0, 10),
        appointments: mean((l) => l.appointments),
        regionAppointments: mean((l) => l.regionAppointments),
        regionShare: share((l) => (l.regionsTotal > 0 ? l.regions / l.regionsTotal : 0)),
        delegateShare: share((l) => (l.delegatesTotal > 0 ? l.delegates / l.delegatesTotal : 0)),
        committeeShare: share((l) => l.committeeShare),
        removals: mean((l) => l.removals),
        removalsHeMoved: mean((l) => l.removalsHeMoved),
      };
    });
}
