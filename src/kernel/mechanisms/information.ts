/**
 * Information control. Whoever controls the flow of papers (the strongest agenda or files capability) slows
 * rivals' learning of his machine, softens what an ailing leader learns about him, and reads rivals' plans:
 * his own estimates of their machines are exact, and motions against him meet resistance he has prepared.
 */
import { capability, machines } from "../power.ts";
import { politicsEvery, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** The person who controls the flow of papers, or -1. */
export function controller(w: World): number {
  if (!w.sc.enabled.information) return -1;
  let best = -1;
  let bestValue = 0;
  for (const h of new Set(w.officeHolder)) {
    if (h < 0) continue;
    const value = controlOf(w, h);
    if (value > bestValue) {
      bestValue = value;
      best = h;
    }
  }
  return best;
}

/** How much control a person has over papers: his agenda or files reach times his organisational skill. */
export function controlOf(w: World, person: number): number {
  return (
    Math.max(capability(w, person, "agenda"), capability(w, person, "files")) *
    w.sc.people[person]!.organisation
  );
}

/** Factor on rivals' learning of `target`'s machine (1 = unhindered). */
export function learningFactor(w: World, target: number): number {
  const c = controller(w);
  return c === target ? 1 - w.sc.params.information.withholding * controlOf(w, c) : 1;
}

/** Factor on what an ailing leader learns of `target` (1 = the plain truth). */
export function curationFactor(w: World, target: number): number {
  const c = controller(w);
  return c === target ? 1 - w.sc.params.information.curation * controlOf(w, c) : 1;
}

/** Pull against a motion aimed at the controller (0 for anyone else). */
export function warningPull(w: World, target: number): number {
  const c = controller(w);
  return c >= 0 && c === target ? w.sc.params.information.earlyWarning * controlOf(w, c) * 2 : 0;
}

export const information: Mechanism = {
  id: "information",
  title: "Information control",
  description:
    "The controller of papers delays rivals' knowledge of his machine, curates what an ailing leader sees, and reads rivals' plans.",

  step(w) {
    const every = politicsEvery(w);
    if (w.tick % every !== 0) return;
    const c = controller(w);
    if (c < 0) return;
    const n = w.people.length;
    const machine = machines(w);
    for (let j = 0; j < n; j++) w.perception[c * n + j] = machine[j]!;
  },
};
