/** The experiment runner: stores every run once, resumes exactly the missing ones, reports progress. */
import { describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import { planWhatIf } from "../experiments/plan.ts";
import { ResultsStore } from "../store/store.ts";
import { referenceRows } from "./executor.cases.ts";
import { runExperiment } from "./experiment.ts";
import { InProcessExecutor } from "./inProcess.ts";

const plan = planWhatIf({
  scenario: bolshevikScenario(),
  seed: 4,
  replicates: 3,
  question: { text: "q", leader: "stalin", by: "1930-01-01" },
  sets: [{ path: "mechanisms.files.enabled", value: false }],
});

describe("runExperiment", () => {
  it("runs and stores every index once, and reports progress up to the total", async () => {
    const store = ResultsStore.open(":memory:");
    const seen: number[] = [];
    const out = await runExperiment({
      store,
      executor: new InProcessExecutor(),
      plan,
      onProgress: (p) => seen.push(p.done),
    });
    expect(out.ran).toBe(6);
    expect(seen.at(-1)).toBe(6);
    expect(store.experiment(out.id).status).toBe("finished");
    expect(JSON.stringify(out.rows)).toBe(JSON.stringify(referenceRows(plan)));
    store.close();
  });

  it("resumes an interrupted experiment by running only the missing indices", async () => {
    const store = ResultsStore.open(":memory:");
    const id = store.createExperiment(plan, 6);
    const reference = referenceRows(plan);
    store.addRuns(id, [reference[0]!, reference[3]!, reference[4]!]);
    const ran: number[] = [];
    const executor = new InProcessExecutor();
    const spy = {
      description: executor.description,
      close: () => executor.close(),
      run: (
        p: typeof plan,
        batches: Parameters<typeof executor.run>[1],
        onBatch: Parameters<typeof executor.run>[2],
      ) => {
        ran.push(...batches.flat().map((t) => t.index));
        return executor.run(p, batches, onBatch);
      },
    };
    const out = await runExperiment({ store, executor: spy, resume: id });
    expect(ran).toEqual([1, 2, 5]);
    expect(out.ran).toBe(3);
    expect(JSON.stringify(out.rows)).toBe(JSON.stringify(reference));
    // A second resume has nothing left to run.
    const again = await runExperiment({ store, executor: spy, resume: id });
    expect(again.ran).toBe(0);
    store.close();
  });

  it("marks an experiment failed with the reason when a run throws, keeping what was stored", async () => {
    const store = ResultsStore.open(":memory:");
    const failing = {
      description: "failing",
      close: async () => {},
      run: async (_p: typeof plan, batches: { index: number }[][], onBatch: (rows: never[]) => void) => {
        onBatch(referenceRows(plan).slice(0, 2) as never[]);
        throw new RangeError(`the engine threw on batch 2 of ${batches.length}`);
      },
    };
    await expect(runExperiment({ store, executor: failing, plan })).rejects.toThrow(/engine threw/);
    const [listed] = store.list();
    expect(listed).toMatchObject({ status: "failed", done: 2, error: expect.stringMatching(/engine threw/) });
    // A resume clears the failure and runs the rest.
    const out = await runExperiment({ store, executor: new InProcessExecutor(), resume: listed!.id });
    expect(out.ran).toBe(4);
    expect(store.experiment(out.id)).toMatchObject({ status: "finished", done: 6 });
    store.close();
  });

  it("refuses to resume a stored plan this version would not run, marking it failed", async () => {
    const store = ResultsStore.open(":memory:");
    // Written by an older version before the calendar was bounded.
    const old = {
      ...plan,
      scenario: { ...plan.scenario, calendar: { ...plan.scenario.calendar, end: "9999-12-31" } },
    };
    const id = store.createExperiment(old, 6);
    await expect(runExperiment({ store, executor: new InProcessExecutor(), resume: id })).rejects.toThrow(
      /calendar\.end.*more than the limit/s,
    );
    expect(store.experiment(id)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/cannot run/),
    });
    store.close();
  });
});
