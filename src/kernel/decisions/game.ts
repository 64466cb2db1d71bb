/**
 * A game: one leader's seat taken by a player (or a policy), the rivals run by the model's own rules. The
 * run pauses at each of his turns (the start of every politics round at which he can act); his action is in
 * force for that round. A game is its scenario, its seed, his id and the log of his actions: replaying the
 * log gives the same world, byte for byte.
 */
import type { CompiledScenario } from "../compiled.ts";
import { Model, type RunResult } from "../engine.ts";
import { politicsEvery, type World } from "../world.ts";
import type { Action } from "./action.ts";
import { type Choice, canAct, controlFor, legalActions, sameAction } from "./legal.ts";

/** A saved game: enough to replay it. */
export interface SavedGame {
  format: 1;
  /** The scenario as the user named it (a built-in id or a file path). */
  scenario: string;
  seed: number;
  as: string;
  moves: Action[];
}

/** Picks one of a leader's legal actions at his turn. */
export interface Policy {
  readonly name: string;
  choose(game: Game, choices: Choice[]): Action;
}

/** The model's own rule decides every choice (today's behaviour, the rivals' policy). */
export const defaultPolicy: Policy = { name: "default", choose: () => ({ kind: "auto" }) };

/** He takes no initiative, ever. */
export const doNothingPolicy: Policy = { name: "do-nothing", choose: () => ({ kind: "wait" }) };

export class Game {
  readonly model: Model;
  readonly me: number;
  readonly moves: Action[] = [];
  /** What became of each move (carried out, refused and why), aligned with `moves`. */
  readonly results: string[] = [];

  constructor(sc: CompiledScenario, options: { seed: number; as: string; until?: string }, resume?: Model) {
    const me = sc.people.findIndex((p) => p.id === options.as);
    if (me < 0)
      throw new Error(
        `unknown leader "${options.as}"; choose one of ${sc.people
          .filter((p) => p.isLeader)
          .map((p) => p.id)
          .join(", ")}`,
      );
    this.me = me;
    this.model =
      resume ?? new Model(sc, { seed: options.seed, ...(options.until ? { until: options.until } : {}) });
    if (!resume) this.advance();
  }

  get world(): World {
    return this.model.world;
  }

  get over(): boolean {
    return this.model.done;
  }

  /** Whether the run waits for his choice now. */
  isTurn(): boolean {
    const w = this.world;
    return !this.model.done && w.tick % politicsEvery(w) === 0 && canAct(w, this.me);
  }

  /** Steps the run to his next turn, or to the end. */
  advance(record = true): void {
    while (!this.model.done && !this.isTurn()) this.model.step(record);
  }

  /** His legal actions now. */
  choices(): Choice[] {
    return legalActions(this.world, this.me);
  }

  /**
   * Plays one action at his turn: it must be one of his legal actions (an action from a file is checked),
   * stays in force through the round, and the run goes on to his next turn. Returns what became of it.
   */
  play(action: Action, record = true, check = true): string {
    if (!this.isTurn()) throw new Error("not his turn: the game is over");
    if (check && !this.choices().some((c) => sameAction(c.action, action)))
      throw new Error(`not a legal action now: ${JSON.stringify(action)}`);
    const w = this.world;
    const control = controlFor(w, this.me, action);
    w.control = control;
    this.moves.push(action);
    this.model.step(record);
    this.advance(record);
    const result =
      control.result || (action.kind === "auto" || action.kind === "wait" ? "done" : "not carried out");
    this.results.push(result);
    return result;
  }

  /** Lets a policy play his turns to the end. */
  playOut(policy: Policy, record = true): void {
    while (this.isTurn()) this.play(policy.choose(this, this.choices()), record);
    this.advance(record);
  }

  /** An independent copy for lookahead (other dice unless `salt` is null). */
  fork(salt: number | null): Game {
    const w = this.world;
    const model = this.model.fork(salt === null ? undefined : w.streams.reseeded(salt));
    return new Game(w.sc, { seed: w.seed, as: w.sc.people[this.me]!.id }, model);
  }

  result(): RunResult {
    return this.model.result();
  }

  save(scenario: string): SavedGame {
    return {
      format: 1,
      scenario,
      seed: this.world.seed,
      as: this.world.sc.people[this.me]!.id,
      moves: [...this.moves],
    };
  }

  /** Replays a saved game's log on a scenario: the same world as when it was saved. */
  static replay(sc: CompiledScenario, saved: SavedGame, until?: string): Game {
    const g = new Game(sc, { seed: saved.seed, as: saved.as, ...(until ? { until } : {}) });
    saved.moves.forEach((m, k) => {
      if (!g.isTurn()) throw new Error(`move ${k + 1} comes after the end of the game`);
      g.play(m);
    });
    return g;
  }
}
