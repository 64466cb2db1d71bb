/**
 * The players of the coalition game and the coalitions they can form: who plays, who sets the agenda, and
 * the ruling coalition of a set of players under given powers (exact, src/kernel/coalition).
 */
import {
  coalitionPower,
  isSelfEnforcing,
  isWinning,
  maskOf,
  membersOf,
  rulingCoalition,
} from "./coalition/rulingCoalition.ts";
import { capability } from "./power.ts";
import type { World } from "./world.ts";

/** Leaders who play: full executive members, alive, able to work, ambitious enough, and nobody's client. */
export function currentPlayers(w: World): number[] {
  const threshold = w.sc.params.coalitions.contenderAmbition;
  return w.execFull
    .filter((i) => {
      const p = w.people[i]!;
      const me = w.sc.people[i]!;
      const contender = me.ambition >= threshold || p.opposes;
      return me.isLeader && contender && !p.capitulated && p.alive && p.capacity >= 0.5 && p.patron < 0;
    })
    .sort((a, b) => a - b);
}

/** The player holding the strongest agenda capability, or -1 if none holds any. */
export function agendaSetter(w: World, players: number[]): number {
  let best = -1;
  let bestValue = 0;
  for (const i of players) {
    const a = capability(w, i, "agenda");
    if (a > bestValue) {
      bestValue = a;
      best = i;
    }
  }
  return best;
}

/** Powers as positive integers for the exact coalition computation. */
export function toIntegers(xs: number[]): number[] {
  return xs.map((x) => Math.max(1, Math.round(x * 1e6)));
}

/** Ruling coalition of `players` computed from given powers (aligned with `players`). */
export function ruleAmong(w: World, players: number[], powers: number[], within?: number[]): number[] {
  if (players.length === 0) return [];
  const mask = within ? maskOf(within.map((i) => players.indexOf(i))) : undefined;
  const phi = rulingCoalition(toIntegers(powers), w.sc.params.coalitions.rule, mask);
  return membersOf(phi).map((k) => players[k]!);
}

/**
 * The coalition a proposer puts forward: the cheapest coalition that includes him, wins among all players and
 * is self-enforcing, as he sees the powers. Nobody proposes his own exclusion; if no such coalition exists,
 * the plain ruling coalition stands.
 */
export function proposeIncluding(w: World, players: number[], powers: number[], proposer: number): number[] {
  const k = players.indexOf(proposer);
  const ints = toIntegers(powers);
  const rule = w.sc.params.coalitions.rule;
  const all = (1 << players.length) - 1;
  let best = -1;
  let bestPower = Number.POSITIVE_INFINITY;
  for (let mask = 1; mask <= all; mask++) {
    if (k < 0 || !(mask & (1 << k))) continue;
    if (mask !== all && !isWinning(ints, rule, mask, all)) continue;
    if (!isSelfEnforcing(ints, rule, mask)) continue;
    const power = coalitionPower(ints, mask);
    if (power < bestPower) {
      bestPower = power;
      best = mask;
    }
  }
  return best < 0 ? ruleAmong(w, players, powers) : membersOf(best).map((i) => players[i]!);
}
