/**
 * The ladder of elimination, as the scenario lays it out: each step names what it takes (offices, seats in
 * executive bodies, the committee seat, party membership, freedom, life), which body decides it, whether it
 * needs armed force, and from when it exists. Repression periods take steps off the table. Steps are
 * cumulative: reaching one applies every earlier step that still takes something.
 */
import type { RemovalEvent } from "./events.ts";
import { committeeBodies, executiveBodies, removeFromPolitics, vacateOffices, vacateSeats } from "./posts.ts";
import { livePatron } from "./power.ts";
import { seatIn } from "./seats.ts";
import type { Decision, World } from "./world.ts";
import { emit, ids, personId } from "./world.ts";

/** Share of standing a person keeps at each step down. */
const STANDING_KEPT = 0.85;

/** Whether step `k` (0-based) exists at this tick and is not off the table. */
export function rungAvailable(w: World, k: number): boolean {
  const rung = w.sc.ladder[k];
  if (!rung || rung.fromTick > w.tick) return false;
  for (const r of w.sc.repression) {
    if (r.fromTick <= w.tick && w.tick < r.untilTick && r.rungs.includes(k)) return false;
  }
  return true;
}

/** Whether step `k` would take anything from the person now. */
export function takesSomething(w: World, person: number, k: number): boolean {
  if (k < w.people[person]!.rung) return false;
  switch (w.sc.ladder[k]!.kind) {
    case "office":
      return w.officeHolder.includes(person);
    case "executive":
      return w.seats.some((_, b) => executiveBodies(w)(b) && seatIn(w, b, person) > 0);
    case "committee":
      return w.seats.some((_, b) => committeeBodies(w)(b) && seatIn(w, b, person) > 0);
    default:
      return true;
  }
}

/**
 * The next step down that means something for this person (steps that would take nothing are skipped), or -1
 * when there is none, or the next one is not available now: the ladder stops there.
 */
export function nextRung(w: World, person: number): number {
  for (let k = w.people[person]!.rung; k < w.sc.ladder.length; k++) {
    if (!takesSomething(w, person, k)) continue;
    return rungAvailable(w, k) ? k : -1;
  }
  return -1;
}

/** Index of the first step of a kind, or -1. */
export function rungOfKind(w: World, kind: string): number {
  return w.sc.ladder.findIndex((r) => r.kind === kind);
}

/**
 * Pushes a person down to step `k` (0-based): every step up to it takes what it names. Returns the decision,
 * with what was lost, so that an appeal can give it back.
 */
export function applyRung(w: World, target: number, k: number, by: readonly number[], body = -1): Decision {
  const p = w.people[target]!;
  const decision: Decision = {
    kind: "removed",
    body,
    target,
    rung: k,
    sponsors: [...by],
    offices: [],
    seats: [],
    rungBefore: p.rung,
  };
  const kinds = new Set(w.sc.ladder.slice(0, k + 1).map((r) => r.kind));
  const lost: string[] = [];
  if (kinds.has("office")) {
    decision.offices = vacateOffices(w, target);
    for (const o of decision.offices) w.barred[o]!.push(target);
  }
  if (kinds.has("executive")) decision.seats.push(...vacateSeats(w, target, executiveBodies(w)));
  if (kinds.has("committee")) decision.seats.push(...vacateSeats(w, target, committeeBodies(w)));
  for (const o of decision.offices) lost.push(w.sc.offices[o]!.id);
  for (const s of decision.seats) lost.push(w.sc.bodies[s.body]!.id + (s.full ? "" : ":candidate"));
  p.rung = k + 1;
  p.lastRungTick = w.tick;
  p.prestige *= STANDING_KEPT;
  w.motions = w.motions.filter((m) => m.target !== target || m.kind !== "remove" || m.rung > k);
  const patron = livePatron(w, p.patron);
  emit<RemovalEvent>(w, {
    type: "removal",
    person: personId(w, target),
    rung: w.sc.ladder[k]!.id,
    kind: w.sc.ladder[k]!.kind,
    depth: k + 1,
    lost,
    by: ids(w, by),
    ...(body >= 0 ? { body: w.sc.bodies[body]!.id } : {}),
    ...(patron >= 0 && patron !== target && !by.includes(patron) ? { patron: personId(w, patron) } : {}),
  });
  if (w.sc.ladder[k]!.kind === "execution") {
    p.alive = false;
    p.capacity = 0;
    removeFromPolitics(w, target);
  }
  return decision;
}

/** Gives back what a decision took (an overturned removal): offices still vacant, seats, the step. */
export function reverseDecision(w: World, d: Decision): void {
  const p = w.people[d.target]!;
  if (!p.alive) return;
  for (const o of d.offices)
    if (w.officeHolder[o] === -1 && w.officeLive[o] === 1) w.officeHolder[o] = d.target;
  for (const s of d.seats) {
    const seats = w.seats[s.body]!;
    if (s.full && !seats.full.includes(d.target)) seats.full.push(d.target);
    if (!s.full && !seats.candidates.includes(d.target)) seats.candidates.push(d.target);
  }
  p.rung = d.rungBefore;
  p.prestige /= STANDING_KEPT;
}
