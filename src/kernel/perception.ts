/**
 * What leaders believe of each other's machines. A vote reveals real strength: each observer's estimate of
 * every machine moves toward the truth, as far as the machine's owner lets it be seen.
 */
import { learningFactor } from "./influence.ts";
import type { Rng } from "./random/rng.ts";
import type { World } from "./world.ts";

/** Moves every observer's estimate of every machine toward the truth after a revealing vote. */
export function reveal(w: World, rng: Rng, machine: number[]): void {
  const n = w.people.length;
  const { revelation, perceptionNoise } = w.sc.params.coalitions;
  const learning = w.people.map((_, j) => revelation * w.sc.people[j]!.visibility * learningFactor(w, j));
  for (let i = 0; i < n; i++) {
    if (!w.people[i]!.alive) continue;
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const est = w.perception[k]!;
      const truth = machine[j]!;
      const step = learning[j]!;
      const noisy = est + step * (truth - est) + rng.normal(0, perceptionNoise * truth * 0.5);
      w.perception[k] = Math.max(0, noisy);
    }
  }
}

/** Everyone starts knowing every machine as it stands. */
export function initPerception(w: World, machine: number[]): void {
  const n = w.people.length;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w.perception[i * n + j] = machine[j]!;
}
