/**
 * Coercion and the ladder's far end. Exile and deportation need the armed force of the state behind the
 * ruling coalition; a leader who holds force may resist removal; defeated leaders may recant and submit,
 * and the expelled among them are readmitted as rank-and-file members.
 */
import { yearsPerTick } from "../calendar.ts";
import type { RecantationEvent } from "../events.ts";
import { EXPELLED_RUNG, realPowers } from "../power.ts";
import { emit, personId, politicsEvery } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** Rung from which a leader counts as beaten: out of the executive. */
const BEATEN_RUNG = 2;
/** Rung of a deported leader: abroad, beyond readmission. */
const DEPORTED_RUNG = 6;
/** Rung a readmitted leader returns to: a party member without a committee seat. */
const READMITTED_RUNG = 3;

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
