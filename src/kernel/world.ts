/**
 * The mutable state of one run. Leaders, offices and bodies are few, so they are plain objects; everything is
 * indexed like the compiled scenario's tables. The world is plain data (arrays, typed arrays and the random
 * streams' states), so it can be cloned for lookahead.
 */
import { dateOfTick, tickOf } from "./calendar.ts";
import type { CompiledScenario } from "./compiled.ts";
import type { Control } from "./decisions/action.ts";
import type { SimEvent } from "./events.ts";
import { createMembers } from "./members/index.ts";
import type { MemberStore } from "./members/store.ts";
import { Streams } from "./random/rng.ts";

export interface PersonState {
  alive: boolean;
  /** 1 = fully at work, 0 = unable to act (illness). */
  capacity: number;
  /** Index of the person this one owes his career to, or -1. */
  patron: number;
  prestige: number;
  /** Line on the first policy axis (the one the rank and file hold). */
  ideology: number;
  /** Line on every policy axis; read it through `lineOf`, which copies `ideology` into the first. */
  positions: number[];
  /** Steps taken down the elimination ladder: 0 none; k = ladder[k-1] reached. */
  rung: number;
  lastRungTick: number;
  /** Lesser officials placed by this person (not modelled one by one). */
  lesserClients: number;
  /** Turned to opposition over the line (policy): takes the initiative whatever his ambition. */
  opposes: boolean;
  /** Recanted and submitted: no longer a contender. */
  capitulated: boolean;
  /** Voted against a turn of the line that carried: on record against the line, open to attack (policy). */
  outvoted: boolean;
  /** Economic line at the last reported shift (policy). */
  reportedIdeology: number;
  /** Charged with factionalism (ban on factions). */
  charged: boolean;
  /** How compromising the person's file is, in [0, 1] (personnel files). */
  kompromat: number;
}

export interface RegionState {
  secretaryPerson: number;
  secretaryName: string | null;
  secretaryPatron: number;
  grip: number;
  entrenchment: number;
  /** Committee seat of the region's secretary: -2 none, else the patron he answered to when elected (-1 none). */
  committeeSeatPatron: number;
}

/** Named members of a body: voting (full) members and candidates, in order of election. */
export interface BodySeats {
  full: number[];
  candidates: number[];
}

/** Anonymous committee seats of one institution that follow one leader (or none). */
export interface BlocState {
  /** Index of the scenario's bloc it started as, or -1 for seats added at a congress. */
  bloc: number;
  institution: string;
  /** Leader its members follow: the patron they answered to when elected (-1 none). */
  patron: number;
  ideology: number;
  seats: number;
  candidates: number;
}

/** A block of voters who behave alike. */
export interface VoterGroup {
  count: number;
  /** Leader the group follows, -1 if uncommitted, -2 if pledged to an opposition platform. */
  follows: number;
  ideology: number;
}

/** Delegates chosen by the regional conferences for the coming congress. */
export interface Delegation {
  /** Delegates grouped by whom they follow (-1 uncommitted) and their region's economic line. */
  groups: VoterGroup[];
  total: number;
}

/** What a motion asks a body to decide. */
export type MotionKind =
  /** push `target` down the ladder to step `rung` */
  | "remove"
  /** put `target` into `office` */
  | "appoint"
  /** confirm `target` as the appointer's secretary of `region` */
  | "confirm"
  /** overturn the decision recorded in `appeal` */
  | "appeal";

export interface Motion {
  kind: MotionKind;
  /** Body that votes on it. */
  body: number;
  target: number;
  /** remove: ladder index (0-based) of the step. */
  rung: number;
  office: number;
  region: number;
  /** The side that moves it. */
  sponsors: number[];
  queuedTick: number;
  /** appeal: the decision being appealed. */
  appeal: Decision | null;
}

/** A decision a body took, as an appeal refers to it. */
export interface Decision {
  kind: "removed" | "kept";
  body: number;
  target: number;
  rung: number;
  /** The side that moved the original motion. */
  sponsors: number[];
  /** What the target lost (office and body indices), to give back if it is overturned. */
  offices: number[];
  seats: { body: number; full: boolean }[];
  rungBefore: number;
}

