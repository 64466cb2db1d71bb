// The messages between the page and the engine workers (shared by engine.ts, engineHandler.ts and the worker).
import type { ExperimentPlan, RunRow, RunTask, Scenario } from "../../src/index.ts";
import type { Action } from "../../src/kernel/decisions/action.ts";
import type { PlayState } from "../../src/kernel/decisions/session.ts";
import type { Replay } from "../../src/replay/timeline.ts";
import type { Change } from "../../src/server/contract.ts";

/** One history with its patronage network, for the replay views. */
export interface ReplayRequest {
  kind: "replay";
  id: number;
  scenario: Scenario;
  seed: number;
  changes: Change[];
}

/** An experiment plan the worker keeps under `key` for the runs that follow (no reply). */
export interface PlanMessage {
  kind: "plan";
  key: string;
  plan: ExperimentPlan;
}

/** Some runs of a plan sent before, by task. */
export interface RunsRequest {
  kind: "runs";
  id: number;
  key: string;
  tasks: RunTask[];
}

/** The plan under `key` is done with (no reply). */
export interface ForgetMessage {
  kind: "forget";
  key: string;
}

/** A game in a leader's seat: replayed from its moves (then played out by instinct with `finish`). */
export interface PlayRequest {
  kind: "play";
  id: number;
  scenario: Scenario;
  seed: number;
  as: string;
  moves: Action[];
  finish: boolean;
}

export type EngineRequest = ReplayRequest | PlanMessage | RunsRequest | ForgetMessage | PlayRequest;

export type EngineReply =
  | { id: number; replay: Replay; digest: string; ms: number }
  | { id: number; rows: RunRow[]; ms: number }
  | { id: number; play: PlayState; ms: number }
  | { id: number; error: string; issues?: { path: string; message: string }[] };
