// What an engine worker does with a message, apart from the worker itself so it can be tested in Node: replays
// one history with its network, or runs tasks of an experiment plan with the same PlanRunner the Node
// executors use, so a run's row is the same bytes wherever it was made.
import { applySets, compileScenario, PlanRunner, type Scenario, ScenarioError } from "../../src/index.ts";
import { playState } from "../../src/kernel/decisions/session.ts";
import { recordReplay } from "../../src/replay/timeline.ts";
import type { EngineReply, EngineRequest, PlayRequest, ReplayRequest, RunsRequest } from "./engineTypes.ts";
import { sha256OfText } from "./hash.ts";

/** Plans kept at once: a page runs one experiment at a time; a few spare cover overlap. */
const KEEP_PLANS = 4;

export class EngineHandler {
  readonly #plans = new Map<string, PlanRunner>();

  /** The reply to a request; null for messages that have none (plan, forget). */
  async handle(req: EngineRequest): Promise<EngineReply | null> {
    switch (req.kind) {
      case "replay":
        return replay(req);
      case "plan":
        this.#plans.set(req.key, new PlanRunner(req.plan));
        if (this.#plans.size > KEEP_PLANS) this.#plans.delete(this.#plans.keys().next().value!);
        return null;
      case "forget":
        this.#plans.delete(req.key);
        return null;
      case "runs":
        return this.#runs(req);
      case "play":
        return play(req);
    }
  }

  #runs(req: RunsRequest): EngineReply {
    const started = performance.now();
    const runner = this.#plans.get(req.key);
    if (!runner) return { id: req.id, error: `no plan ${req.key} in this worker` };
    try {
      const rows = req.tasks.map((t) => runner.run(t));
      return { id: req.id, rows, ms: Math.round(performance.now() - started) };
    } catch (err) {
      return failure(req.id, err);
    }
  }
}

function failure(id: number, err: unknown): EngineReply {
  if (err instanceof ScenarioError) {
    return {
      id,
      error: err.issues.map((i) => `${i.path || "scenario"}: ${i.message}`).join("; "),
      issues: err.issues.map((i) => ({ path: i.path, message: i.message })),
    };
  }
  return { id, error: err instanceof Error ? err.message : String(err) };
}

/** Applies the changes, compiles and runs one history with its network, with the SHA-256 of its result. */
async function replay(req: ReplayRequest): Promise<EngineReply> {
  const started = performance.now();
  try {
    const sets = req.changes.map((c) => ({ path: c.path, value: c.value }));
    const scenario: Scenario = applySets(req.scenario, sets, "your changes");
    const result = recordReplay(compileScenario(scenario), { seed: req.seed });
    const ms = Math.round(performance.now() - started);
    const digest = await sha256OfText(JSON.stringify(result.result));
    return { id: req.id, replay: result, digest, ms };
  } catch (err) {
    return failure(req.id, err);
  }
}

/** Replays a game from its moves (and plays it out by instinct if asked). */
function play(req: PlayRequest): EngineReply {
  const started = performance.now();
  try {
    const state = playState(
      compileScenario(req.scenario),
      { seed: req.seed, as: req.as, moves: req.moves },
      req.finish,
    );
    return { id: req.id, play: state, ms: Math.round(performance.now() - started) };
  } catch (err) {
    return failure(req.id, err);
  }
}
