/**
 * How the mechanisms ask whether a leader's choice is theirs to make. With no controlled leader (every run
 * but a game), every answer is "the model's own rule decides", and no mechanism draws or computes anything
 * more than it did before the decision layer: a seed's run keeps its bytes.
 */
import type { World } from "../world.ts";
import type { ActionKind, Control } from "./action.ts";

/** Whether the model's own rule makes leader `i`'s choices now (no player controls him, or he lets it). */
export function autonomous(w: World, i: number): boolean {
  const c = w.control;
  return c === null || c.person !== i || c.action.kind === "auto";
}

/** The controlled leader's pending intent, if `i` is he and he chose `kind` and has not yet carried it out. */
export function wants(w: World, i: number, kind: ActionKind): Control | null {
  const c = w.control;
  if (c === null || c.person !== i || c.used || c.action.kind !== kind) return null;
  return c;
}

/** The controlled leader if he chose `kind` (pending), else null. */
export function pending(w: World, kind: ActionKind): Control | null {
  const c = w.control;
  return c !== null && !c.used && c.action.kind === kind ? c : null;
}

/** Marks the intent carried out (or refused, with the reason). */
export function settle(c: Control, result: string): void {
  c.used = true;
  c.result = result;
}
