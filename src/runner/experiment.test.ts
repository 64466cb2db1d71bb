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
});
