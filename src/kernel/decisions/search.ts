/**
 * A search policy: at each turn, every candidate action is tried in rollouts over cloned worlds (the rivals
 * and the leader's later turns played by the model's own rule) for a horizon, and the one whose rollouts end
 * best for him is played. The rollouts throw other dice than the run (a clone with fresh streams): the search
 * does not know the future. It does see the present world as it is (real, not perceived, strength), so it is
 * an upper reference for what better play could do, not a fair opponent. The same dice are used for every
 * candidate within a rollout index (common random numbers), so candidates are compared on the same futures.
 */
import { contenders, currentPlayers } from "../players.ts";
import { outOfParty, realPowers } from "../power.ts";
import { politicsEvery, type World } from "../world.ts";
import type { Action } from "./action.ts";
import type { Game, Policy } from "./game.ts";
import { type Choice, controlFor } from "./legal.ts";

export interface SearchOptions {
  /** Rollouts per candidate action. */
  rollouts: number;
  /** How far each rollout looks ahead, in weeks. */
  horizonWeeks: number;
  /** Most candidate actions tried: the first of each kind on the menu (in menu order), then the rest in order. */
  maxCandidates: number;
  /** Mixed into the rollouts' seeds (different searches, different futures). */
  salt?: number;
}

export const DEFAULT_SEARCH: SearchOptions = { rollouts: 2, horizonWeeks: 12, maxCandidates: 8 };

/**
 * The actions a search tries: one of each kind first (the menu lists the most promising of a kind first: the
 * proposer's best coalition, the motion with the best odds), so that a long list of one kind does not crowd out
 * the others; then the rest in menu order, up to `max`.
 */
export function candidatesOf(choices: Choice[], max: number): Choice[] {
  const seen = new Set<string>();
  const first = choices.filter((c) => !seen.has(c.action.kind) && seen.add(c.action.kind));
  const rest = choices.filter((c) => !first.includes(c));
  return [...first, ...rest].slice(0, max);
}

/** What a search has cost so far. */
export interface SearchStats {
  decisions: number;
  rollouts: number;
  /** Ticks stepped in rollouts. */
  ticks: number;
  forkMs: number;
  totalMs: number;
}

/**
 * How well a world stands for a leader, in [0, 1]: 1 as sole leader; otherwise a quarter for being in the
 * ruling coalition, half his share of the real power of the contenders, and a quarter scaled by how far he
 * is from the ladder's foot; 0 dead or out of the party.
 */
export function standing(w: World, me: number): number {
  const p = w.people[me]!;
  if (!p.alive || outOfParty(w, me)) return 0;
  if (w.soleLeader === me) return 1;
  const power = realPowers(w);
  const players = currentPlayers(w);
  const rivals = contenders(w, players);
  const field = rivals.includes(me) ? rivals : [...rivals, me];
  const total = field.reduce((a, i) => a + power[i]!, 0);
  const share = total > 0 ? power[me]! / total : 0;
  return (
    (w.ruling.includes(me) ? 0.25 : 0) + 0.5 * share + 0.25 * (1 - p.rung / Math.max(1, w.sc.ladder.length))
  );
}

export function searchPolicy(options: Partial<SearchOptions> = {}): Policy & { stats: SearchStats } {
  const o = { ...DEFAULT_SEARCH, ...options };
  const stats: SearchStats = { decisions: 0, rollouts: 0, ticks: 0, forkMs: 0, totalMs: 0 };
  return {
    name: "search",
    stats,
    choose(game: Game, choices: Choice[]): Action {
      const started = performance.now();
      const candidates = candidatesOf(choices, o.maxCandidates);
      stats.decisions++;
      if (candidates.length <= 1) return candidates[0]?.action ?? { kind: "auto" };
      const w = game.world;
      const horizon = Math.round((o.horizonWeeks * 7) / w.sc.clock.tickDays);
      const every = politicsEvery(w);
      const value = candidates.map(() => 0);
      for (let r = 0; r < o.rollouts; r++) {
        // One future per rollout index, shared by every candidate.
        const salt = ((o.salt ?? 0) * 1000003 + w.tick * 131 + r) >>> 0;
        candidates.forEach((c, k) => {
          const t0 = performance.now();
          const f = game.model.fork(w.streams.reseeded(salt));
          stats.forkMs += performance.now() - t0;
          // His action holds for this round; from his next turn on, the model's own rule plays him.
          f.world.control = controlFor(f.world, game.me, c.action);
          let t = 0;
          for (; t < horizon && !f.done; t++) {
            if (t === every) f.world.control = null;
            f.step(false);
          }
          stats.ticks += t;
          stats.rollouts++;
          value[k]! += standing(f.world, game.me);
        });
      }
      let best = 0;
      for (let k = 1; k < candidates.length; k++) if (value[k]! > value[best]! + 1e-12) best = k;
      stats.totalMs += performance.now() - started;
      return candidates[best]!.action;
    },
  };
}
