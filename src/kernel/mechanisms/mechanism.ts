import type { MechanismId } from "../compiled.ts";
import type { World } from "../world.ts";

/**
 * One mechanism of the model: a module with one entry function over the world and its own random streams.
 * Turning it off is a switch in the scenario (`mechanisms.<id>.enabled: false`).
 */
export interface Mechanism {
  readonly id: MechanismId;
  readonly title: string;
  /** One line on what it models. */
  readonly description: string;
  /** Runs once before tick 0 (only when enabled). */
  setup?(w: World): void;
  /** Runs every tick (only when enabled). */
  step(w: World): void;
}
