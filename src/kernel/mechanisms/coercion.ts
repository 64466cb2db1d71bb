/**
 * Coercion and the ladder's far end. Exile and deportation need the armed force of the state behind the
 * ruling coalition; a leader who holds force may resist removal; defeated leaders may recant and submit,
 * and the expelled among them are readmitted as rank-and-file members.
 */
import { yearsPerTick } from "../calendar.ts";
import type { RecantationEvent } from "../events.ts";
import { capability, EXPELLED_RUNG, followedLeader, realPowers } from "../power.ts";
import { emit, personId, politicsEvery, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** Rung from which a leader counts as beaten: out of the executive. */
const BEATEN_RUNG = 2;
/** Rung of a deported leader: abroad, beyond readmission. */
const DEPORTED_RUNG = 6;
/** Rung a readmitted leader returns to: a party member without a committee seat. */
const READMITTED_RUNG = 3;

/** The strongest armed force held through office, and who holds it. */
export function strongestForce(w: World): { holder: number; force: number } {
  let holder = -1;
  let force = 0;
  for (const h of new Set(w.officeHolder)) {
    if (h < 0) continue;
    const f = capability(w, h, "force");
    if (f > force) {
      force = f;
      holder = h;
    }
  }
  return { holder, force };
}

/** Whether the coalition commands the strongest armed force (directly or through a client). */
export function commandsForce(w: World, coalition: number[]): boolean {
  if (!w.sc.enabled.coercion) return true;
  const { holder } = strongestForce(w);
  return holder >= 0 && (coalition.includes(holder) || coalition.includes(followedLeader(w, holder)));
}

/** Chance that a target holding force resists this motion. */
export function resistChance(w: World, target: number): number {
  if (!w.sc.enabled.coercion) return 0;
  const force = capability(w, target, "force");
  return Math.min(1, w.sc.params.coercion.resistChance * w.sc.people[target]!.ruthlessness * force);
}

export const coercion: Mechanism = {
  id: "coercion",
  title: "Coercion and the elimination ladder",
  description:
    "Exile and deportation need the police behind the rulers; armed leaders may resist; the defeated may recant and be readmitted.",

  step(w) {
    const every = politicsEvery(w);
    if (w.tick % every !== 0 || w.ruling.length === 0) return;
    const rng = w.streams.get("coercion:recant");
    const dt = every * yearsPerTick(w.sc.clock);
    const power = realPowers(w);
    const winner = [...w.ruling].sort((a, b) => power[b]! - power[a]! || a - b)[0]!;
    w.people.forEach((q, i) => {
      const me = w.sc.people[i]!;
      if (!me.isLeader || !q.alive || q.capitulated || w.ruling.includes(i)) return;
      // Only the beaten recant: those already pushed out of the executive.
      if (q.rung < BEATEN_RUNG || q.rung >= DEPORTED_RUNG) return;
      if (!rng.chance(1 - Math.exp(-w.sc.params.coercion.recantPerYear * me.flexibility * dt))) return;
      q.capitulated = true;
      q.opposes = false;
      q.charged = false;
      q.patron = winner;
      const readmitted = q.rung >= EXPELLED_RUNG;
      if (readmitted) q.rung = READMITTED_RUNG;
      w.opposition = w.opposition.filter((x) => x !== i);
      w.pendingMotions = w.pendingMotions.filter((m) => m.target !== i);
      emit<RecantationEvent>(w, { type: "recantation", person: personId(w, i), readmitted });
    });
  },
};
