/**
 * Filling posts: who may hold an office (its eligibility rules, incompatible offices, the most posts one
 * person may hold), whom a patron nominates, and the appointment itself, with the event that says whose
 * client was displaced and by whom.
 */
import type { AppointmentEvent } from "./events.ts";
import { followedLeader, livePatron, officeCount, officesHeld, outOfParty, realPowers } from "./power.ts";
import { seatIn } from "./seats.ts";
import { emit, personId, type World } from "./world.ts";

/** Whether a person may take an office now under the scenario's rules. */
export function eligible(w: World, person: number, office: number): boolean {
  const p = w.people[person]!;
  if (!p.alive || p.rung > 0 || outOfParty(w, person)) return false;
  const held = officesHeld(w, person);
  if (held.includes(office) || w.barred[office]!.includes(person)) return false;
  if (held.length >= w.sc.params.offices.maxPerPerson) return false;
  if (!w.sc.params.offices.eligibility) return true;
  const o = w.sc.offices[office]!;
  if (held.some((h) => o.incompatible.includes(h) || w.sc.offices[h]!.incompatible.includes(office)))
    return false;
  const me = w.sc.people[person]!;
  const e = o.eligible;
  if (e.roles && !e.roles.includes(me.isLeader ? "leader" : "official")) return false;
  if (e.pools && !e.pools.some((x) => me.pools.includes(x))) return false;
  if (e.bodies && !e.bodies.some((b) => seatIn(w, b, person) > 0)) return false;
  return true;
}

/**
 * Whom `patron` puts forward for an office: an eligible client who holds no office yet, then one who does
 * (he takes on a second), then the patron himself, then a client of an ally, then an ally, then a member who
 * backs one of the allies, then anyone eligible; among the last two, the one whose line is nearest the
 * patron's. -1 when nobody is eligible.
 */
export function nominee(w: World, patron: number, office: number, allies: readonly number[] = []): number {
  const free: number[] = [];
  const busy: number[] = [];
  const alliedClients: number[] = [];
  const alliedLeaders: number[] = [];
  const supporters: number[] = [];
  const others: number[] = [];
  const secretaries = new Set(w.regions.map((r) => r.secretaryPerson));
  for (let i = 0; i < w.people.length; i++) {
    if (i === patron || !eligible(w, i, office)) continue;
    const p = w.people[i]!;
    const isLeader = w.sc.people[i]!.isLeader;
    if (p.patron === patron && !isLeader) {
      (officeCount(w, i) === 0 && !secretaries.has(i) ? free : busy).push(i);
    } else if (allies.includes(followedLeader(w, i))) (isLeader ? alliedLeaders : alliedClients).push(i);
    // A coalition keeps the posts on its own side: one who backs it comes before a rival or his backers.
    else if (allies.includes(w.backs[i]!)) supporters.push(i);
    else others.push(i);
  }
  if (free.length > 0) return free[0]!;
  if (busy.length > 0) return busy[0]!;
  if (eligible(w, patron, office)) return patron;
  if (alliedClients.length > 0) return alliedClients[0]!;
  if (alliedLeaders.length > 0) return alliedLeaders[0]!;
  const pool = supporters.length > 0 ? supporters : others;
  if (pool.length === 0) return -1;
  const line = w.people[patron]!.ideology;
  pool.sort(
    (a, b) => Math.abs(w.people[a]!.ideology - line) - Math.abs(w.people[b]!.ideology - line) || a - b,
  );
  return pool[0]!;
}

/** The member of a side with the most real power: the one who picks its nominees. */
export function strongestOf(w: World, side: readonly number[]): number {
  if (side.length === 0) return -1;
  const power = realPowers(w);
  return [...side].sort((a, b) => power[b]! - power[a]! || a - b)[0]!;
}

/** Puts a person into an office and records it. */
export function appointToOffice(w: World, office: number, person: number, by: number, body = -1): void {
  const before = w.officeHolder[office]!;
  w.officeHolder[office] = person;
  const f = followedLeader(w, person);
  const displacedPatron = before >= 0 ? followedLeader(w, before) : -1;
  emit<AppointmentEvent>(w, {
    type: "appointment",
    post: { kind: "office", id: w.sc.offices[office]!.id },
    person: personId(w, person),
    patron: f >= 0 && f !== person ? personId(w, f) : null,
    by: by >= 0 ? personId(w, by) : null,
    ...(before >= 0 ? { replaced: personId(w, before) } : {}),
    ...(displacedPatron >= 0 && displacedPatron !== before
      ? { replacedPatron: personId(w, displacedPatron) }
      : {}),
    ...(body >= 0 ? { body: w.sc.bodies[body]!.id } : {}),
  });
}

/** A named official who owes his career to `patron` and has no post yet, or -1. */
function freeClient(w: World, patron: number): number {
  const placed = new Set(w.regions.map((r) => r.secretaryPerson));
  for (let i = 0; i < w.people.length; i++) {
    const p = w.people[i]!;
    if (!p.alive || p.patron !== patron || w.sc.people[i]!.isLeader || placed.has(i) || p.rung > 0) continue;
    if (seatIn(w, w.sc.executive, i) > 0) continue;
    // Officials already holding an office stay where they are.
    if (officeCount(w, i) === 0) return i;
  }
  return -1;
}

/** Places a new secretary in region `r` loyal to `appointer`. */
export function appointSecretary(w: World, r: number, appointer: number, body = -1): void {
  const reg = w.regions[r]!;
  const replacedPerson = reg.secretaryPerson;
  const replacedPatron = livePatron(w, reg.secretaryPatron);
  const person = freeClient(w, appointer);
  reg.secretaryPerson = person;
  reg.secretaryName = person >= 0 ? w.sc.people[person]!.name : null;
  reg.secretaryPatron = appointer;
  reg.grip = 0.3 * w.sc.params.patronage.maxGrip;
  w.people[appointer]!.lesserClients += Math.round(w.sc.params.patronage.clientsPerAppointment);
  emit<AppointmentEvent>(w, {
    type: "appointment",
    post: { kind: "region", id: w.sc.regions[r]!.id },
    person: person >= 0 ? personId(w, person) : null,
    patron: personId(w, appointer),
    by: personId(w, appointer),
    replaced: replacedPerson >= 0 ? personId(w, replacedPerson) : null,
    ...(replacedPatron >= 0 ? { replacedPatron: personId(w, replacedPatron) } : {}),
    ...(body >= 0 ? { body: w.sc.bodies[body]!.id } : {}),
  });
}
