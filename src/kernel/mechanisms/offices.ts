/**
 * Offices and the capabilities they grant (appoint, agenda, files, force, press). Capabilities are read
 * through power.ts; this module refills vacant offices at the committee's plenums, with a client of the
 * strongest member of the leadership. When off, offices grant nothing and stay as they are.
 */
import type { AppointmentEvent } from "../events.ts";
import { followedLeader, realPowers } from "../power.ts";
import { emit, meetsNow, personId, type World } from "../world.ts";
import { leadership } from "./circularFlow.ts";
import type { Mechanism } from "./mechanism.ts";

/** A named person free to take an office, loyal to `patron` (or the patron himself if nobody else is free). */
export function nominee(w: World, patron: number): number {
  const secretaries = new Set(w.regions.map((r) => r.secretaryPerson));
  const clients = w.people
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => p.alive && p.rung === 0 && !w.sc.people[i]!.isLeader && p.patron === patron)
    .map(({ i }) => i);
  // A client with no post first; then one who already holds a post (he takes on a second); then the patron.
  const free = clients.find((i) => !w.officeHolder.includes(i) && !secretaries.has(i));
  if (free !== undefined) return free;
  if (clients.length > 0) return clients[0]!;
  return w.people[patron]!.alive ? patron : -1;
}

export const offices: Mechanism = {
  id: "offices",
  title: "Offices and bodies",
  description:
    "Offices grant capabilities (appoint, agenda, files, force, press); vacant offices are refilled at plenums.",

  step(w) {
    if (!meetsNow(w, w.sc.committee)) return;
    const leaders = leadership(w);
    if (leaders.length === 0) return;
    const power = realPowers(w);
    const chooser = [...leaders].sort((a, b) => power[b]! - power[a]! || a - b)[0]!;
    w.officeHolder.forEach((holder, o) => {
      if (holder >= 0) return;
      const person = nominee(w, chooser);
      if (person < 0) return;
      w.officeHolder[o] = person;
      const f = followedLeader(w, person);
      emit<AppointmentEvent>(w, {
        type: "appointment",
        post: { kind: "office", id: w.sc.offices[o]!.id },
        person: personId(w, person),
        patron: f >= 0 ? personId(w, f) : null,
        by: personId(w, chooser),
      });
    });
  },
};
