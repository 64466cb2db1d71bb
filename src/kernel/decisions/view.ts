/**
 * What a leader knows at his turn: his own position exactly (offices, seats, the votes that follow him), his
 * rivals only as he perceives them (their machines as far as votes have revealed them, through papers that
 * a rival may hold back), and their files only where his own offices reach into the personnel records.
 * The end of a game then shows the real state beside this.
 */
import { dateOfTick } from "../calendar.ts";
import { controller } from "../influence.ts";
import {
  capability,
  committeeVotes,
  machines,
  officesHeld,
  outOfParty,
  perceivedPower,
  realPowers,
} from "../power.ts";
import { seatIn, topMembers } from "../seats.ts";
import type { World } from "../world.ts";

export interface RivalView {
  id: string;
  name: string;
  /** His power as you perceive it (share of the perceived total over the leaders in view). */
  perceived: number;
  ruling: boolean;
  /** Steps he has been pushed down the ladder. */
  rung: number;
  /** How compromising his file is, only if your offices reach the files; else null. */
  dossier: number | null;
  /** Whom he backs (a member who does not seek power himself), or null. */
  backs: string | null;
}

export interface LeaderView {
  date: string;
  id: string;
  name: string;
  /** Your own power as you perceive it (you know your machine, and may overrate yourself), same scale as rivals'. */
  perceived: number;
  offices: string[];
  seats: string[];
  /** Committee votes that follow you, and the committee's total. */
  committeeVotes: { yours: number; total: number };
  /** Top-body members who follow you (yourself included), and its size. */
  topBody: { yours: number; total: number };
  inRuling: boolean;
  allies: string[];
  backers: string[];
  rung: number;
  /** Motions waiting against you, by body. */
  threats: string[];
  rivals: RivalView[];
  /** Coming sessions within the horizon, in date order. */
  meetings: { date: string; body: string; extraordinary: boolean }[];
  /** Who controls the flow of papers, if a rival does: votes reveal his own machine to you only slowly. */
  papers: string | null;
  /** Whether your offices reach the personnel files. */
  files: boolean;
}

/** Weeks of coming sessions the panel shows. */
const HORIZON_DAYS = 13 * 7;

export function leaderView(w: World, me: number): LeaderView {
  const machine = machines(w);
  const name = (i: number) => w.sc.people[i]!.name;
  const inView = w.people
    .map((_, i) => i)
    .filter((i) => w.sc.people[i]!.isLeader && w.people[i]!.alive && !outOfParty(w, i));
  const perceived = inView.map((j) => perceivedPower(w, me, j, machine));
  const total = perceived.reduce((a, x) => a + x, 0) || 1;
  const files = capability(w, me, "files") > 0;
  const cc = committeeVotes(w);
  const top = topMembers(w);
  const ctl = controller(w);
  const horizon = Math.round(HORIZON_DAYS / w.sc.clock.tickDays);
  const meetings: LeaderView["meetings"] = [];
  for (let t = w.tick; t < Math.min(w.sc.clock.ticks, w.tick + horizon); t++)
    w.sc.bodies.forEach((b, k) => {
      const m = w.meets[k]![t]!;
      if (m > 0) meetings.push({ date: dateOfTick(w.sc.clock, t), body: b.name, extraordinary: m === 2 });
    });
  const mine = perceived[inView.indexOf(me)] ?? 0;
  return {
    date: dateOfTick(w.sc.clock, w.tick),
    id: w.sc.people[me]!.id,
    name: name(me),
    perceived: mine / total,
    offices: officesHeld(w, me).map((o) => w.sc.offices[o]!.name),
    seats: w.sc.bodies
      .filter((b) => seatIn(w, b.index, me) > 0)
      .map((b) => (seatIn(w, b.index, me) === 2 ? b.name : `${b.name} (candidate)`)),
    committeeVotes: { yours: cc.byLeader[me] ?? 0, total: cc.total },
    topBody: {
      yours: top.filter((i) => i === me || w.people[i]!.patron === me || w.backs[i] === me).length,
      total: top.length,
    },
    inRuling: w.ruling.includes(me),
    allies: (w.ruling.includes(me) ? w.ruling : w.opposition.includes(me) ? w.opposition : [])
      .filter((i) => i !== me)
      .map(name),
    backers: w.people
      .map((_, i) => i)
      .filter((i) => w.backs[i] === me)
      .map(name),
    rung: w.people[me]!.rung,
    threats: w.motions
      .filter((m) => m.target === me)
      .map(
        (m) =>
          `${m.kind === "remove" ? w.sc.ladder[m.rung]!.id : m.kind} before the ${w.sc.bodies[m.body]!.name}`,
      ),
    rivals: inView
      .filter((j) => j !== me)
      .map((j) => ({
        id: w.sc.people[j]!.id,
        name: name(j),
        perceived: perceived[inView.indexOf(j)]! / total,
        ruling: w.ruling.includes(j),
        rung: w.people[j]!.rung,
        dossier: files ? w.people[j]!.kompromat : null,
        backs: w.backs[j]! >= 0 ? name(w.backs[j]!) : null,
      }))
      .sort((a, b) => b.perceived - a.perceived),
    meetings,
    papers: ctl >= 0 && ctl !== me ? name(ctl) : null,
    files,
  };
}

/** The real state, for the end of a game: each leader's real power share and place on the ladder. */
export function realView(
  w: World,
): { id: string; name: string; power: number; rung: number; alive: boolean }[] {
  const power = realPowers(w);
  const leaders = w.people.map((_, i) => i).filter((i) => w.sc.people[i]!.isLeader);
  const total =
    leaders.reduce((a, i) => a + (w.people[i]!.alive && !outOfParty(w, i) ? power[i]! : 0), 0) || 1;
  return leaders
    .map((i) => ({
      id: w.sc.people[i]!.id,
      name: w.sc.people[i]!.name,
      power: w.people[i]!.alive && !outOfParty(w, i) ? power[i]! / total : 0,
      rung: w.people[i]!.rung,
      alive: w.people[i]!.alive,
    }))
    .sort((a, b) => b.power - a.power);
}
