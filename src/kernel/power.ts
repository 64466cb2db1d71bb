/**
 * Who controls what: capabilities granted by offices, votes controlled in the committee and at the congress,
 * and the real and perceived power that leaders reason with. Derived from the world each time it is asked,
 * so it can never drift from the state it summarises.
 */
import { CAP, type Capability } from "./compiled.ts";
import { fullMembers } from "./seats.ts";
import type { World } from "./world.ts";

/** Standing is held on an open scale (about 1 for the best-known leaders); nobody rises above this. */
export const MAX_PRESTIGE = 6;

/** Ladder kinds from which a person is out of the party and no longer leads anyone. */
const OUT_OF_PARTY = new Set(["party", "exile", "deportation", "arrest", "trial", "execution"]);

/** Whether a person has been put out of the party (expelled, exiled, deported, arrested...). */
export function outOfParty(w: World, person: number): boolean {
  const r = w.people[person]!.rung;
  return r > 0 && OUT_OF_PARTY.has(w.sc.ladder[r - 1]!.kind);
}

/** Whether an office reaches a region: it has no scope, or the region carries one of its tags. */
function reaches(w: World, office: number, region: number): boolean {
  const scope = w.sc.offices[office]!.scope;
  if (scope.length === 0 || region < 0) return scope.length === 0 || region < 0;
  const tags = w.sc.regions[region]!.tags;
  return scope.some((t) => tags.includes(t));
}

/**
 * Strength of a capability a person holds through his offices (0 when the offices mechanism is off), times his
 * capacity to work. Posts combine as independent channels, 1 − Π(1 − cᵢ), so a second post granting the same
 * lever adds to the first without passing 1 (`offices.params.combine: strongest` counts only the best post).
 * With a region, only offices whose scope reaches it count; without one, scoped offices count too.
 */
export function capability(w: World, person: number, cap: Capability, region = -1): number {
  if (!w.sc.enabled.offices || person < 0) return 0;
  const k = CAP[cap];
  const channels = w.sc.params.offices.combine === "channels";
  let miss = 1;
  let best = 0;
  for (let o = 0; o < w.officeHolder.length; o++) {
    if (w.officeHolder[o] !== person || w.officeLive[o] === 0) continue;
    const c = w.sc.offices[o]!.caps[k]!;
    if (c <= 0 || (region >= 0 && !reaches(w, o, region))) continue;
    miss *= 1 - c;
    if (c > best) best = c;
  }
  return (channels ? 1 - miss : best) * w.people[person]!.capacity;
}

/** The person holding the strongest capability of a kind (in a region, if given), or -1. */
export function strongestHolder(w: World, cap: Capability, region = -1): number {
  let best = -1;
  let bestValue = 0;
  const seen = new Set<number>();
  for (let o = 0; o < w.officeHolder.length; o++) {
    const h = w.officeHolder[o]!;
    if (h < 0 || seen.has(h) || w.officeLive[o] === 0) continue;
    seen.add(h);
    const value = capability(w, h, cap, region);
    if (value > bestValue) {
      bestValue = value;
      best = h;
    }
  }
  return best;
}

/** Whether a person can still lead a following: alive and in the party. */
export function canLead(w: World, person: number): boolean {
  const p = w.people[person];
  return !!p?.alive && !outOfParty(w, person);
}

/**
 * The leader a following of `patron` answers to: the patron himself if he can still lead; -1 if he cannot,
 * or if he has recanted and submitted (his people are then on their own).
 */
