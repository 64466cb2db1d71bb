/**
 * Who sits where: named members of every body (full and candidate), seating and unseating them. Bodies are
 * few and small, so plain arrays in order of election are enough.
 */
import type { World } from "./world.ts";

/** A person's place in a body: 2 full member, 1 candidate, 0 none. */
export function seatIn(w: World, body: number, person: number): 0 | 1 | 2 {
  const s = w.seats[body];
  if (!s) return 0;
  if (s.full.includes(person)) return 2;
  return s.candidates.includes(person) ? 1 : 0;
}

/** Full members of a body. */
export function fullMembers(w: World, body: number): readonly number[] {
  return w.seats[body]?.full ?? [];
}

/** Full members of the top body (the one whose members play the coalition game). */
export function topMembers(w: World): readonly number[] {
  return fullMembers(w, w.sc.executive);
}

/** Whether a person holds a personal seat in the committee. */
export function inCommittee(w: World, person: number): boolean {
  return w.seats[w.sc.committee]!.full.includes(person);
}

/** Seats a person in a body as a full member or a candidate (a candidate promoted leaves the bench). */
export function seat(w: World, body: number, person: number, full: boolean): void {
  const s = w.seats[body]!;
  s.candidates = s.candidates.filter((i) => i !== person);
  if (full) {
    if (!s.full.includes(person)) s.full.push(person);
  } else if (!s.full.includes(person) && !s.candidates.includes(person)) s.candidates.push(person);
}

/** Takes a person's seat (full or candidate) in one body; returns what he held there, or null. */
export function unseat(w: World, body: number, person: number): { body: number; full: boolean } | null {
  const s = w.seats[body]!;
  const held = seatIn(w, body, person);
  if (held === 0) return null;
  s.full = s.full.filter((i) => i !== person);
  s.candidates = s.candidates.filter((i) => i !== person);
  return { body, full: held === 2 };
}

/** Whether the body is an executive body (the top body, an organisation bureau, a secretariat...). */
export function isExecutive(w: World, body: number): boolean {
  return w.sc.bodies[body]!.kind === "executive";
}

/**
 * The size the electing body last set for a body (its size schedule), or -1 when none applies yet. It holds
 * until the next entry: a session refills the body up to it, and never unseats anyone to meet it.
 */
export function scheduledSize(w: World, body: number): number {
  let seats = -1;
  for (const s of w.sc.bodies[body]!.sizes) {
    if (s.tick > w.tick) break;
    seats = s.seats;
  }
  return seats;
}
