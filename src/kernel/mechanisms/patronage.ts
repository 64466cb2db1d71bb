/**
 * Appointments and patronage. The holder of the strongest appointment capability places clients as
 * regional party secretaries (and lesser officials with them). A new secretary's grip on his conference
 * grows with time in post. Regions held by the appointer's coalition partners are mostly spared; those held
 * by rivals, or by no one, are fair game.
 */
import { yearsPerTick } from "../calendar.ts";
import type { AppointmentEvent } from "../events.ts";
import { secretaryExposure } from "../influence.ts";
import { capability, livePatron, strongestHolder } from "../power.ts";
import { emit, personId, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** A named official who owes his career to `patron` and has no regional post yet, or -1. */
function freeClient(w: World, patron: number): number {
  const placed = new Set(w.regions.map((r) => r.secretaryPerson));
  for (let i = 0; i < w.people.length; i++) {
    const p = w.people[i]!;
    if (p.alive && p.patron === patron && !w.sc.people[i]!.isLeader && p.exec === 0 && !placed.has(i)) {
      // Officials already holding an office stay where they are.
      if (!w.officeHolder.includes(i)) return i;
    }
  }
  return -1;
}

/** Places a new secretary in region `r` loyal to `appointer`. */
export function appointSecretary(w: World, r: number, appointer: number): void {
  const reg = w.regions[r]!;
  const replacedPerson = reg.secretaryPerson;
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
  });
}

export const patronage: Mechanism = {
  id: "patronage",
  title: "Appointments and patronage",
  description:
    "The holder of appointment power places loyal clients as regional secretaries; their grip on local conferences grows.",

  step(w) {
    const rng = w.streams.get("patronage");
    const dt = yearsPerTick(w.sc.clock);
    const p = w.sc.params.patronage;

    // Grip grows toward its ceiling while the secretary's patron can still protect him.
    for (const reg of w.regions) {
      if (livePatron(w, reg.secretaryPatron) < 0) continue;
      reg.grip += (p.maxGrip - reg.grip) * (1 - Math.exp(-p.gripGrowthPerYear * dt));
    }

    const appointer = strongestHolder(w, "appoint");
    if (appointer < 0) return;
    const skill = w.sc.people[appointer]!.organisation;
    // The stream of lesser postings never stops: every week some officials owe their places to him.
    w.people[appointer]!.lesserClients +=
      p.officialsPerYear * capability(w, appointer, "appoint") * skill * dt;
    const rate = p.appointmentsPerYear * capability(w, appointer, "appoint") * skill * dt;
    if (!rng.chance(Math.min(1, rate))) return;

    const allies = new Set(w.ruling.includes(appointer) ? w.ruling : []);
    const weights = w.regions.map((reg, r) => {
      const holder = livePatron(w, reg.secretaryPatron);
      if (holder === appointer) return 0;
      let weight =
        Math.sqrt(w.members.count(r)) *
        (1 - reg.entrenchment * reg.grip) *
        secretaryExposure(w, appointer, r);
      if (holder >= 0 && allies.has(holder)) weight *= 1 - p.allyProtection;
      return Math.max(0, weight);
    });
    const r = rng.weighted(weights);
    if (r >= 0) appointSecretary(w, r, appointer);
  },
};
