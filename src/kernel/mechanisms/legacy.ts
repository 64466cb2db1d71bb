/**
 * The founder's legacy and cult. When a leader of towering standing dies, the party canonises him: over the
 * cult's setting, leaders lose standing for past disagreements with him, those absent from his funeral lose
 * some at once, and those with the press and the agenda gain by claiming his mantle.
 */
import { yearsPerTick } from "../calendar.ts";
import type { LegacyEvent } from "../events.ts";
import { cultLevel } from "../influence.ts";
import { capability, MAX_PRESTIGE } from "../power.ts";
import { emit, founderOf, personId, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** The leader of the highest standing, if it reaches `threshold`; -1 otherwise. */
export function findFounder(w: World, threshold: number): number {
  return founderOf(w.sc, threshold);
}

export const legacy: Mechanism = {
  id: "legacy",
  title: "The founder's legacy and cult",
  description:
    "After the founder dies, standing flows from association with him: past disagreements become liabilities and his mantle can be claimed.",

  step(w) {
    const f = w.founder;
    if (f < 0 || w.founderDeathTick < 0) return;
    const p = w.sc.params.legacy;
    // The funeral: the death is recorded by whoever ends the founder's life (health), this tick.
    if (w.founderDeathTick === w.tick) {
      const absent: string[] = [];
      w.people.forEach((q, i) => {
        if (i === f || !q.alive || !w.sc.people[i]!.isLeader || q.capacity >= 0.5) return;
        q.prestige = Math.max(0, q.prestige - p.absencePenalty);
        absent.push(personId(w, i));
      });
      emit<LegacyEvent>(w, { type: "legacy", founder: personId(w, f), absent });
      return;
    }
    const before = cultLevel(w, w.tick - 1);
    const now = cultLevel(w);
    const dt = yearsPerTick(w.sc.clock);
    // Claims are made while the canon is being written: the cult's setting and as long again after it.
    const claiming = (w.tick - w.founderDeathTick) * dt < 2 * p.cultYears;
    w.people.forEach((q, i) => {
      const me = w.sc.people[i]!;
      if (i === f || !q.alive || !me.isLeader) return;
      let change = -p.liabilityWeight * me.liabilities * (now - before);
      if (claiming) {
        const reach = Math.max(capability(w, i, "press"), capability(w, i, "agenda")) * me.organisation;
        change += p.claimPerYear * reach * (1 - me.liabilities) * dt;
      }
      q.prestige = Math.min(MAX_PRESTIGE, Math.max(0, q.prestige + change));
    });
  },
};
