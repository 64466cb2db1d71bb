/**
 * Who controls what: capabilities granted by offices, votes controlled in the committee and at the congress,
 * and the real and perceived power that leaders reason with. Derived from the world each time it is asked,
 * so it can never drift from the state it summarises.
 */
import { CAPABILITIES, type Capability } from "./compiled.ts";
import type { World } from "./world.ts";

const CAP_INDEX = Object.fromEntries(CAPABILITIES.map((c, i) => [c, i])) as Record<Capability, number>;

/** Standing is held on an open scale (about 1 for the best-known leaders); nobody rises above this. */
export const MAX_PRESTIGE = 6;

/** Rung from which a person no longer leads anyone: expelled from the party. */
export const EXPELLED_RUNG = 4;

/** Strength of a capability a person holds through his offices (0 when the offices mechanism is off). */
export function capability(w: World, person: number, cap: Capability): number {
  if (!w.sc.enabled.offices) return 0;
  const k = CAP_INDEX[cap];
  let best = 0;
  for (let o = 0; o < w.officeHolder.length; o++) {
    if (w.officeHolder[o] === person) best = Math.max(best, w.sc.offices[o]!.caps[k]!);
  }
  return best * w.people[person]!.capacity;
}

/** The person holding the strongest capability of a kind, or -1. */
export function strongestHolder(w: World, cap: Capability): number {
  let best = -1;
  let bestValue = 0;
  for (let o = 0; o < w.officeHolder.length; o++) {
    const h = w.officeHolder[o]!;
    if (h < 0) continue;
    const value = capability(w, h, cap);
    if (value > bestValue) {
      bestValue = value;
      best = h;
    }
  }
  return best;
}

/** Whether a person can still lead a following: alive and not expelled. */
export function canLead(w: World, person: number): boolean {
  const p = w.people[person];
  return !!p?.alive && p.rung < EXPELLED_RUNG;
}

/**
 * The leader a person's vote follows: his patron if the patron can still lead, himself if he is a leader
 * with no patron, otherwise -1 (an independent vote).
 */
export function followedLeader(w: World, person: number): number {
  const p = w.people[person]!;
  if (p.patron >= 0 && livePatron(w, p.patron) >= 0) return p.patron;
  if (w.sc.people[person]!.isLeader && canLead(w, person)) return person;
  return -1;
}

/**
 * The leader a following of `patron` answers to: the patron himself if he can still lead; -1 if he cannot,
 * or if he has recanted and submitted (his people are then on their own).
 */
export function livePatron(w: World, patron: number): number {
  if (patron < 0 || !canLead(w, patron) || w.people[patron]!.capitulated) return -1;
  return patron;
}

/** Committee seats in the order votes are counted: persons, regional secretaries, apparatus officials, independents. */
export function committeeSize(w: World): number {
  let n = w.independents.length + w.apparatusSeats.length;
  for (const p of w.people) if (p.inCommittee && p.alive) n++;
  for (const r of w.regions) if (r.committeeSeatPatron !== -2) n++;
  return n;
}

/** Committee votes that follow each person (indexed by person), plus the independent votes. */
export function committeeVotes(w: World): { byLeader: number[]; independent: number; total: number } {
  const byLeader = new Array<number>(w.people.length).fill(0);
  let independent = w.independents.length;
  for (const patron of w.apparatusSeats) {
    const f = livePatron(w, patron);
    if (f >= 0) byLeader[f]!++;
    else independent++;
  }
  for (let i = 0; i < w.people.length; i++) {
    const p = w.people[i]!;
    if (!p.inCommittee || !p.alive) continue;
    const f = followedLeader(w, i);
    if (f >= 0) byLeader[f]!++;
    else independent++;
  }
  for (const r of w.regions) {
    if (r.committeeSeatPatron === -2) continue;
    const f = livePatron(w, r.committeeSeatPatron);
    if (f >= 0) byLeader[f]!++;
    else independent++;
  }
  const total = byLeader.reduce((a, b) => a + b, 0) + independent;
  return { byLeader, independent, total };
}

