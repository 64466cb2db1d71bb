/** The worker-thread side of the server's replays: one replay per task. */
import { makeReplay, type ReplayJob, type ReplayOutcome } from "./replayJob.ts";

export default function replay(job: ReplayJob): ReplayOutcome {
  return makeReplay(job);
}
