/**
 * Votes in bodies. Every member votes. A member bound to a side votes with it: the motion's sponsors and the
 * side they move against, their clients (who follow their patron), and members of the ruling coalition, who
 * vote together. Every other member weighs the motion on its merits: the official line's pull, the standing
 * of the two sides, how close each side's line is to his own, what the sponsors' files hold on him (fear),
 * and his reading of which side is winning (bandwagoning on *perceived* power). Anonymous seats and
 * delegates are counted in groups that weigh the same things without a file or a view of their own.
 * Every tally sums to the votes cast; every named member's ballot is kept, with the swing voters.
 */

import type { VoteEvent } from "./events.ts";
import { chargePull, fileFear, fileLeverage, warningPull } from "./influence.ts";
import {
  capability,
  consensusPower,
  followedLeader,
  lineDistance,
  livePatron,
  machines,
  perceivedPowerWith,
} from "./power.ts";
import type { Rng } from "./random/rng.ts";
import { fullMembers } from "./seats.ts";
import { emit, ids, lineOf, personId, type VoterGroup, type World } from "./world.ts";

export type { VoterGroup } from "./world.ts";

/** `follows` value of voters pledged to an opposition platform: they vote against the leadership. */
export const AGAINST = -2;

export interface Tally {
  for: number;
  against: number;
  abstain: number;
}

/** The two sides of a motion: who moves it, whom it is aimed at, and who speaks against it. */
export interface Sides {
  sponsors: readonly number[];
  /** The person the motion is aimed at (or -1). */
  target: number;
  /** Others who speak against it (the target's allies). */
  opponents: readonly number[];
}

export type Ballot = "for" | "against" | "abstain";

export interface VoteOutcome {
  tally: Tally;
  passed: boolean;
  /** Ballots of the named members, by person index. */
  ballots: Map<number, Ballot>;
  /** Named members who weighed the motion on its merits and whose single ballot decided it. */
  swing: number[];
}