/** How readily a region's delegates follow its secretary: his grip times the members' mean loyalty to the apparatus. */
export function regionControl(w: World, r: number): number {
  if (!w.sc.enabled.circularFlow) return 0;
  const reg = w.regions[r]!;
  if (livePatron(w, reg.secretaryPatron) < 0) return 0;
  return reg.grip * w.members.meanLoyalty(r);
}

/** Expected congress delegates following each person if a congress were chosen now. */
export function expectedDelegates(w: World): { byLeader: number[]; total: number } {
  const byLeader = new Array<number>(w.people.length).fill(0);
  const total = w.sc.bodies[w.sc.congress]!.delegates;
  const members = w.members.count();
  if (members <= 0) return { byLeader, total };
  w.regions.forEach((reg, r) => {
    const f = livePatron(w, reg.secretaryPatron);
    if (f < 0) return;
    byLeader[f]! += (total * w.members.count(r) * regionControl(w, r)) / members;
  });
  return { byLeader, total };
}

/** Each leader's machine: the mean of his shares of committee votes and of expected congress delegates. */
export function machines(
  w: World,
  cc: ReturnType<typeof committeeVotes> = committeeVotes(w),
  cg: ReturnType<typeof expectedDelegates> = expectedDelegates(w),
): number[] {
  return w.people.map(
    (_, i) =>
      0.5 * (cc.total > 0 ? cc.byLeader[i]! / cc.total : 0) +
      0.5 * (cg.total > 0 ? cg.byLeader[i]! / cg.total : 0),
  );
}

/** Power from its three sources, weighted by the coalition parameters. */
function combine(w: World, person: number, machine: number): number {
  const c = w.sc.params.coalitions;
  const p = w.people[person]!;
  return (
    c.machineWeight * machine +
    c.prestigeWeight * p.prestige * p.capacity +
    c.forceWeight * capability(w, person, "force")
  );
}

/** Real power of every person (what a vote would reveal). */
export function realPowers(w: World, machine: number[] = machines(w)): number[] {
  return w.people.map((_, i) => combine(w, i, machine[i]!));
}

/**
 * Power of `target` as `observer` sees it: the observer knows his own machine exactly (and may overrate himself);
 * of others he knows prestige and force, and only his estimate of their machine.
 */
export function perceivedPower(w: World, observer: number, target: number, machine: number[]): number {
  const n = w.people.length;
  if (observer === target) {
    return combine(w, target, machine[target]!) * (1 + w.sc.people[observer]!.selfConfidence);
  }
  return combine(w, target, w.perception[observer * n + target]!);
}

/** Mean of the players' views of a target's power (excluding the target's own view). */
export function consensusPower(w: World, observers: number[], target: number, machine: number[]): number {
  let s = 0;
  let k = 0;
  for (const o of observers) {
    if (o === target) continue;
    s += perceivedPower(w, o, target, machine);
    k++;
  }
  return k > 0 ? s / k : combine(w, target, machine[target]!);
}

/** Number of clients: lesser officials, regional secretaries and named officials who owe their post to a person. */
export function clientCounts(w: World): number[] {
  const out = w.people.map((p) => p.lesserClients);
  for (const r of w.regions) {
    const f = livePatron(w, r.secretaryPatron);
    if (f >= 0) out[f]!++;
  }
  w.people.forEach((p, i) => {
    if (p.alive && p.patron >= 0 && canLead(w, p.patron) && i !== p.patron) out[p.patron]!++;
  });
  return out;
}

/** Offices a person holds. */
export function officesHeld(w: World, person: number): number[] {
  const out: number[] = [];
  w.officeHolder.forEach((h, o) => {
    if (h === person) out.push(o);
  });
  return out;
}
