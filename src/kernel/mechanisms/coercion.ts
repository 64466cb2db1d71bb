/**
 * Coercion and the ladder's far end. Steps the scenario marks as needing force (exile, deportation, arrest)
 * need the armed force of the state behind the ruling coalition; a leader who holds force may resist
 * removal; a chief of force may put it behind his side at a decisive vote (src/kernel/sessions.ts). Here:
 * defeated leaders may recant and submit, and the expelled among them are readmitted as rank-and-file
 * members, unless they are beyond reach (deported, arrested, tried).
 */
import { yearsPerTick } from "../calendar.ts";
import { autonomous, settle, wants } from "../decisions/intent.ts";
import type { PatronChangeEvent, RecantationEvent, TruceBrokenEvent } from "../events.ts";
import { rungOfKind } from "../ladder.ts";
import { livePatron, outOfParty, realPowers } from "../power.ts";
import type { Rng } from "../random/rng.ts";
import { emit, personId, politicsEvery, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** Ladder kinds from which a leader is beyond readmission: abroad, in prison, tried. */
const BEYOND_REACH = new Set(["deportation", "arrest", "trial", "execution"]);

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
    // Readmitted: back in the party, without a committee seat.
    const readmittedAt = Math.max(0, rungOfKind(w, "party"));
    w.people.forEach((q, i) => {
      const me = w.sc.people[i]!;
      if (!me.isLeader || !q.alive || q.capitulated || w.ruling.includes(i)) return;
      // Only the beaten recant (pushed at least one step down), and only while still within reach.
      if (q.rung < 1 || BEYOND_REACH.has(w.sc.ladder[q.rung - 1]!.kind)) return;
      // A controlled leader recants when he chooses to, and only then.
      if (!autonomous(w, i)) {
        const c = wants(w, i, "recant");
        if (!c) return;
        settle(c, "done");
      } else if (!rng.chance(1 - Math.exp(-w.sc.params.coercion.recantPerYear * me.flexibility * dt))) return;
      q.capitulated = true;
      q.opposes = false;
      q.charged = false;
      q.outvoted = false;
      q.patron = winner;
      const readmitted = outOfParty(w, i);
      if (readmitted) q.rung = readmittedAt;
      w.opposition = w.opposition.filter((x) => x !== i);
      w.motions = w.motions.filter((m) => m.target !== i);
      emit<RecantationEvent>(w, { type: "recantation", person: personId(w, i), readmitted });
    });
    officials(w, rng, winner, readmittedAt, dt);
    breakTruces(w, readmittedAt, dt);
  },
};

/**
 * A recantation made before expulsion is a truce: a leader who still seeks power takes up opposition again
 * (the scenario's `truceBreakPerYear` cites the case). Then he is no longer shielded as one who submits. A
 * recantation after expulsion, bought with readmission, holds.
 */
function breakTruces(w: World, readmittedAt: number, dt: number): void {
  const rate = w.sc.params.coercion.truceBreakPerYear;
  if (rate <= 0) return;
  const rng = w.streams.get("coercion:truce");
  const ambitious = w.sc.params.coalitions.contenderAmbition;
  w.people.forEach((q, i) => {
    const me = w.sc.people[i]!;
    if (!me.isLeader || !q.alive || !q.capitulated || q.capacity < 0.5 || !autonomous(w, i)) return;
    if (me.ambition < ambitious || q.rung >= readmittedAt || outOfParty(w, i)) return;
    if (!rng.chance(1 - Math.exp(-rate * me.ambition * dt))) return;
    q.capitulated = false;
    emit<TruceBrokenEvent>(w, { type: "truce-broken", person: personId(w, i) });
  });
}

/**
 * Named officials whose patron has fallen (dead, out of the party, or submitted): those already pushed down
 * recant and submit to the strongest ruler, readmitted if expelled; the others look for a new patron and
 * find him in the strongest ruler, at the same pace as a recantation.
 */
function officials(w: World, rng: Rng, winner: number, readmittedAt: number, dt: number): void {
  w.people.forEach((q, i) => {
    const me = w.sc.people[i]!;
    if (me.isLeader || !q.alive || q.patron < 0 || q.patron === winner) return;
    if (livePatron(w, q.patron) >= 0) return;
    if (q.rung > 0 && BEYOND_REACH.has(w.sc.ladder[q.rung - 1]!.kind)) return;
    if (!rng.chance(1 - Math.exp(-w.sc.params.coercion.recantPerYear * me.flexibility * dt))) return;
    const before = q.patron;
    q.patron = winner;
    q.opposes = false;
    q.charged = false;
    w.motions = w.motions.filter((m) => m.target !== i);
    if (q.rung > 0) {
      const readmitted = outOfParty(w, i);
      if (readmitted) q.rung = readmittedAt;
      q.capitulated = true;
      emit<RecantationEvent>(w, { type: "recantation", person: personId(w, i), readmitted });
    }
    emit<PatronChangeEvent>(w, {
      type: "patron-change",
      person: personId(w, i),
      from: personId(w, before),
      to: personId(w, winner),
      cause: q.rung > 0 ? "recantation" : "patron-fallen",
    });
  });
}
