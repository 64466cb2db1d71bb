/**
 * Pre-emptive force. Elsewhere force enters politics only at a decisive vote (src/kernel/sessions.ts) or when a
 * leader holding it resists a motion. Here rulers who command the strongest armed force strike first, between
 * sessions: facing a camp far from their line that holds means of its own (armed men, or the press that can
 * rally the streets), they may arrest it before it can move, where arrest is on the ladder and not off the
 * table. The body that decides arrests then votes to endorse it; if it refuses, the arrest is undone and the
 * rulers lose standing.
 */
import { yearsPerTick } from "../calendar.ts";
import type { CoupEvent, ReversalEvent } from "../events.ts";
import { founderRestraint, strongestForce } from "../influence.ts";
import { applyRung, reverseDecision, rungAvailable, rungOfKind } from "../ladder.ts";
import { coalitionLine } from "../players.ts";
import { capability, followedLeader, lineDistance, machines, outOfParty, realPowers } from "../power.ts";
import { emitVote, vote } from "../votes.ts";
import { type Decision, emit, ids, lineOf, personId, politicsEvery, type World } from "../world.ts";
import { dangerOf } from "./coalitions.ts";
import type { Mechanism } from "./mechanism.ts";

/** A leader's own means to turn a vote or the streets: armed force and the press, as separate channels. */
export function meansOf(w: World, i: number): number {
  return 1 - (1 - capability(w, i, "force")) * (1 - capability(w, i, "press"));
}

/**
 * The camps the rulers fear: for each leader outside the ruling coalition, still in the party and within reach
 * of arrest, whose line is at least `distance` from the ruling line, his camp is every such leader who stands
 * nearer to him than to the rulers. A camp's means combine its members' (1 − ∏(1 − m)).
 */
export function camps(w: World): { leader: number; members: number[]; means: number }[] {
  const arrest = rungOfKind(w, "arrest");
  const real = realPowers(w);
  const line = coalitionLine(w, w.ruling, (i) => real[i]!);
  const far = w.people
    .map((_, i) => i)
    .filter((i) => {
      const p = w.people[i]!;
      return (
        w.sc.people[i]!.isLeader &&
        p.alive &&
        !w.ruling.includes(i) &&
        !outOfParty(w, i) &&
        p.rung <= arrest &&
        lineDistance(w, lineOf(p), line) >= w.sc.params.preemption.distance
      );
    });
  return far.map((leader) => {
    const at = lineOf(w.people[leader]!);
    const members = far.filter(
      (j) =>
        j === leader ||
        lineDistance(w, lineOf(w.people[j]!), at) < lineDistance(w, lineOf(w.people[j]!), line),
    );
    let miss = 1;
    for (const j of members) miss *= 1 - meansOf(w, j);
    return { leader, members, means: 1 - miss };
  });
}

/**
 * One round: if arrest is available and the rulers command the strongest force, the camp they find most
 * dangerous (its leader's danger times its means) is arrested with a chance per year of the rate times the
 * chief's ruthlessness, his force and the camp's means (held back while the founder lives, as motions are).
 * Returns whether an arrest was made.
 */
export function preempt(w: World, dt: number): boolean {
  const arrest = rungOfKind(w, "arrest");
  if (arrest < 0 || !rungAvailable(w, arrest) || w.ruling.length === 0) return false;
  const { holder, force } = strongestForce(w);
  // The rulers command it: its holder is one of them or follows one of them (whether or not the coercion
  // mechanism, which gates the ladder's forcible steps, is on).
  const chief = [holder, followedLeader(w, holder)].find((i) => w.ruling.includes(i));
  if (chief === undefined || force <= 0) return false;
  const machine = machines(w);
  let feared: ReturnType<typeof camps>[number] | null = null;
  let worst = 0;
  for (const c of camps(w)) {
    const fear = dangerOf(w, c.leader, w.players, machine) * c.means;
    if (fear > worst) {
      worst = fear;
      feared = c;
    }
  }
  if (!feared) return false;
  const p = w.sc.params.preemption;
  const hazard =
    p.ratePerYear * w.sc.people[chief]!.ruthlessness * force * feared.means * founderRestraint(w);
  if (!w.streams.get("preemption").chance(1 - Math.exp(-hazard * dt))) return false;
  const rulers = [...w.ruling];
  const decisions: Decision[] = feared.members.map((i) => applyRung(w, i, arrest, rulers));
  w.people[chief]!.prestige = Math.max(0, w.people[chief]!.prestige - w.sc.params.coercion.coupCost);
  emit<CoupEvent>(w, {
    type: "coup",
    by: ids(w, rulers),
    force: personId(w, holder),
    against: ids(w, feared.members),
  });
  endorse(w, arrest, rulers, feared.leader, decisions);
  return true;
}

/**
 * The body that decides arrests votes on the arrest after the fact. If it refuses, the arrested get back what
 * the arrest took, and every ruler loses the standing a coup costs.
 */
function endorse(w: World, arrest: number, rulers: number[], leader: number, decisions: Decision[]): void {
  const body = w.sc.ladder[arrest]!.decidedBy;
  const arrested = decisions.map((d) => d.target);
  const sides = { sponsors: rulers, target: leader, opponents: arrested.filter((i) => i !== leader) };
  const outcome = vote(w, w.streams.get("preemption:endorsement"), body, sides, { joint: true });
  emitVote(w, body, `endorse:${w.sc.ladder[arrest]!.id}`, leader, outcome, rulers);
  if (outcome.passed) return;
  for (const d of decisions) {
    reverseDecision(w, d);
    emit<ReversalEvent>(w, {
      type: "reversal",
      body: w.sc.bodies[body]!.id,
      person: personId(w, d.target),
      rung: w.sc.ladder[arrest]!.id,
      overturned: ids(w, rulers),
    });
  }
  for (const i of rulers)
    w.people[i]!.prestige = Math.max(0, w.people[i]!.prestige - w.sc.params.coercion.coupCost);
  w.coalitionDefeated = true;
}

export const preemption: Mechanism = {
  id: "preemption",
  title: "Pre-emptive force",
  description:
    "Rulers who command the strongest force may arrest a feared camp far from their line, holding force or the press, between sessions; the body that decides arrests then endorses it or undoes it.",

  step(w) {
    const every = politicsEvery(w);
    if (w.tick % every !== 0) return;
    preempt(w, every * yearsPerTick(w.sc.clock));
  },
};
