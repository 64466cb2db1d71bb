/**
 * Posts a person holds and losing them: offices and seats in bodies. Used by the ladder (a removal takes
 * what its step names) and by deaths (a dead man holds nothing).
 */
import { isExecutive, unseat } from "./seats.ts";
import type { World } from "./world.ts";

/** Vacates every office a person holds; returns the offices' indices. */
export function vacateOffices(w: World, person: number): number[] {
  const lost: number[] = [];
  w.officeHolder.forEach((h, o) => {
    if (h === person) {
      w.officeHolder[o] = -1;
      lost.push(o);
    }
  });
  return lost;
}

/** Takes a person's seats in bodies of the given kinds; returns what he held. */
export function vacateSeats(
  w: World,
  person: number,
  which: (body: number) => boolean,
): { body: number; full: boolean }[] {
  const lost: { body: number; full: boolean }[] = [];
  for (let b = 0; b < w.seats.length; b++) {
    if (!which(b)) continue;
    const held = unseat(w, b, person);
    if (held) lost.push(held);
  }
  return lost;
}

/** Seats in executive bodies (the top body, bureaus, secretariats). */
export const executiveBodies = (w: World) => (b: number) => isExecutive(w, b);

/** Seats in the committee and the commissions that sit with it. */
export const committeeBodies = (w: World) => (b: number) =>
  b === w.sc.committee || w.sc.bodies[b]!.kind === "commission";

/** Removes a person from every body and post, e.g. on death. Clients are left without a patron. */
export function removeFromPolitics(w: World, person: number): void {
  vacateOffices(w, person);
  vacateSeats(w, person, () => true);
  w.ruling = w.ruling.filter((i) => i !== person);
  w.opposition = w.opposition.filter((i) => i !== person);
  w.motions = w.motions.filter((m) => m.target !== person);
}
