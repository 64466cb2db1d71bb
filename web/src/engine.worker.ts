// The engine in a Web Worker: applies the changes, compiles and runs one history with its patronage network,
// and returns it with the SHA-256 of JSON.stringify(result), so the page can prove it matches a Node run.
import { applySets, compileScenario, type Scenario, ScenarioError } from "../../src/index.ts";
import { recordReplay } from "../../src/replay/timeline.ts";
import type { EngineReply, EngineRequest } from "./engineTypes.ts";
import { sha256OfText } from "./hash.ts";

const ctx = self as unknown as {
  postMessage(message: EngineReply): void;
  onmessage: ((ev: MessageEvent<EngineRequest>) => void) | null;
};

async function handle(req: EngineRequest): Promise<EngineReply> {
  const started = performance.now();
  try {
    const sets = req.changes.map((c) => ({ path: c.path, value: c.value }));
    const scenario: Scenario = applySets(req.scenario, sets, "your changes");
    const replay = recordReplay(compileScenario(scenario), { seed: req.seed });
    const ms = Math.round(performance.now() - started);
    const digest = await sha256OfText(JSON.stringify(replay.result));
    return { id: req.id, replay, digest, ms };
  } catch (err) {
    if (err instanceof ScenarioError) {
      return {
        id: req.id,
        error: err.issues.map((i) => `${i.path || "scenario"}: ${i.message}`).join("; "),
        issues: err.issues.map((i) => ({ path: i.path, message: i.message })),
      };
    }
    return { id: req.id, error: err instanceof Error ? err.message : String(err) };
  }
}

ctx.onmessage = (ev) => {
  void handle(ev.data).then((reply) => ctx.postMessage(reply));
};
