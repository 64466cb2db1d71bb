/**
 * Ordinary membership flows per region: steady recruitment and attrition. Campaign enrolment driven by the
 * Secretariat is a separate mechanism; here the party grows or shrinks at background rates only.
 */
import { yearsPerTick } from "../calendar.ts";
import type { MembershipEvent } from "../events.ts";
import { emit, totalMembers, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** Removes `count` members from a region, spread over cohorts in proportion to their size. */
export function removeMembers(w: World, r: number, count: number): number {
  const reg = w.regions[r]!;
  let left = Math.min(count, reg.members);
  const removed = left;
  for (let k = 0; k < 3 && left > 0; k++) {
    const share = k === 2 ? left : Math.round((removed * reg.cohorts[k]!) / Math.max(1, reg.members));
    const take = Math.min(reg.cohorts[k]!, share, left);
    reg.cohorts[k]! -= take;
    left -= take;
  }
  // Rounding remainder: take it from whichever cohort still has members.
  for (let k = 0; k < 3 && left > 0; k++) {
    const take = Math.min(reg.cohorts[k]!, left);
    reg.cohorts[k]! -= take;
    left -= take;
  }
  reg.members = reg.cohorts[0] + reg.cohorts[1] + reg.cohorts[2];
  w.left += removed - left;
  return removed - left;
}

/** Adds recruits to a region's recruit cohort. */
export function addMembers(w: World, r: number, count: number): void {
  const reg = w.regions[r]!;
  reg.cohorts[2] += count;
  reg.members += count;
  w.joined += count;
}

export const membership: Mechanism = {
  id: "membership",
  title: "Membership flows",
  description: "Background recruitment and attrition of party members in each regional organisation.",

  step(w) {
    const rng = w.streams.get("membership");
    const dt = yearsPerTick(w.sc.clock);
    const { recruitmentPerYear, attritionPerYear } = w.sc.params.membership;
    w.regions.forEach((reg, r) => {
      const joined = rng.binomial(reg.members, 1 - Math.exp(-recruitmentPerYear * dt));
      const lost = rng.binomial(reg.members, 1 - Math.exp(-attritionPerYear * dt));
      removeMembers(w, r, lost);
      addMembers(w, r, joined);
    });
    const perYear = Math.max(1, Math.round(1 / dt));
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