export interface World {
  readonly sc: CompiledScenario;
  readonly streams: Streams;
  readonly seed: number;
  tick: number;
  people: PersonState[];
  regions: RegionState[];
  /** The rank and file (aggregate or individual fidelity). */
  members: MemberStore;
  officeHolder: number[];
  /** 1 while an office exists (between its creation and abolition). */
  officeLive: Uint8Array;
  /** People who may not take an office again: they gave it up (a scheduled resignation) or were removed from it. */
  barred: number[][];
  /** Named members of every body. */
  seats: BodySeats[];
  /** Voting seats of each executive body (it may be enlarged up to its maximum). */
  size: number[];
  /** The committee's anonymous seats, by institution and patron. */
  blocs: BlocState[];
  /** Current ruling coalition among the players (person indices, ascending); empty before one forms. */
  ruling: number[];
  /** Set when a vote has gone against the ruling coalition: it must re-form at the next politics round. */
  coalitionDefeated: boolean;
  /** Players of the coalition game at the last politics round. */
  players: number[];
  /** Contenders (players who take the initiative) at the last politics round. */
  contenders: number[];
  /** The contender each player who does not seek power backs (-1 none), by person. */
  backs: number[];
  /** Leaders the ruling coalition has moved against who are still in the party. */
  opposition: number[];
  /** perception[i * n + j]: what person i believes person j's machine to be (share in [0, 1]). */
  perception: Float64Array;
  /** meets[body][tick] = 1 when the body meets that tick (2: an extraordinary session). */
  meets: Uint8Array[];
  congressCount: number;
  /** Set by a congress: the new committee's first plenum may reshape the executive. */
  newCommittee: boolean;
  delegation: Delegation | null;
  /** Motions waiting for their body's next session. */
  motions: Motion[];
  /** Offices promised to a swing member's side while courting him: office-holder-to-be by promiser. */
  promises: { to: number; by: number; tick: number }[];
  events: SimEvent[];
  joined: number;
  left: number;
  soleLeader: number;
  soleSince: number;
  /** Tick at which each scenario shock and each scheduled transfer happens (-1 if it does not); drawn at setup. */
  shockTicks: number[];
  transferTicks: number[];
  lastMembershipReport: number;
  /** The founder (a leader of towering standing) and the tick of his death, once it has happened. */
  founder: number;
  founderDeathTick: number;
  /** Whether the founder's legacy has been repudiated. */
  repudiated: boolean;
  /** The founder's testament, once written. */
  testament: {
    target: number;
    writtenTick: number;
    fate: "held" | "published" | "read" | "suppressed";
  } | null;
  /** A running enrolment campaign. */
  campaign: { perTick: number; ticksLeft: number } | null;
  lastCampaignTick: number;
  /** The line of the leadership on the first axis (power-weighted mean of the ruling coalition's positions). */
  line: number;
  /** The line the top body last adopted by a vote (null before the first politics round). */
  adoptedLine: number[] | null;
  /** The party's mood on each axis the rank and file do not hold one by one (index 0 unused). */
  moods: number[];
  /** Tick of the last opposition platform. */
  platformTick: number;
  /** Leaders who signed the last platform. */
  platformLeaders: number[];
  /** The leader a player (or a policy other than the model's own) controls, and his intent; null in a plain run. */
  control: Control | null;
}

