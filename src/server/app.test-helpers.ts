/** An in-process app over an in-memory store, running experiments on this thread: for tests. */
import { InProcessExecutor } from "../runner/inProcess.ts";
import { ResultsStore } from "../store/store.ts";
import { createApp, LOOPBACK_HOSTS } from "./app.ts";
import { DEFAULT_LIMITS, type Limits } from "./contract.ts";
import { ExperimentManager } from "./experiments.ts";
import { inProcessReplays } from "./replays.ts";
import { servedScenarios } from "./serve.ts";

let scenarios: ReturnType<typeof servedScenarios> | null = null;

export function testApp(limits: Partial<Limits> = {}) {
  scenarios ??= servedScenarios();
  const store = ResultsStore.open(":memory:");
  const all = { ...DEFAULT_LIMITS, ...limits };
  const experiments = new ExperimentManager({
    store,
    executor: () => new InProcessExecutor(),
    maxConcurrent: all.maxConcurrentExperiments,
    progressEveryMs: 0,
  });
  const app = createApp({
    scenarios,
    store,
    experiments,
    limits: all,
    replays: inProcessReplays,
    web: null,
    allowedHosts: LOOPBACK_HOSTS,
  });
  const json = (path: string, body: unknown, method = "POST") =>
    app.request(path, {
      method,
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
  return {
    app,
    store,
    experiments,
    json,
    close: async () => {
      await experiments.idle();
      store.close();
    },
  };
}

/** Reads a whole server-sent event stream into its events. */
export async function readEvents(res: Response): Promise<{ event: string; data: unknown }[]> {
  const text = await res.text();
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      const lines = block.split("\n");
      const event =
        lines
          .find((l) => l.startsWith("event:"))
          ?.slice(6)
          .trim() ?? "message";
      const data = lines
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).trimStart())
        .join("\n");
      return { event, data: JSON.parse(data) as unknown };
    });
}
