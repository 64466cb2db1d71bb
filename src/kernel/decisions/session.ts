/**
 * A game as one request and one answer, for a page whose engine runs in a Web Worker: the scenario, the seed,
 * the leader and the moves so far go in; the leader's view, his menu and (at the end) the real state come out.
 * The game is replayed from its log each time, so a page holds no engine state: a saved file, a shared link
 * and a reload all give the same game.
 */
import type { CompiledScenario } from "../compiled.ts";
import type { SimEvent } from "../events.ts";
import type { Outcome } from "../outcome.ts";
import type { Action } from "./action.ts";
import { defaultPolicy, Game } from "./game.ts";
import type { Choice } from "./legal.ts";
import { type LeaderView, leaderView, realView } from "./view.ts";

export interface PlayState {
  as: string;
  seed: number;
  moves: Action[];
  /** What became of each move. */
  results: string[];
  over: boolean;
  view: LeaderView;
  choices: Choice[];
  /** The run's events since the start (for the narrative), as many as there are. */
  eventCount: number;
  /** At the end: the outcome and the real state. */
  end: { outcome: Outcome; until: string; real: ReturnType<typeof realView>; events: SimEvent[] } | null;
}

/**
 * Replays `moves`, then (with `finish`) lets the model's own rule play the rest, and describes the state.
 * Throws on an unknown leader or an illegal move.
 */
export function playState(
  sc: CompiledScenario,
  game: { seed: number; as: string; moves: Action[]; until?: string },
  finish = false,
): PlayState {
  const g = Game.replay(
    sc,
    { format: 1, scenario: sc.id, seed: game.seed, as: game.as, moves: game.moves },
    game.until,
  );
  if (finish) g.playOut(defaultPolicy);
  const result = g.over ? g.result() : null;
  return {
    as: game.as,
    seed: game.seed,
    moves: g.moves,
    results: g.results,
    over: g.over,
    view: leaderView(g.world, g.me),
    choices: g.isTurn() ? g.choices() : [],
    eventCount: g.world.events.length,
    end: result
      ? { outcome: result.outcome, until: result.until, real: realView(g.world), events: result.events }
      : null,
  };
}
