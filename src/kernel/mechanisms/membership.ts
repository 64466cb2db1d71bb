/**
 * Ordinary membership flows per region: steady recruitment and attrition, and candidates made full members.
 * Campaign enrolment driven by the Secretariat is a separate mechanism (enrolment.ts).
 */
import { yearsPerTick } from "../calendar.ts";
import type { MembershipEvent, ShockEvent } from "../events.ts";
import { FLOW_WEEKS } from "../influence.ts";
import { livePatron } from "../power.ts";
import { emit, totalMembers, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/**
 * Scheduled purges (verifications of the membership): a share of every region's members is removed, platform
 * sympathisers first, then those whose files are compromising, then others at random.
 */
function purges(w: World): void {
  w.sc.shocks.forEach((s, k) => {
    if (s.kind !== "purge" || w.shockTicks[k] !== w.tick) return;
    const rng = w.streams.get("membership:purge");
    let removed = 0;
    for (let r = 0; r < w.regions.length; r++) {
      const n = Math.round(w.members.count(r) * s.share);
      const purged = w.members.purge(r, n, rng);
      removed += purged + w.members.attrite(r, n - purged, rng);
    }
    w.left += removed;
    emit<ShockEvent>(w, { type: "shock", id: s.id, severity: -s.share, label: s.label });
  });
}

export const membership: Mechanism = {
  id: "membership",
  title: "Membership flows",
  description: "Background recruitment and attrition of party members in each regional organisation.",

  step(w) {
    purges(w);
    // Flows are settled every four weeks: cheaper than weekly, and the same in expectation.
    const every = Math.max(1, Math.round((FLOW_WEEKS * 7) / w.sc.clock.tickDays));
    if (w.tick % every !== 0) return;
    const rng = w.streams.get("membership");
    const dt = every * yearsPerTick(w.sc.clock);
    const p = w.sc.params.membership;
    const loyalty = w.sc.cohorts[w.sc.recruitCohort]!.docility;
    w.regions.forEach((reg, r) => {
      const n = w.members.count(r);
      const joined = rng.binomial(n, 1 - Math.exp(-p.recruitmentPerYear * dt));
      const lost = rng.binomial(n, 1 - Math.exp(-p.attritionPerYear * dt));
      w.left += w.members.attrite(r, lost, rng);
      w.members.admit(
        r,
        joined,
        w.sc.recruitCohort,
        {
          ideology: w.members.meanIdeology(r),
          ideologySd: p.ideologySpread,
          loyalty,
          literacy: 1 - loyalty,
          candidate: true,
          tie: livePatron(w, reg.secretaryPatron),
          workerShare: 0.6,
        },
        rng,
      );
      w.joined += joined;
      w.members.promote(r, 1 - Math.exp(-p.promotionPerYear * dt), rng);
    });
    const perYear = Math.max(1, Math.round(1 / yearsPerTick(w.sc.clock)));
    if (w.tick - w.lastMembershipReport >= perYear) {
      w.lastMembershipReport = w.tick;
      emit<MembershipEvent>(w, {
        type: "membership",
        members: totalMembers(w),
        joined: w.joined,
        left: w.left,
      });
    }
  },
};
