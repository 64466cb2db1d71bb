/**
 * The browser engine's pool, with stand-in workers that run the real message handler in this process, each at
 * its own pace: an experiment's rows are the same bytes on one worker or many (and as the Node executors make
 * them), failures reject the whole plan and leave the pool usable, and the pool starts no more workers than
 * it needs. test/e2e/enginePool.test.ts runs the same pool on real Web Workers in Chromium.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { planMonteCarlo, planWhatIf } from "../../src/experiments/plan.ts";
import { referenceRows } from "../../src/runner/executor.cases.ts";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { defaultPoolSize, EngineError, EnginePool, type EngineWorker } from "./engine.ts";
import { EngineHandler } from "./engineHandler.ts";
import type { EngineReply, EngineRequest } from "./engineTypes.ts";

/** A worker in this process: messages handled in order, each after a delay of its own. */
function standIn(
  log: { started: number; messages: EngineRequest[] },
  delayMs: () => number,
): () => EngineWorker {
  return () => {
    log.started++;
    const handler = new EngineHandler();
    let chain: Promise<void> = Promise.resolve();
    let alive = true;
    const worker: EngineWorker = {
      onmessage: null,
      onerror: null,
      postMessage(message) {
        log.messages.push(message);
        chain = chain.then(async () => {
          await new Promise((r) => setTimeout(r, delayMs()));
          const reply = await handler.handle(structuredClone(message));
          if (alive && reply) worker.onmessage?.({ data: structuredClone(reply) as EngineReply });
        });
      },
      terminate() {
        alive = false;
      },
    };
    return worker;
  };
}

const question = { text: "q", leader: "stalin", by: "1930-01-01" };
const scenario = bolshevikScenario();
const plans = [
  planMonteCarlo({ scenario, seed: 21, replicates: 4, question }),
  planWhatIf({
    scenario,
    seed: 22,
    replicates: 3,
    question,
    sets: [{ path: "mechanisms.patronage.enabled", value: false }],
  }),
];

describe("EnginePool", () => {
  it("gives every plan's rows byte for byte as one worker and the Node executors do, on 1, 2 and 5 workers", async () => {
    for (const plan of plans) {
      const reference = JSON.stringify(referenceRows(plan));
      for (const size of [1, 2, 5]) {
        const log = { started: 0, messages: [] as EngineRequest[] };
        let tick = 0;
        // Uneven paces, so chunks finish out of order.
        const pool = new EnginePool(
          size,
          standIn(log, () => (tick++ * 7) % 5),
        );
        const progress: number[] = [];
        const rows = await pool.runPlan(plan, { chunk: 1, onProgress: (done) => progress.push(done) });
        expect(JSON.stringify(rows), `${size} workers`).toBe(reference);
        expect(progress.at(-1)).toBe(rows.length);
        expect(log.started).toBe(Math.min(size, rows.length));
        // Each worker got the plan once, and was told to forget it at the end.
        expect(log.messages.filter((m) => m.kind === "plan")).toHaveLength(log.started);
        expect(log.messages.filter((m) => m.kind === "forget")).toHaveLength(log.started);
        pool.terminate();
      }
    }
  });

  it("rejects the whole plan when a run fails, naming the reason, and stays usable", async () => {
    const log = { started: 0, messages: [] as EngineRequest[] };
    const pool = new EnginePool(
      2,
      standIn(log, () => 1),
    );
    const bad = structuredClone(plans[0]!);
    bad.variants[0]!.sets = [{ path: "mechanisms.nosuch.enabled", value: false }];
    await expect(pool.runPlan(bad, { chunk: 1 })).rejects.toThrow(EngineError);
    await expect(pool.runPlan(bad, { chunk: 1 })).rejects.toThrow(/nosuch/);
    // After the failure nothing more was handed out than the chunks already running.
    const runsSent = log.messages.filter((m) => m.kind === "runs").length;
    expect(runsSent).toBeLessThan(2 * 4);
    const rows = await pool.runPlan(plans[0]!);
    expect(JSON.stringify(rows)).toBe(JSON.stringify(referenceRows(plans[0]!)));
    pool.terminate();
  });

  it("stops handing out runs when aborted", async () => {
    const log = { started: 0, messages: [] as EngineRequest[] };
    const pool = new EnginePool(
      1,
      standIn(log, () => 1),
    );
    const controller = new AbortController();
    const running = pool.runPlan(plans[0]!, {
      chunk: 1,
      onProgress: (done) => {
        if (done === 1) controller.abort(new Error("enough"));
      },
      signal: controller.signal,
    });
    await expect(running).rejects.toThrow("enough");
    expect(log.messages.filter((m) => m.kind === "runs").length).toBeLessThan(4);
    pool.terminate();
  });

  it("replays on as many workers as are busy at once, and replaces a worker that died", async () => {
    const log = { started: 0, messages: [] as EngineRequest[] };
    let fail = false;
    const make = standIn(log, () => 1);
    const pool = new EnginePool(4, () => {
      const w = make();
      const post = w.postMessage.bind(w);
      w.postMessage = (m) =>
        fail ? setTimeout(() => w.onerror?.({ message: "out of memory" }), 1) : post(m);
      return w;
    });
    const one = await pool.replay(scenario, 3, []);
    expect(one.replay.result.outcome).toBeDefined();
    expect(pool.workers).toBe(1);
    const [a, b] = await Promise.all([pool.replay(scenario, 3, []), pool.replay(scenario, 4, [])]);
    expect(a.digest).toBe(one.digest);
    expect(b.digest).not.toBe(one.digest);
    expect(pool.workers).toBe(2);
    fail = true;
    await expect(pool.replay(scenario, 5, [])).rejects.toThrow("the engine stopped: out of memory");
    fail = false;
    await expect(pool.replay(scenario, 3, [])).resolves.toMatchObject({ digest: one.digest });
    pool.terminate();
  });

  it("refuses a pool of no workers", () => {
    expect(() => new EnginePool(0)).toThrow(/at least 1/);
  });
});

describe("defaultPoolSize", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("leaves one core to the page: one worker on 1 or 2 cores, cores - 1 beyond, at most eight", () => {
    const sizes = [1, 2, 3, 4, 8, 16].map((cores) => {
      vi.stubGlobal("navigator", { hardwareConcurrency: cores });
      return defaultPoolSize();
    });
    expect(sizes).toEqual([1, 1, 2, 3, 7, 8]);
  });

  it("is one worker where the browser does not say how many cores it has", () => {
    vi.stubGlobal("navigator", {});
    expect(defaultPoolSize()).toBe(1);
  });
});