export interface VoteOptions {
  /** Extra pull on uncommitted voters toward the sponsors (a published testament, say). */
  extraPull?: number;
  /** Voters who are not seats of the body: a congress's delegation. */
  groups?: VoterGroup[];
  /** Members of the body's joint bodies sit and vote too (joint plenums on removals). */
  joint?: boolean;
  /** Votes force brought in for a side: positive for the sponsors, negative against. */
  forced?: number;
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Pull of a member's backing of a contender on his vote when that contender is one of the sides (logit). */
const BACKING_PULL = 1.5;

/** With nobody speaking against a motion, uncommitted voters back the official line almost to a man. */
const UNOPPOSED_PULL = 3;

/** A side's standing (its best-known member's, as far as he can work) and its line on every axis. */
function sideView(w: World, side: readonly number[], ill: number): { standing: number; line: number[] } {
  let standing = 0;
  const line = w.sc.axes.map(() => 0);
  for (const i of side) {
    const p = w.people[i]!;
    standing = Math.max(standing, p.prestige * Math.max(ill, p.capacity));
    for (let k = 0; k < line.length; k++) line[k]! += lineOf(p)[k]! / side.length;
  }
  return { standing, line };
}

/** Everything an uncommitted voter weighs that does not depend on who he is. */
interface Merits {
  unopposed: boolean;
  bias: number;
  pro: { standing: number; line: number[] };
  con: { standing: number; line: number[] };
  against: number[];
}

function meritsOf(w: World, sponsors: readonly number[], against: number[], extraPull: number): Merits {
  // Mechanisms that sway the uncommitted: a factionalism charge, the controller's forewarning.
  const charged = against.reduce((m, i) => Math.max(m, chargePull(w, i)), 0);
  const target = against.length > 0 ? against[0]! : -1;
  return {
    unopposed: against.length === 0,
    bias: w.sc.params.circularFlow.partyLineBias + extraPull + charged - warningPull(w, target),
    pro: sideView(w, sponsors, 0),
    con: sideView(w, against, 0.25),
    against,
  };
}

/**
 * Probability that an uncommitted voter whose line is `position` backs the sponsors, before fear, given his
 * reading `winning` (in [0, 1]) of the sponsors' chance to prevail.
 */
function meritProbability(w: World, m: Merits, position: readonly number[], winning: number): number {
  if (m.unopposed) return logistic(m.bias + UNOPPOSED_PULL);
  const b = w.sc.params.bodies;
  const rich = w.sc.enabled.bodies;
  const x =
    m.bias +
    b.standingWeight * (m.pro.standing - m.con.standing) +
    b.lineWeight * (lineDistance(w, position, m.con.line) - lineDistance(w, position, m.pro.line)) +
    (rich ? b.bandwagonWeight * (2 * winning - 1) : 0);
  return logistic(x);
}

/**
 * Probability that an uncommitted voter at `ideology` (first axis) backs the proposers against the other side
 * (`against`: the target and his allies), with no reading of who is winning. Kept for callers that weigh a
 * single line, such as the policy tests.
 */
export function supportProbability(
  w: World,
  proposers: number[],
  against: number[],
  ideology: number,
  lineBias: number,
): number {
  const m = meritsOf(w, proposers, against, 0);
  m.bias = lineBias;
  const position = w.sc.axes.map((_, k) => (k === 0 ? ideology : m.pro.line[k]!));
  return meritProbability(w, m, position, 0.5);
}

/** The sponsors' chance to prevail as `observer` sees the two sides' power (the public view when -1). */
function winningChance(
  w: World,
  observer: number,
  sponsors: readonly number[],
  against: readonly number[],
  machine: number[],
  players: number[],
  force: ReadonlyMap<number, number>,
): number {
  const view = (j: number) =>
    observer >= 0
      ? perceivedPowerWith(w, observer, j, machine, force.get(j)!)
      : consensusPower(w, players, j, machine);
  let pro = 0;
  let con = 0;
  for (const j of sponsors) pro += view(j);
  for (const j of against) con += view(j);
  return pro + con > 0 ? pro / (pro + con) : 0.5;
}

/** Whether a tally passes under a majority rule num/den of the votes cast for or against. */
export function passesRule(t: Tally, rule: { num: number; den: number }): boolean {
  return t.for * rule.den > rule.num * (t.for + t.against);
}

/** Passes with a strict majority of the votes cast for or against. */
export function passes(t: Tally): boolean {
  return t.for > t.against;
}

/** The named voters of a body (with its joint bodies' members if asked), alive. */
export function namedVoters(w: World, body: number, joint = false): number[] {
  const out = new Set<number>();
  for (const i of fullMembers(w, body)) if (w.people[i]!.alive) out.add(i);
  if (joint)
    for (const b of w.sc.bodies[body]!.joint)
      for (const i of fullMembers(w, b)) if (w.people[i]!.alive) out.add(i);
  return [...out].sort((a, b) => a - b);
}

/** The committee's anonymous seats as voter groups: regional secretaries and the blocs. */
export function committeeGroups(w: World): VoterGroup[] {
  const groups: VoterGroup[] = [];
  w.regions.forEach((r, i) => {
    if (r.committeeSeatPatron === -2) return;
    groups.push({
      count: 1,
      follows: livePatron(w, r.committeeSeatPatron),
      ideology: w.members.meanIdeology(i),
    });
  });
  for (const b of w.blocs) {
    if (b.seats > 0) groups.push({ count: b.seats, follows: livePatron(w, b.patron), ideology: b.ideology });
  }
  return groups;
}

/** How one named voter stands: bound to a side (p 1 or 0), absent, or weighing the motion (p in between). */
interface Stance {
  person: number;
  /** Chance he votes for; -1 when absent (he abstains). */
  p: number;
  weighed: boolean;
}

/** How one group of anonymous voters stands. */
interface GroupStance {
  count: number;
  /** Chance each votes for. */
  p: number;
}

/**
 * Every voter's chance of backing the sponsors. `observer` reads the winning side with his own eyes for
 * everyone (for a leader weighing whether to take a motion to a vote); by default each named voter reads it
 * with his own, and anonymous voters with the public's.
 */
function stances(
  w: World,
  body: number,
  sides: Sides,
  options: VoteOptions,
  observer = -2,
): { named: Stance[]; groups: GroupStance[] } {
  const sponsors = new Set(sides.sponsors);
  const con = new Set(sides.opponents);
  if (sides.target >= 0) con.add(sides.target);
  for (const i of sponsors) con.delete(i);
  const against = [...con].sort((a, b) => a - b);
  if (sides.target >= 0 && con.has(sides.target)) {
    against.splice(against.indexOf(sides.target), 1);
    against.unshift(sides.target);
  }
  const merits = meritsOf(w, sides.sponsors, against, options.extraPull ?? 0);
  const ruling = new Set(w.ruling);
  const rulingMotion = sides.sponsors.length > 0 && sides.sponsors.every((i) => ruling.has(i));
  const machine = machines(w);
  const players = w.players.length > 0 ? w.players : w.ruling;
  const rich = w.sc.enabled.bodies;
  // Every voter weighs the same sides: their force is worked out once, not once per voter.
  const force = new Map<number, number>();
  if (rich) for (const j of [...sides.sponsors, ...against]) force.set(j, capability(w, j, "force"));
  const publicView = rich
    ? winningChance(w, observer >= 0 ? observer : -1, sides.sponsors, against, machine, players, force)
    : 0.5;

  const named: Stance[] = [];
  for (const i of namedVoters(w, body, options.joint)) {
    const p = w.people[i]!;
    const bound = (yes: boolean) => named.push({ person: i, p: yes ? 1 : 0, weighed: false });
    if (p.capacity < 0.5) {
      named.push({ person: i, p: -1, weighed: false });
      continue;
    }
    if (sponsors.has(i)) bound(true);
    else if (con.has(i)) bound(false);
    else {
      const f = followedLeader(w, i);
      const leader = f >= 0 ? f : i;
      if (sponsors.has(leader)) bound(true);
      else if (con.has(leader)) bound(false);
      else if (rich && ruling.has(leader) && rulingMotion) bound(true);
      else if (rich && ruling.has(leader) && sides.target >= 0 && ruling.has(sides.target)) bound(false);
      else {
        const winning =
          !rich || observer >= 0
            ? publicView
            : winningChance(w, i, sides.sponsors, against, machine, players, force);
        let prob = meritProbability(w, merits, lineOf(p), winning);
        // Interest: a member who backs a contender leans to his side.
        const backed = rich ? w.backs[i]! : -1;
        if (backed >= 0 && (sponsors.has(backed) || con.has(backed))) {
          prob = logistic(Math.log(prob / (1 - prob)) + (sponsors.has(backed) ? 1 : -1) * BACKING_PULL);
        }
        prob +=
          (1 - prob) * (rich ? fileFear(w, sides.sponsors, p.kompromat) : fileLeverage(w, sides.sponsors));
        named.push({ person: i, p: prob, weighed: true });
      }
    }
  }

  const groups: GroupStance[] = [];
  const voters = options.groups ?? (body === w.sc.committee ? committeeGroups(w) : []);
  const leverage = fileLeverage(w, sides.sponsors);
  for (const g of voters) {
    if (g.count <= 0) continue;
    if (g.follows >= 0 && sponsors.has(g.follows)) groups.push({ count: g.count, p: 1 });
    else if (g.follows === AGAINST || (g.follows >= 0 && con.has(g.follows)))
      groups.push({ count: g.count, p: 0 });
    else if (rich && g.follows >= 0 && ruling.has(g.follows) && rulingMotion)
      groups.push({ count: g.count, p: 1 });
    else {
      const position = w.sc.axes.map((_, k) => (k === 0 ? g.ideology : merits.pro.line[k]!));
      const prob = meritProbability(w, merits, position, publicView);
      groups.push({ count: g.count, p: prob + (1 - prob) * leverage });
    }
  }
  return { named, groups };
}

/**
 * A body votes on a motion. Named members vote one by one (their ballots and the swing voters are returned);
 * the committee's anonymous seats, or a congress's delegates, vote in groups.
 */
export function vote(w: World, rng: Rng, body: number, sides: Sides, options: VoteOptions = {}): VoteOutcome {
  const { named, groups } = stances(w, body, sides, options);
  const tally: Tally = { for: 0, against: 0, abstain: 0 };
  const ballots = new Map<number, Ballot>();
  const free: number[] = [];
  for (const s of named) {
    const b: Ballot =
      s.p < 0 ? "abstain" : s.p >= 1 ? "for" : s.p <= 0 ? "against" : rng.chance(s.p) ? "for" : "against";
    ballots.set(s.person, b);
    tally[b]++;
    if (s.weighed) free.push(s.person);
  }
  for (const g of groups) {
    const yes = g.p >= 1 ? g.count : g.p <= 0 ? 0 : rng.binomial(g.count, g.p);
    tally.for += yes;
    tally.against += g.count - yes;
  }
  // Force: members brought in (or kept away) for one side.
  const forced = options.forced ?? 0;
  if (forced > 0) tally.for += forced;
  else if (forced < 0) tally.against -= forced;

  const rule = w.sc.bodies[body]!.majority;
  const passed = passesRule(tally, rule);
  const swing = free.filter((i) => {
    const mine = ballots.get(i);
    if (passed && mine === "for")
      return !passesRule({ ...tally, for: tally.for - 1, against: tally.against + 1 }, rule);
    if (!passed && mine === "against")
      return passesRule({ ...tally, for: tally.for + 1, against: tally.against - 1 }, rule);
    return false;
  });
  return { tally, passed, ballots, swing };
}

/**
 * The share of the votes cast that a side expects for its motion, reading every voter's view of the winning
 * side as `observer` does: what a leader weighs before taking a motion (or an appeal) to a body.
 */
export function expectedShare(
  w: World,
  body: number,
  sides: Sides,
  observer: number,
  options: VoteOptions = {},
): number {
  const { named, groups } = stances(w, body, sides, options, observer);
  let yes = 0;
  let cast = 0;
  for (const s of named) {
    if (s.p < 0) continue;
    yes += s.p;
    cast++;
  }
  for (const g of groups) {
    yes += g.count * g.p;
    cast += g.count;
  }
  return cast > 0 ? yes / cast : 0;
}

/** Every tally of a group-only vote (a congress), with the old signature: sponsors against a target. */
export function tally(
  w: World,
  rng: Rng,
  groups: VoterGroup[],
  proposers: number[],
  target: number,
  opponents: number[],
  extraPull = 0,
): Tally {
  return vote(w, rng, w.sc.congress, { sponsors: proposers, target, opponents }, { groups, extraPull }).tally;
}

/** Mean line of a set of people on the first axis (0 for nobody). */
export function meanIdeology(w: World, people: readonly number[]): number {
  return mean(people.map((i) => w.people[i]!.ideology));
}

/** Records a vote: the tally, every named member's ballot and the swing voters. */
export function emitVote(
  w: World,
  body: number,
  motion: string,
  target: number,
  outcome: VoteOutcome,
  proposers: readonly number[],
): void {
  const ballots: Record<string, Ballot> = {};
  for (const [i, b] of outcome.ballots) ballots[personId(w, i)] = b;
  emit<VoteEvent>(w, {
    type: "vote",
    body: w.sc.bodies[body]!.id,
    motion,
    target: target >= 0 ? personId(w, target) : null,
    ...outcome.tally,
    passed: outcome.passed,
    proposers: ids(w, proposers),
    ...(outcome.ballots.size > 0 ? { ballots } : {}),
    ...(outcome.swing.length > 0 ? { swing: ids(w, outcome.swing) } : {}),
    ...(w.meets[body]![w.tick] === 2 ? { extraordinary: true } : {}),
  });
}

/** A committee vote on a motion of `proposers` against `target`: the full tally, abstentions included. */
export function committeeVote(
  w: World,
  rng: Rng,
  proposers: number[],
  target: number,
  opponents: number[],
): Tally {
  return vote(w, rng, w.sc.committee, { sponsors: proposers, target, opponents }).tally;
}