export function livePatron(w: World, patron: number): number {
  if (patron < 0 || !canLead(w, patron) || w.people[patron]!.capitulated) return -1;
  return patron;
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

/** The leader a person's vote follows, or the person himself when he follows nobody (his own master). */
export function principal(w: World, person: number): number {
  const f = followedLeader(w, person);
  return f >= 0 ? f : person;
}

/** Voting seats in the committee: named members, regional secretaries and the anonymous blocs. */
export function committeeSize(w: World): number {
  let n = 0;
  for (const i of fullMembers(w, w.sc.committee)) if (w.people[i]!.alive) n++;
  for (const r of w.regions) if (r.committeeSeatPatron !== -2) n++;
  for (const b of w.blocs) n += b.seats;
  return n;
}

/** Committee votes that follow each person (indexed by person), plus the independent votes. */
export function committeeVotes(w: World): { byLeader: number[]; independent: number; total: number } {
  const byLeader = new Array<number>(w.people.length).fill(0);
  let independent = 0;
  for (const b of w.blocs) {
    if (b.seats <= 0) continue;
    const f = livePatron(w, b.patron);
    if (f >= 0) byLeader[f]! += b.seats;
    else independent += b.seats;
  }
  for (const i of fullMembers(w, w.sc.committee)) {
    if (!w.people[i]!.alive) continue;
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
  let total = independent;
  for (const x of byLeader) total += x;
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
  return combineWith(w, person, machine, capability(w, person, "force"));
}

/** {@link combine} with the person's force capability already worked out (it does not depend on the machine). */
function combineWith(w: World, person: number, machine: number, force: number): number {
  const c = w.sc.params.coalitions;
  const p = w.people[person]!;
  return c.machineWeight * machine + c.prestigeWeight * p.prestige * p.capacity + c.forceWeight * force;
}

/** Real power of one person (the entry of {@link realPowers} for him, without working out everyone's). */
export function realPower(w: World, person: number, machine: number[]): number {
  return combine(w, person, machine[person]!);
}

/** Real power of every person (what a vote would reveal). */
export function realPowers(w: World, machine: number[] = machines(w)): number[] {
  const force = forceOfEveryone(w);
  return w.people.map((_, i) => combineWith(w, i, machine[i]!, force[i]!));
}

/**
 * `capability(w, i, "force")` for every person i, in one pass over the offices (each person's posts are
 * combined in office order, as capability does). The array is reused: read it before the next call.
 */
function forceOfEveryone(w: World): Float64Array {
  const n = w.people.length;
  if (forceScratch.length < 3 * n) forceScratch = new Float64Array(3 * n);
  const out = forceScratch.subarray(0, n);
  if (!w.sc.enabled.offices) return out.fill(0);
  const miss = forceScratch.subarray(n, 2 * n).fill(1);
  const best = forceScratch.subarray(2 * n, 3 * n).fill(0);
  const k = CAP.force;
  for (let o = 0; o < w.officeHolder.length; o++) {
    const h = w.officeHolder[o]!;
    if (h < 0 || w.officeLive[o] === 0) continue;
    const c = w.sc.offices[o]!.caps[k]!;
    if (c <= 0) continue;
    miss[h]! *= 1 - c;
    if (c > best[h]!) best[h] = c;
  }
  const channels = w.sc.params.offices.combine === "channels";
  for (let i = 0; i < n; i++) out[i] = (channels ? 1 - miss[i]! : best[i]!) * w.people[i]!.capacity;
  return out;
}

let forceScratch = new Float64Array(0);

/**
 * Power of `target` as `observer` sees it: the observer knows his own machine exactly (and may overrate himself);
 * of others he knows prestige and force, and only his estimate of their machine.
 */
export function perceivedPower(w: World, observer: number, target: number, machine: number[]): number {
  return perceivedPowerWith(w, observer, target, machine, capability(w, target, "force"));
}

/**
 * {@link perceivedPower} with the target's force capability already worked out (`capability(w, target,
 * "force")`: it does not depend on the observer), for callers that ask many observers about one target.
 */
export function perceivedPowerWith(
  w: World,
  observer: number,
  target: number,
  machine: number[],
  force: number,
): number {
  const n = w.people.length;
  if (observer === target) {
    return combineWith(w, target, machine[target]!, force) * (1 + w.sc.people[observer]!.selfConfidence);
  }
  return combineWith(w, target, w.perception[observer * n + target]!, force);
}

/** Mean of the players' views of a target's power (excluding the target's own view). */
export function consensusPower(w: World, observers: number[], target: number, machine: number[]): number {
  // Each observer's view of another is combine() on his estimate of the machine; the force term is the same
  // for all, so it is worked out once.
  const n = w.people.length;
  const force = capability(w, target, "force");
  let s = 0;
  let k = 0;
  for (const o of observers) {
    if (o === target) continue;
    s += combineWith(w, target, w.perception[o * n + target]!, force);
    k++;
  }
  return k > 0 ? s / k : combineWith(w, target, machine[target]!, force);
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

/** How many offices a person holds (that exist now): {@link officesHeld}'s length, without the list. */
export function officeCount(w: World, person: number): number {
  let n = 0;
  for (let o = 0; o < w.officeHolder.length; o++)
    if (w.officeHolder[o] === person && w.officeLive[o] === 1) n++;
  return n;
}

/** Offices a person holds (that exist now). */
export function officesHeld(w: World, person: number): number[] {
  const out: number[] = [];
  w.officeHolder.forEach((h, o) => {
    if (h === person && w.officeLive[o] === 1) out.push(o);
  });
  return out;
}

/** Distance between two lines over every policy axis, weighted by the axes' salience. */
export function lineDistance(w: World, a: readonly number[], b: readonly number[]): number {
  const axes = w.sc.axes;
  if (axes.length === 1) return Math.abs(a[0]! - b[0]!);
  let s = 0;
  for (let k = 0; k < axes.length; k++) {
    const d = a[k]! - b[k]!;
    s += axes[k]!.salience * d * d;
  }
  // In units of the first axis: a gap on it alone reads as on a one-axis scenario.
  return Math.sqrt(s / axes[0]!.salience);
}
