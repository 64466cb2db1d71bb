/**
 * Information control. Whoever controls the flow of papers (the strongest agenda or files capability) slows
 * rivals' learning of his machine, softens what an ailing leader learns about him, and reads rivals' plans:
 * his own estimates of their machines are exact, and motions against him meet resistance he has prepared.
 */

import { controller } from "../influence.ts";
import { machines } from "../power.ts";
import { politicsEvery } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

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
