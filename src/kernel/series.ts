/** The data collector: one row per tick of party-wide figures and of each leader's position. */
import { dateOfTick } from "./calendar.ts";
import {
  clientCounts,
  committeeVotes,
  consensusPower,
  expectedDelegates,
  machines,
  officeCount,
  realPowers,
} from "./power.ts";
import { seatIn, topMembers } from "./seats.ts";
import { totalMembers, type World } from "./world.ts";

export interface LeaderSeries {
  /** Number of offices held. */
  offices: number[];
  /** Executive (Politburo) seat: 2 full member, 1 candidate, 0 none. */
  politburo: number[];
  /** Committee votes that follow the leader. */
  committeeVotes: number[];
  /** Congress delegates expected to follow the leader. */
  congressVotes: number[];
  clients: number[];
  /** Mean of the other leaders' estimates of his power. */
  perceivedPower: number[];
  realPower: number[];
  /**
   * His side: 2 in the ruling coalition, 1 backing one of its members, -1 in the opposition it moves against,
   * 0 none of these.
   */
  side: number[];
}

export interface Series {
  dates: string[];
  members: number[];
  committeeSize: number[];
  politburoSize: number[];
  leaders: Record<string, LeaderSeries>;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function createSeries(w: World): Series {
  const leaders: Record<string, LeaderSeries> = {};
  for (const p of w.sc.people) {
    if (!p.isLeader) continue;
    leaders[p.id] = {
      offices: [],
      politburo: [],
      committeeVotes: [],
      congressVotes: [],
      clients: [],
      perceivedPower: [],
      realPower: [],
      side: [],
    };
  }
  return { dates: [], members: [], committeeSize: [], politburoSize: [], leaders };
}

/** A person's side: 2 ruling, 1 backing a ruler, -1 in opposition, 0 none. */
export function sideOf(w: World, i: number): number {
  if (w.ruling.includes(i)) return 2;
  if (w.backs[i]! >= 0 && w.ruling.includes(w.backs[i]!)) return 1;
  return w.opposition.includes(i) ? -1 : 0;
}

/** Appends the current tick's row. */
export function collect(w: World, s: Series): void {
  const cc = committeeVotes(w);
  const cg = expectedDelegates(w);
  const machine = machines(w, cc, cg);
  const real = realPowers(w, machine);
  const clients = clientCounts(w);
  const observers = w.sc.people.filter((p) => p.isLeader && w.people[p.index]!.alive).map((p) => p.index);
  s.dates.push(dateOfTick(w.sc.clock, w.tick));
  s.members.push(totalMembers(w));
  s.committeeSize.push(cc.total);
  s.politburoSize.push(topMembers(w).length);
  for (const p of w.sc.people) {
    const row = s.leaders[p.id];
    if (!row) continue;
    const i = p.index;
    const st = w.people[i]!;
    row.offices.push(officeCount(w, i));
    row.politburo.push(seatIn(w, w.sc.executive, i));
    row.committeeVotes.push(cc.byLeader[i]!);
    row.congressVotes.push(round(cg.byLeader[i]!));
    row.clients.push(clients[i]!);
    row.perceivedPower.push(st.alive ? round(consensusPower(w, observers, i, machine)) : 0);
    row.realPower.push(st.alive ? round(real[i]!) : 0);
    row.side.push(sideOf(w, i));
  }
}
