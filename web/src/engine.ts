// Promise wrapper around the engine worker: one worker for the page, requests answered by id, in order.
import type { Scenario } from "../../src/index.ts";
import type { Replay } from "../../src/replay/timeline.ts";
import type { Change } from "../../src/server/contract.ts";
import type { EngineReply } from "./engineTypes.ts";

export interface LocalRun {
  replay: Replay;
  digest: string;
  ms: number;
  seed: number;
  changes: Change[];
}

/** A run the engine refused (a value out of range, an unknown path), with its readable issues. */
export class EngineError extends Error {
  readonly issues: { path: string; message: string }[];
  constructor(message: string, issues: { path: string; message: string }[] = []) {
    super(message);
    this.name = "EngineError";
    this.issues = issues;
  }
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<
  number,
  {
    resolve: (r: LocalRun) => void;
    reject: (e: Error) => void;
    req: Omit<LocalRun, "replay" | "digest" | "ms">;
  }
>();

function getWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module" });
  worker.onmessage = (ev: MessageEvent<EngineReply>) => {
    const msg = ev.data;
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    if ("error" in msg) p.reject(new EngineError(msg.error, msg.issues));
    else p.resolve({ replay: msg.replay, digest: msg.digest, ms: msg.ms, ...p.req });
  };
  worker.onerror = (ev) => {
    for (const p of pending.values()) p.reject(new Error(`the engine stopped: ${ev.message}`));
    pending.clear();
    worker = null;
  };
  return worker;
}

/** Runs one history in the browser's worker. */
export function runLocal(scenario: Scenario, seed: number, changes: Change[]): Promise<LocalRun> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, req: { seed, changes } });
    getWorker().postMessage({ id, scenario, seed, changes });
  });
}
