/**
 * Regional conferences choose the congress delegation: each region sends delegates in proportion to its
 * members; a secretary who carries his conference gets his whole slate elected.
 */
import { binCentre } from "./members/store.ts";
import { livePatron } from "./power.ts";
import { AGAINST } from "./votes.ts";
import type { VoterGroup, World } from "./world.ts";

/** Splits `total` seats over weights by largest remainders (deterministic, sums exactly to `total`). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const quotas = weights.map((x) => (total * x) / sum);
  const seats = quotas.map(Math.floor);
  let left = total - seats.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => [q - Math.floor(q), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) seats[order[k]![1]]!++;
  return seats;
}

/** Regional conferences choose the congress delegation (kept in `w.delegation` until the congress). */
export function chooseDelegates(w: World): void {
  const rng = w.streams.get("circularFlow:conferences");
  const total = w.sc.bodies[w.sc.congress]!.delegates;
  const perRegion = apportion(
    total,
    w.regions.map((_, r) => w.members.count(r)),
  );
  const groups: VoterGroup[] = [];
  w.regions.forEach((reg, r) => {
    const patron = livePatron(w, reg.secretaryPatron);
    const grip = patron >= 0 && w.sc.enabled.circularFlow ? reg.grip : 0;
    const d = w.members.delegation(r, perRegion[r]!, grip, rng);
    // A secretary who carries the conference gets his whole slate elected. Under the ban on factions a
    // platform cannot run a slate of its own; without the ban its supporters keep their seats.
    if (patron >= 0 && d.loyal * 2 > perRegion[r]!) {
      const kept = w.sc.enabled.factionBan ? 0 : d.opposition;
      d.loyal = perRegion[r]! - kept;
      d.opposition = kept;
      d.uncommitted.fill(0);
    }
    const ideology = w.members.meanIdeology(r);
    if (d.loyal > 0) groups.push({ count: d.loyal, follows: patron, ideology });
    if (d.opposition > 0) groups.push({ count: d.opposition, follows: AGAINST, ideology });
    d.uncommitted.forEach((count, bin) => {
      if (count > 0) groups.push({ count, follows: -1, ideology: binCentre(bin) });
    });
  });
  w.delegation = { groups, total };
}
