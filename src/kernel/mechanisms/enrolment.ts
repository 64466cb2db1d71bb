/**
 * Mass enrolment. The holder of appointment power may launch a recruitment campaign when most of the party
 * sits under his secretaries (so the recruits' loyalty runs to his apparatus), more readily in the year after
 * the founder's death. Recruits are naive candidates, loyal to the regional apparatus that admitted them.
 */
import { yearsPerTick } from "../calendar.ts";
import { autonomous, settle, wants } from "../decisions/intent.ts";
import type { EnrolmentEvent } from "../events.ts";
import { livePatron, strongestHolder } from "../power.ts";
import { emit, personId, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** Share of members who sit under secretaries loyal to `leader`. */
export function shareUnder(w: World, leader: number): number {
  const total = w.members.count();
  if (total <= 0) return 0;
  let mine = 0;
  w.regions.forEach((reg, r) => {
    if (livePatron(w, reg.secretaryPatron) === leader) mine += w.members.count(r);
  });
  return mine / total;
}

function admitRecruits(w: World, recruits: number): void {
  const rng = w.streams.get("enrolment:admit");
  const total = w.members.count();
  const loyalty = w.sc.cohorts[w.sc.campaignCohort]!.docility;
  let left = recruits;
  w.regions.forEach((reg, r) => {
    const n =
      r === w.regions.length - 1 ? left : Math.round((recruits * w.members.count(r)) / Math.max(1, total));
    const k = Math.min(left, n);
    left -= k;
    w.members.admit(
      r,
      k,
      w.sc.campaignCohort,
      {
        ideology: w.members.meanIdeology(r),
        ideologySd: w.sc.params.membership.ideologySpread,
        loyalty,
        literacy: 1 - loyalty,
        candidate: true,
        tie: livePatron(w, reg.secretaryPatron),
        workerShare: 0.9,
      },
      rng,
    );
    w.joined += k;
  });
}

/** Party membership at the start of the run. */
function startingMembers(w: World): number {
  let n = 0;
  for (const r of w.sc.regions) n += r.members;
  return n;
}

export const enrolment: Mechanism = {
  id: "enrolment",
  title: "Mass enrolment",
  description:
    "The holder of appointment power launches recruitment campaigns whose naive recruits follow the apparatus that admitted them.",

  step(w) {
    const p = w.sc.params.enrolment;
    if (w.campaign) {
      admitRecruits(w, w.campaign.perTick);
      if (--w.campaign.ticksLeft <= 0) w.campaign = null;
      return;
    }
    const appointer = strongestHolder(w, "appoint");
    if (appointer < 0) return;
    const dt = yearsPerTick(w.sc.clock);
    if ((w.tick - w.lastCampaignTick) * dt < p.minYearsBetween) return;
    // A controlled holder launches a campaign when he chooses to, and only then.
    if (!autonomous(w, appointer)) {
      const c = wants(w, appointer, "enrol");
      if (!c) return;
      settle(c, "done");
    } else {
      if (shareUnder(w, appointer) < p.launchShare) return;
      const mourning =
        w.founderDeathTick >= 0 && (w.tick - w.founderDeathTick) * dt < 1 ? p.mourningBoost : 1;
      const rng = w.streams.get("enrolment");
      if (!rng.chance(1 - Math.exp(-p.launchPerYear * mourning * dt))) return;
    }
    const ticks = Math.max(1, Math.round((p.campaignWeeks * 7) / w.sc.clock.tickDays));
    // The apparatus vets and admits about as many in each campaign, whatever the party has grown to: its
    // capacity, not the party's size, sets a campaign's scale.
    const recruits = Math.round(p.campaignShare * startingMembers(w));
    w.campaign = { perTick: Math.round(recruits / ticks), ticksLeft: ticks };
    w.lastCampaignTick = w.tick;
    emit<EnrolmentEvent>(w, {
      type: "enrolment",
      by: personId(w, appointer),
      recruits,
      weeks: p.campaignWeeks,
    });
  },
};
