import { afterEach, describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import type { RunTask } from "../experiments/execute.ts";
import { planMonteCarlo } from "../experiments/plan.ts";
import type { ExperimentPlan, RunRow } from "../experiments/types.ts";
import type { Executor } from "../runner/executor.ts";
import { InProcessExecutor } from "../runner/inProcess.ts";
import { ResultsStore } from "../store/store.ts";
import { BusyError, type ExperimentEvent, ExperimentManager } from "./experiments.ts";

const question = { text: "q", leader: "stalin", by: "1930-01-01" };
const plan = (runs: number) =>
  planMonteCarlo({ scenario: bolshevikScenario(), seed: 1, replicates: runs, question });

/** An executor that runs the first batch, then fails. */
class FailingExecutor implements Executor {
  readonly description = "failing";
  closed = false;
  async run(p: ExperimentPlan, batches: RunTask[][], onBatch: (rows: RunRow[]) => void): Promise<void> {
    await new InProcessExecutor().run(p, batches.slice(0, 1), onBatch);
    throw new Error("worker thread died");
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

let store: ResultsStore;
afterEach(() => store?.close());

function collect(m: ExperimentManager, id: number): Promise<ExperimentEvent[]> {
  return new Promise((resolve) => {
    const events: ExperimentEvent[] = [];
    const off = m.subscribe(id, (e) => {
      events.push(e);
      if (e.type !== "progress") {
        off?.();
        resolve(events);
      }
    });
    if (!off) resolve(events);
  });
}

describe("ExperimentManager", () => {
  it("tells each listener the progress at once and every batch after, then done; the store has every run", async () => {
    store = ResultsStore.open(":memory:");
    const m = new ExperimentManager({
      store,
      executor: () => new InProcessExecutor(),
      maxConcurrent: 1,
      progressEveryMs: 0,
    });
    const id = await m.start({ plan: plan(9) });
    expect(m.isActive(id)).toBe(true);
    const events = await collect(m, id);
    const progress = events.filter((e) => e.type === "progress").map((e) => e.progress.done);
    expect(progress[0]).toBeGreaterThanOrEqual(0);
    expect(progress.at(-1)).toBe(9);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(events.at(-1)).toEqual({ type: "done", id });
    expect(m.isActive(id)).toBe(false);
    expect(store.experiment(id)).toMatchObject({ status: "finished", done: 9 });
  });

  it("refuses a start beyond its limit, and frees the slot when an experiment ends", async () => {
    store = ResultsStore.open(":memory:");
    const m = new ExperimentManager({ store, executor: () => new InProcessExecutor(), maxConcurrent: 1 });
    const first = await m.start({ plan: plan(3) });
    expect(() => m.start({ plan: plan(3) })).toThrow(BusyError);
    await m.idle();
    expect(m.running).toBe(0);
    const second = await m.start({ plan: plan(1) });
    expect(second).toBeGreaterThan(first);
    await m.idle();
  });

  it("reports a failure to its listeners, keeps the runs made before it, and closes the executor", async () => {
    store = ResultsStore.open(":memory:");
    const executors: FailingExecutor[] = [];
    const m = new ExperimentManager({
      store,
      executor: () => {
        const e = new FailingExecutor();
        executors.push(e);
        return e;
      },
      maxConcurrent: 1,
    });
    const id = await m.start({ plan: plan(12) });
    const events = await collect(m, id);
    expect(events.at(-1)).toEqual({ type: "failed", id, error: "worker thread died" });
    await m.idle();
    await new Promise((r) => setTimeout(r, 10));
    expect(executors[0]!.closed).toBe(true);
    const stored = store.experiment(id);
    // Marked failed with the reason, never left "running"; a resume runs the rest.
    expect(stored.status).toBe("failed");
    expect(stored.error).toBe("worker thread died");
    expect(stored.done).toBe(4);
    // The stopped experiment resumes to the end with a working executor.
    const m2 = new ExperimentManager({ store, executor: () => new InProcessExecutor(), maxConcurrent: 1 });
    await m2.start({ resume: id });
    await m2.idle();
    expect(store.experiment(id)).toMatchObject({ status: "finished", done: 12 });
  });

  it("an executor that cannot be made holds no slot", async () => {
    store = ResultsStore.open(":memory:");
    let broken = true;
    const m = new ExperimentManager({
      store,
      executor: () => {
        if (broken) throw new Error("no threads");
        return new InProcessExecutor();
      },
      maxConcurrent: 1,
    });
    expect(() => m.start({ plan: plan(1) })).toThrow("no threads");
    expect(m.running).toBe(0);
    broken = false;
    await m.start({ plan: plan(1) });
    await m.idle();
  });

  it("a listener for an experiment that is not running is told so (null)", () => {
    store = ResultsStore.open(":memory:");
    const m = new ExperimentManager({ store, executor: () => new InProcessExecutor(), maxConcurrent: 1 });
    expect(m.subscribe(42, () => {})).toBeNull();
  });
});
