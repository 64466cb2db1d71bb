/**
 * The mutable state of one run. Leaders, offices and bodies are few, so they are plain objects;
 * everything is indexed like the compiled scenario's tables.
 */

import { dateOfTick, tickOf } from "./calendar.ts";
import type { CompiledScenario } from "./compiled.ts";
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
  ideology: number;
  /** Steps taken down the elimination ladder (0 = none; k = LADDER[k-1] reached). */
  rung: number;
  lastRungTick: number;
  /** Lesser officials placed by this person (not modelled one by one yet). */
  lesserClients: number;
  /** Turned to opposition over the line (policy): plays the coalition game whatever his ambition. */
  opposes: boolean;
  /** Recanted and submitted: no longer a contender. */
  capitulated: boolean;
  /** Economic line at the last reported shift (policy). */
  reportedIdeology: number;
  /** Charged with factionalism (ban on factions). */
  charged: boolean;
  /** How compromising the person's file is, in [0, 1] (personnel files). */
  kompromat: number;
  /** Seat in the executive body: 2 full member, 1 candidate, 0 none. */
  exec: 0 | 1 | 2;
  /** Holds a personal seat in the committee. */
  inCommittee: boolean;
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

export interface Motion {
  /** Ladder step (1-based) the motion would push the target to. */
  rung: number;
  target: number;
  proposers: number[];
  queuedTick: number;
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
  /** Full members of the executive body, in order of election. */
  execFull: number[];
  execCandidates: number[];
  execSeats: number;
  /** Committee seats held by members outside every patronage network. */
  independents: number[];
  /** Committee seats given to officials of a patron's apparatus at congresses (the patron of each seat). */
  apparatusSeats: number[];
  /** Current ruling coalition among the players (person indices, ascending); empty before one forms. */
  ruling: number[];
  /** Set when a vote has gone against the ruling coalition: it must re-form at the next politics round. */
  coalitionDefeated: boolean;
  /** Leaders who played the coalition game at the last politics round. */
  players: number[];
  /** Leaders the ruling coalition has moved against who are still in the party. */
  opposition: number[];
  /** perception[i * n + j]: what person i believes person j's machine to be (share in [0, 1]). */
  perception: Float64Array;
  /** meets[body][tick] = 1 when the body meets that tick. */
  meets: Uint8Array[];
  congressCount: number;
  /** Set by a congress: the new committee's first plenum may reshape the executive. */
  newCommittee: boolean;
  delegation: Delegation | null;
  pendingMotions: Motion[];
  events: SimEvent[];
  joined: number;
  left: number;
  soleLeader: number;
  soleSince: number;
  /** Tick at which each scenario shock fires in this run (-1 if it does not happen); drawn at setup. */
  shockTicks: number[];
  lastMembershipReport: number;
  /** The founder (a leader of towering standing) and the tick of his death, once it has happened. */
  founder: number;
  founderDeathTick: number;
  /** The founder's testament, once written. */
  testament: {
    target: number;
    writtenTick: number;
    fate: "held" | "published" | "read" | "suppressed";
  } | null;
  /** A running enrolment campaign. */
  campaign: { perTick: number; ticksLeft: number } | null;
  lastCampaignTick: number;
  /** The line of the leadership (power-weighted mean of the ruling coalition's positions). */
  line: number;
  /** Tick of the last opposition platform. */
  platformTick: number;
  /** Leaders who signed the last platform. */
  platformLeaders: number[];
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
    rung: 0,
    lastRungTick: -1e9,
    lesserClients: 0,
    opposes: false,
    reportedIdeology: p.ideology,
    capitulated: false,
    charged: false,
    kompromat: 0,
    exec: p.seats.includes(sc.executive) ? 2 : p.candidateOf.includes(sc.executive) ? 1 : 0,
    inCommittee: p.seats.includes(sc.committee),
  }));
  const regions: RegionState[] = sc.regions.map((r) => {
    return {
      secretaryPerson: r.secretaryPerson,
      secretaryName: r.secretaryName,
      secretaryPatron: r.secretaryPatron,
      grip: r.grip,
      entrenchment: r.entrenchment,
      committeeSeatPatron: r.inCentralCommittee ? r.secretaryPatron : -2,
    };
  });
  const independents: number[] = [];
  for (const group of sc.independents)
    for (let i = 0; i < group.count; i++) independents.push(group.ideology);

  const execFull = sc.people.filter((p) => p.seats.includes(sc.executive)).map((p) => p.index);
  const execCandidates = sc.people.filter((p) => p.candidateOf.includes(sc.executive)).map((p) => p.index);

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

  // Exogenous shocks: whether and when each happens is drawn once per run, before any mechanism acts.
  const schedule = streams.get("shocks:schedule");
  const shockTicks = sc.shocks.map((s) => {
    const happens = schedule.chance(s.probability);
    const offset = s.jitterDays > 0 ? schedule.int(2 * s.jitterDays + 1) - s.jitterDays : 0;
    return happens ? Math.max(0, tickOf(sc.clock, s.day + offset)) : -1;
  });

  return {
    sc,
    streams,
    seed,
    tick: 0,
    people,
    regions,
    members: createMembers(sc, streams.get("members:setup")),
    officeHolder: sc.offices.map((o) => o.holder),
    execFull,
    execCandidates,
    execSeats: sc.bodies[sc.executive]!.seats,
    independents,
    apparatusSeats: [],
    ruling: [],
    coalitionDefeated: false,
    players: [],
    opposition: [],
    perception: new Float64Array(n * n),
    meets,
    congressCount: 0,
    newCommittee: false,
    delegation: null,
    pendingMotions: [],
    events: [],
    joined: 0,
    left: 0,
    soleLeader: -1,
    soleSince: -1,
    shockTicks,
    lastMembershipReport: 0,
    founder: founderOf(sc),
    founderDeathTick: -1,
    testament: null,
    campaign: null,
    lastCampaignTick: -1e9,
    line: 0,
    platformTick: -1e9,
    platformLeaders: [],
  };
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

/** Appends an event stamped with the current tick and date. */
export function emit<E extends SimEvent>(w: World, e: Omit<E, "tick" | "date">): void {
  w.events.push({ tick: w.tick, date: dateOfTick(w.sc.clock, w.tick), ...e } as E);
}

export function personId(w: World, i: number): string {
  return w.sc.people[i]!.id;
}

/** Ticks between two rounds of leaders' politics (the fast clock). */
export function politicsEvery(w: World): number {
  return Math.max(1, Math.round((w.sc.params.coalitions.politicsEveryWeeks * 7) / w.sc.clock.tickDays));
}

export function meetsNow(w: World, body: number): boolean {
  return w.meets[body]![w.tick] === 1;
}

/** Total party membership. */
export function totalMembers(w: World): number {
  return w.members.count();
}
