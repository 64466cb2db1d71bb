/**
 * The sensitivity methods checked against functions whose indices are known, through the path a scenario's
 * analysis takes: parameters found among the scenario's estimates, a plan of design points within their ranges,
 * the experiment runner and executor, the results store, and the summary. Only the model differs: it reads the
 * design point's values back from the variant and evaluates the test function on the unit cube.
 */
import { describe, expect, it } from "vitest";
import { bolshevikScenario } from "../../test/fixtures.ts";
import type { RunModel } from "../experiments/execute.ts";
import { planSensitivity, type SensitivityRequest } from "../experiments/plan.ts";
import { summarize } from "../experiments/summarize.ts";
import { fakeMetrics } from "../experiments/testing.ts";
import type { ExperimentPlan } from "../experiments/types.ts";
import { runExperiment } from "../runner/experiment.ts";
import { InProcessExecutor } from "../runner/inProcess.ts";
import { ResultsStore } from "../store/store.ts";
import type { SensitivitySummary } from "./analyse.ts";
import { scenarioEstimates } from "./parameters.ts";
import { gFunction, gFunctionIndices, ishigami, ishigamiIndices } from "./testFunctions.ts";

const question = { text: "q", leader: "stalin", by: "1930-01-01" };

/** A model evaluating `f` at the variant's point, scaled back to the unit cube of the parameters' ranges. */
function unitModel(f: (u: number[]) => number): RunModel<number[]> {
  return {
    prepare(plan, v) {
      const point = plan.variants[v]!.point!;
      return plan.sensitivity!.parameters.map(
        (p) => ((point[p.path] as number) - p.range[0]) / (p.range[1] - p.range[0]),
      );
    },
    run(u) {
      return { metrics: { ...fakeMetrics(false), outputs: { y: f(u) } } };
    },
  };
}

async function analyse(
  k: number,
  f: (u: number[]) => number,
  request: Omit<SensitivityRequest, "parameters">,
) {
  const parameters = scenarioEstimates(bolshevikScenario()).slice(0, k);
  const plan: ExperimentPlan = planSensitivity({
    scenario: bolshevikScenario(),
    seed: 3,
    replicates: 1,
    question,
    parameters,
    outcome: "output.y",
    ...request,
  });
  const store = ResultsStore.open(":memory:");
  try {
    const out = await runExperiment({
      store,
      executor: new InProcessExecutor(unitModel(f)),
      plan,
      batchSize: 512,
    });
    expect(out.rows.length).toBe(plan.variants.length);
    return summarize(out.plan, out.rows) as SensitivitySummary;
  } finally {
    store.close();
  }
}

/** Every estimate within `tolerance` of the truth, and every 95 % interval covering it. */
function expectClose(got: { value: number; lo: number; hi: number }[], truth: number[], tolerance: number) {
  got.forEach((g, i) => {
    expect(Math.abs(g.value - truth[i]!), `index ${i}: ${g.value} against ${truth[i]}`).toBeLessThanOrEqual(
      tolerance,
    );
    expect(g.lo).toBeLessThanOrEqual(truth[i]!);
    expect(g.hi).toBeGreaterThanOrEqual(truth[i]!);
  });
}

describe("Sobol' indices through the experiment path", () => {
  it("Ishigami (a = 7, b = 0.1): |S - S_true| <= 0.02 with N = 4096 base samples (20,480 runs)", async () => {
    const s = await analyse(3, (u) => ishigami(u), { method: "sobol", samples: 4096, resamples: 300 });
    const truth = ishigamiIndices();
    // The analytic values the literature quotes.
    expect(truth.first.map((x) => x.toFixed(3))).toEqual(["0.314", "0.442", "0.000"]);
    expect(truth.total.map((x) => x.toFixed(3))).toEqual(["0.558", "0.442", "0.244"]);
    expect(s.sobol!.N).toBe(4096);
    expectClose(s.sobol!.first, truth.first, 0.02);
    expectClose(s.sobol!.total, truth.total, 0.02);
  });

  it("G-function (a = 0, 1, 4.5, 9, 99, 99, 99, 99): |S - S_true| <= 0.02 with N = 1024 (10,240 runs)", async () => {
    const s = await analyse(8, (u) => gFunction(u), { method: "sobol", samples: 1024, resamples: 300 });
    const truth = gFunctionIndices();
    expectClose(s.sobol!.first, truth.first, 0.02);
    expectClose(s.sobol!.total, truth.total, 0.02);
  });
});

describe("Morris screening through the experiment path", () => {
  it("a linear function: every elementary effect is its coefficient, so mu* = |c| and sigma = 0", async () => {
    const c = [1, -2, 0, 0.5];
    const s = await analyse(4, (u) => u.reduce((a, x, i) => a + c[i]! * x, 0), {
      method: "morris",
      samples: 10,
    });
    const f = s.morris!.factors;
    f.forEach((m, i) => {
      expect(m.mu).toBeCloseTo(c[i]!, 5);
      expect(m.muStar.value).toBeCloseTo(Math.abs(c[i]!), 5);
      expect(m.sigma).toBeCloseTo(0, 5);
    });
  });

  it("the G-function: mu* ranks the factors as their analytic total indices do (r = 50 trajectories)", async () => {
    const s = await analyse(8, (u) => gFunction(u), { method: "morris", samples: 50 });
    const muStar = s.morris!.factors.map((m) => m.muStar.value);
    for (let i = 0; i < 3; i++) expect(muStar[i]!).toBeGreaterThan(muStar[i + 1]!);
    // The four near-inert factors (a = 99) stay far below the weakest of the others.
    for (let i = 4; i < 8; i++) expect(muStar[i]!).toBeLessThan(muStar[3]! / 3);
  });
});
