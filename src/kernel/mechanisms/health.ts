/**
 * Health and mortality: scheduled or drawn illnesses and deaths from the scenario, and a yearly natural
 * hazard per person. Exogenous by design: the scenario says when a stroke may come, never what follows.
 */
import { yearsPerTick } from "../calendar.ts";
import type { DeathEvent, HealthEvent } from "../events.ts";
import { removeFromPolitics } from "../posts.ts";
import { emit, personId, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

export function kill(w: World, person: number, cause: DeathEvent["cause"], label: string | null): void {
  const p = w.people[person]!;
  if (!p.alive) return;
  p.alive = false;
  p.capacity = 0;
  if (person === w.founder) w.founderDeathTick = w.tick;
  removeFromPolitics(w, person);
  emit<DeathEvent>(w, { type: "death", person: personId(w, person), cause, label });
}

export const health: Mechanism = {
  id: "health",
  title: "Health and mortality",
  description: "Strokes, illness and deaths: scheduled or drawn around a date, plus a natural yearly hazard.",

  step(w) {
    w.sc.shocks.forEach((s, k) => {
      if (w.shockTicks[k] !== w.tick) return;
      // Economic shocks belong to the policy mechanism, purges to membership.
      if (s.kind === "economic" || s.kind === "purge") return;
      const p = w.people[s.target];
      if (!p?.alive) return;
      if (s.kind === "death") kill(w, s.target, "scheduled", s.label);
      else {
        p.capacity = s.capacity;
        emit<HealthEvent>(w, {
          type: s.kind,
          person: personId(w, s.target),
          capacity: s.capacity,
          label: s.label,
        });
      }
    });

    const rng = w.streams.get("health:hazard");
    const dt = yearsPerTick(w.sc.clock);
    const scale = w.sc.params.health.hazardScale;
    w.people.forEach((p, i) => {
      if (!p.alive) return;
      const hazard = w.sc.people[i]!.frailty * scale;
      if (rng.chance(1 - Math.exp(-hazard * dt))) kill(w, i, "natural", null);
    });
  },
};
