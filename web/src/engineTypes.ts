// The messages between the page and the engine worker (shared by engine.ts and engine.worker.ts).
import type { Scenario } from "../../src/index.ts";
import type { Replay } from "../../src/replay/timeline.ts";
import type { Change } from "../../src/server/contract.ts";

export interface EngineRequest {
  id: number;
  scenario: Scenario;
  seed: number;
  changes: Change[];
}

export type EngineReply =
  | { id: number; replay: Replay; digest: string; ms: number }
  | { id: number; error: string; issues?: { path: string; message: string }[] };
