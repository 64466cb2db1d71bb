// The engine in a Web Worker: a replay with its patronage network (and the SHA-256 of JSON.stringify(result),
// so the page can prove it matches a Node run), or runs of an experiment plan. See engineHandler.ts.
import { EngineHandler } from "./engineHandler.ts";
import type { EngineReply, EngineRequest } from "./engineTypes.ts";

const ctx = self as unknown as {
  postMessage(message: EngineReply): void;
  onmessage: ((ev: MessageEvent<EngineRequest>) => void) | null;
};

const handler = new EngineHandler();
// One message at a time, in order: a plan is stored before the runs sent after it are taken up.
let queue: Promise<void> = Promise.resolve();

ctx.onmessage = (ev) => {
  queue = queue.then(async () => {
    const reply = await handler.handle(ev.data);
    if (reply) ctx.postMessage(reply);
  });
};
