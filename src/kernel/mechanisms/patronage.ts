/**
 * Appointments and patronage. Whoever holds appointment power places clients as regional party secretaries
 * (and lesser officials with them), at a rate that grows with his appointing capability and skill. An office
 * may reach only some regions (its scope: the national republics, say), so several holders can compete, each
 * where his posts reach. Where the scenario names a confirming body (an organisation bureau), every
 * nomination goes to its vote. A new secretary's grip on his conference grows with time in post. Regions
 * held by the appointer's coalition partners are mostly spared; those held by rivals, or by no one, are fair
 * game. A holder who is himself someone's client appoints for his patron: the men he places owe their posts,
 * and their votes, to the leader he follows (a secretary of the apparatus places the General Secretary's men).
 */
import { appointSecretary } from "../appointments.ts";
import { yearsPerTick } from "../calendar.ts";
import { CAP } from "../compiled.ts";
import { autonomous, settle, wants } from "../decisions/intent.ts";
import { secretaryExposure } from "../influence.ts";
import { capability, livePatron, principal } from "../power.ts";
import { table } from "../sessions.ts";
import type { World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** Everyone who holds some appointment power now, in order of index. */
function appointers(w: World): number[] {
  const out = new Set<number>();
  w.officeHolder.forEach((h, o) => {
    if (h >= 0 && w.officeLive[o] === 1 && w.sc.offices[o]!.caps[CAP.appoint]! > 0) out.add(h);
  });
  return [...out].sort((a, b) => a - b).filter((h) => capability(w, h, "appoint") > 0);
}

/** One holder's chance to place a secretary this tick, and where; `appointer` is the leader he places men for. */
function appointFor(w: World, holder: number, appointer: number, dt: number): void {
  const p = w.sc.params.patronage;
  const rng = w.streams.get("patronage");
  const skill = w.sc.people[holder]!.organisation;
  const reach = capability(w, holder, "appoint");
  // The stream of lesser postings never stops: every week some officials owe their places to him.
  w.people[appointer]!.lesserClients += p.officialsPerYear * reach * skill * dt;
  const rate = p.appointmentsPerYear * reach * skill * dt;
  // A controlled appointer places a secretary where he chooses, when he chooses, and nowhere else.
  const chosen = autonomous(w, appointer) ? null : wants(w, appointer, "appoint");
  if (!autonomous(w, appointer) && (!chosen || capability(w, holder, "appoint", chosen.region) <= 0)) return;
  if (!chosen && !rng.chance(Math.min(1, rate))) return;

  const allies = new Set(w.ruling.includes(appointer) ? w.ruling : []);
  const pending = new Set(w.motions.filter((m) => m.kind === "confirm").map((m) => m.region));
  const weights = w.regions.map((reg, r) => {
    const patron = livePatron(w, reg.secretaryPatron);
    if (patron === appointer || pending.has(r)) return 0;
    // His reach in this region, as a share of his reach anywhere: scoped posts count only where they reach.
    const here = capability(w, holder, "appoint", r) / reach;
    let weight =
      here *
      Math.sqrt(w.members.count(r)) *
      (1 - reg.entrenchment * reg.grip) *
      secretaryExposure(w, appointer, r);
    if (patron >= 0 && allies.has(patron)) weight *= 1 - p.allyProtection;
    return Math.max(0, weight);
  });
  const r = chosen ? (weights[chosen.region]! > 0 ? chosen.region : -1) : rng.weighted(weights);
  if (chosen) settle(chosen, r >= 0 ? "done" : "refused: that region is already yours or waiting");
  if (r < 0) return;
  if (p.confirmingBody >= 0) {
    table(w, {
      kind: "confirm",
      body: p.confirmingBody,
      target: -1,
      rung: -1,
      office: -1,
      region: r,
      sponsors: [appointer],
      appeal: null,
    });
  } else appointSecretary(w, r, appointer);
}

export const patronage: Mechanism = {
  id: "patronage",
  title: "Appointments and patronage",
  description:
    "Holders of appointment power place loyal clients as regional secretaries, where their posts reach and as the confirming body allows; the clients' grip on local conferences grows.",

  step(w) {
    const dt = yearsPerTick(w.sc.clock);
    const p = w.sc.params.patronage;
    // Grip grows toward its ceiling while the secretary's patron can still protect him.
    for (const reg of w.regions) {
      if (livePatron(w, reg.secretaryPatron) < 0) continue;
      reg.grip += (p.maxGrip - reg.grip) * (1 - Math.exp(-p.gripGrowthPerYear * dt));
    }
    for (const a of appointers(w)) appointFor(w, a, principal(w, a), dt);
  },
};
