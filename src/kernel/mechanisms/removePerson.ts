import type { World } from "../world.ts";

/** Vacates every post a person holds (death, or the end of a career): offices and executive seats. */
export function vacatePosts(w: World, person: number): string[] {
  const lost: string[] = [];
  w.officeHolder.forEach((h, o) => {
    if (h === person) {
      w.officeHolder[o] = -1;
      lost.push(w.sc.offices[o]!.id);
    }
  });
  const p = w.people[person]!;
  if (p.exec !== 0) {
    lost.push(w.sc.bodies[w.sc.executive]!.id);
    w.execFull = w.execFull.filter((i) => i !== person);
    w.execCandidates = w.execCandidates.filter((i) => i !== person);
    p.exec = 0;
  }
  return lost;
}

/** Removes a person from every body and post, e.g. on death. Clients are left without a patron. */
export function removeFromPolitics(w: World, person: number): void {
  vacatePosts(w, person);
  const p = w.people[person]!;
  p.inCommittee = false;
  w.ruling = w.ruling.filter((i) => i !== person);
  w.opposition = w.opposition.filter((i) => i !== person);
  w.pendingMotions = w.pendingMotions.filter((m) => m.target !== person);
}
