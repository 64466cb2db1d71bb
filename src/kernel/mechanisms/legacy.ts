/**
 * The founder's legacy and cult. When a leader of towering standing dies, the party canonises him: over the
 * cult's setting, leaders lose standing for past disagreements with him, those absent from his funeral lose
 * some at once, and those with the press and the agenda gain by claiming his mantle. Where the scenario allows
 * it, a leadership whose line has moved far from the founder's may put the repudiation of his legacy to the
 * committee: if it passes, those whose standing rested on the legacy lose it, and old disagreements with him
 * stop counting against anyone.
 */
import { yearsPerTick } from "../calendar.ts";
import type { LegacyEvent, RepudiationEvent } from "../events.ts";
import { cultLevel } from "../influence.ts";
import { leadership } from "../players.ts";
import { capability, lineDistance, MAX_PRESTIGE, realPowers } from "../power.ts";
import { emitVote, vote } from "../votes.ts";
import { emit, founderOf, ids, lineOf, meetsNow, personId, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** The leader of the highest standing, if it reaches `threshold`; -1 otherwise. */
export function findFounder(w: World, threshold: number): number {
  return founderOf(w.sc, threshold);
}

/** The leadership's line on every axis, weighted by power. */
function leadershipLine(w: World, leaders: number[]): number[] {
  const power = realPowers(w);
  const line = w.sc.axes.map(() => 0);
  let weight = 0;
  for (const i of leaders) {
    const pos = lineOf(w.people[i]!);
    for (let k = 0; k < line.length; k++) line[k]! += power[i]! * pos[k]!;
    weight += power[i]!;
  }
  return weight > 0 ? line.map((x) => x / weight) : line;
}

/**
 * At a session of the committee, a leadership far enough from the founder's line moves to repudiate his
 * legacy; the committee votes on it.
 */
function maybeRepudiate(w: World): void {
  const p = w.sc.params.legacy;
  if (w.repudiated || !Number.isFinite(p.repudiationDistance) || !meetsNow(w, w.sc.committee)) return;
  const leaders = leadership(w);
  if (leaders.length === 0) return;
  const founderLine = w.sc.people[w.founder]!.positions;
  if (lineDistance(w, leadershipLine(w, leaders), founderLine) < p.repudiationDistance) return;
  // The founder's loyalists speak against it.
  const loyal = w.people
    .map((_, i) => i)
    .filter(
      (i) =>
        w.people[i]!.alive &&
        w.sc.people[i]!.isLeader &&
        !leaders.includes(i) &&
        w.sc.people[i]!.legacyTie > 0.5,
    );
  const outcome = vote(w, w.streams.get("legacy:repudiation"), w.sc.committee, {
    sponsors: leaders,
    target: -1,
    opponents: loyal,
  });
  emitVote(w, w.sc.committee, "repudiate-legacy", -1, outcome, leaders);
  if (!outcome.passed) return;
  w.repudiated = true;
  const losers: number[] = [];
  w.people.forEach((q, i) => {
    const tie = w.sc.people[i]!.legacyTie;
    if (!q.alive || tie <= 0 || i === w.founder) return;
    q.prestige = Math.max(0, q.prestige - p.repudiationCost * tie);
    losers.push(i);
  });
  emit<RepudiationEvent>(w, {
    type: "repudiation",
    by: ids(w, leaders),
    founder: personId(w, w.founder),
    losers: ids(w, losers),
  });
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
    maybeRepudiate(w);
    // Once the legacy is repudiated, disagreements with the founder no longer count against anyone.
    const before = w.repudiated ? 0 : cultLevel(w, w.tick - 1);
    const now = w.repudiated ? 0 : cultLevel(w);
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