/** The world at tick 0, before any mechanism has run. */
export function createWorld(sc: CompiledScenario, seed: number): World {
  const streams = new Streams(seed);
  const people: PersonState[] = sc.people.map((p) => ({
    alive: true,
    capacity: 1,
    patron: p.patron,
    prestige: p.prestige,
    ideology: p.ideology,
    positions: [...p.positions],
    // A person who fell before the start begins down the ladder, from the day of his fall.
    rung: p.startRung,
    lastRungTick: p.startRung > 0 ? p.fellTick : -1e9,
    lesserClients: 0,
    opposes: false,
    reportedIdeology: p.ideology,
    capitulated: false,
    outvoted: false,
    charged: false,
    kompromat: 0,
  }));
  const regions: RegionState[] = sc.regions.map((r) => ({
    secretaryPerson: r.secretaryPerson,
    secretaryName: r.secretaryName,
    secretaryPatron: r.secretaryPatron,
    grip: r.grip,
    entrenchment: r.entrenchment,
    committeeSeatPatron: r.inCentralCommittee ? r.secretaryPatron : -2,
  }));
  const seats: BodySeats[] = sc.bodies.map((b) => ({
    full: sc.people.filter((p) => p.seats.includes(b.index)).map((p) => p.index),
    candidates: sc.people.filter((p) => p.candidateOf.includes(b.index)).map((p) => p.index),
  }));
  const blocs: BlocState[] = sc.blocs.map((b, k) => ({
    bloc: k,
    institution: b.institution,
    patron: b.patron,
    ideology: b.ideology,
    seats: b.seats,
    candidates: b.candidates,
  }));

  const n = sc.people.length;
  // Meeting calendars: each meeting may move within its jitter window, drawn once per run.
  const rng = streams.get("calendar");
  const meets = sc.bodies.map((b) => {
    const flags = new Uint8Array(sc.clock.ticks);
    for (const t of b.meetingTicks) {
      const moved = b.jitterTicks > 0 ? t + rng.int(2 * b.jitterTicks + 1) - b.jitterTicks : t;
      flags[Math.min(sc.clock.ticks - 1, Math.max(1, moved))] = 1;
    }
    return flags;
  });

  // Exogenous shocks and transfers: whether and when each happens is drawn once per run, before any mechanism.
  const schedule = streams.get("shocks:schedule");
  const shockTicks = sc.shocks.map((s) => {
    const happens = schedule.chance(s.probability);
    const offset = s.jitterDays > 0 ? schedule.int(2 * s.jitterDays + 1) - s.jitterDays : 0;
    return happens ? Math.max(0, tickOf(sc.clock, s.day + offset)) : -1;
  });
  const transfers = streams.get("transfers:schedule");
  const transferTicks = sc.transfers.map((t) =>
    transfers.chance(t.probability) ? Math.max(0, tickOf(sc.clock, t.day)) : -1,
  );

  return {
    sc,
    streams,
    seed,
    tick: 0,
    people,
    regions,
    members: createMembers(sc, streams.get("members:setup")),
    officeHolder: sc.offices.map((o) => (o.fromTick > 0 ? -1 : o.holder)),
    officeLive: Uint8Array.from(sc.offices, (o) => (o.fromTick <= 0 && o.untilTick > 0 ? 1 : 0)),
    barred: sc.offices.map(() => []),
    seats,
    size: sc.bodies.map((b, i) => Math.max(b.seats, seats[i]!.full.length)),
    blocs,
    ruling: [],
    coalitionDefeated: false,
    players: [],
    contenders: [],
    backs: sc.people.map(() => -1),
    opposition: [],
    perception: new Float64Array(n * n),
    meets,
    congressCount: 0,
    newCommittee: false,
    delegation: null,
    motions: [],
    promises: [],
    events: [],
    joined: 0,
    left: 0,
    soleLeader: -1,
    soleSince: -1,
    shockTicks,
    transferTicks,
    lastMembershipReport: 0,
    founder: founderOf(sc),
    founderDeathTick: -1,
    repudiated: false,
    testament: null,
    campaign: null,
    lastCampaignTick: -1e9,
    line: 0,
    adoptedLine: null,
    // The party's mood on the axes members do not hold one by one starts where its leaders stand on average.
    moods: sc.axes.map((_, k) => {
      const leaders = sc.people.filter((p) => p.isLeader);
      return k === 0 || leaders.length === 0
        ? 0
        : leaders.reduce((a, p) => a + p.positions[k]!, 0) / leaders.length;
    }),
    platformTick: -1e9,
    platformLeaders: [],
    control: null,
  };
}

/**
 * An independent copy of a world, for lookahead: the scenario is shared (it is never written), everything else
 * copied; the random streams are copied at the point they have reached unless other streams are given.
 */
export function cloneWorld(w: World, streams = w.streams.clone()): World {
  const { sc, streams: _, members, events, ...rest } = w;
  return { ...structuredClone(rest), sc, streams, members: members.clone(), events: [...events] };
}

/**
 * The founder: the leader of the highest standing, if it reaches the legacy's founder threshold; -1 otherwise.
 * Recorded for every run, whichever mechanisms are on, since several react to him.
 */
export function founderOf(sc: CompiledScenario, threshold = sc.params.legacy.founderPrestige): number {
  let best = -1;
  for (const p of sc.people) {
    if (!p.isLeader || p.prestige < threshold) continue;
    if (best < 0 || p.prestige > sc.people[best]!.prestige) best = p.index;
  }
  return best;
}

/**
 * A person's line on every axis. `ideology` is the first axis's value and the one code outside the policy
 * axes reads and writes, so it is copied in first: the two can never disagree where it matters.
 */
export function lineOf(p: PersonState): number[] {
  p.positions[0] = p.ideology;
  return p.positions;
}

/** Appends an event stamped with the current tick and date. */
export function emit<E extends SimEvent>(w: World, e: Omit<E, "tick" | "date">): void {
  w.events.push({ tick: w.tick, date: dateOfTick(w.sc.clock, w.tick), ...e } as E);
}

export function personId(w: World, i: number): string {
  return w.sc.people[i]!.id;
}

export function ids(w: World, xs: readonly number[]): string[] {
  return xs.map((i) => personId(w, i));
}

/** Ticks between two rounds of leaders' politics (the fast clock). */
export function politicsEvery(w: World): number {
  return Math.max(1, Math.round((w.sc.params.coalitions.politicsEveryWeeks * 7) / w.sc.clock.tickDays));
}

/** Whether a body sits this tick (a regular or an extraordinary session). */
export function meetsNow(w: World, body: number): boolean {
  return (w.meets[body]![w.tick] ?? 0) > 0;
}

/** Total party membership. */
export function totalMembers(w: World): number {
  return w.members.count();
}
