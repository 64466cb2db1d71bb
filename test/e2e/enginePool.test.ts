/**
 * The dashboard's engine pool on real Web Workers in Chromium: an experiment plan's rows are the same bytes on
 * one worker, on as many as the machine has cores, and on more, and the same as Node makes them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planMonteCarlo, planWhatIf } from "../../src/experiments/plan.ts";
import type { ExperimentPlan } from "../../src/experiments/types.ts";
import { referenceRows } from "../../src/runner/executor.cases.ts";
import { bolshevikScenario } from "../fixtures.ts";
import { CHROMIUM, RUN_BROWSER_TESTS } from "./browser.ts";
import { type EnginePage, openEnginePage } from "./enginePage.ts";

type PoolWindow = {
  EnginePool: new (
    size: number,
  ) => {
    runPlan(plan: ExperimentPlan): Promise<unknown[]>;
    readonly workers: number;
    terminate(): void;
  };
};

describe.skipIf(!RUN_BROWSER_TESTS)(
  `the engine pool in Chromium${RUN_BROWSER_TESTS ? "" : ` (skipped: no Chromium at ${CHROMIUM})`}`,
  () => {
    let session: EnginePage;
    beforeAll(async () => {
      session = await openEnginePage();
    });
    afterAll(async () => {
      await session?.close();
    });

    it("gives a plan's rows byte for byte on 1, 2 and 3 workers, as Node does", async () => {
      const scenario = bolshevikScenario();
      const question = { text: "q", leader: "stalin", by: "1930-01-01" };
      const plans = [
        planMonteCarlo({ scenario, seed: 31, replicates: 5, question }),
        planWhatIf({
          scenario,
          seed: 32,
          replicates: 3,
          question,
          sets: [{ path: "mechanisms.enrolment.enabled", value: false }],
        }),
      ];
      for (const plan of plans) {
        const reference = JSON.stringify(referenceRows(plan));
        for (const size of [1, 2, 3]) {
          const got = await session.page.evaluate(
            async ({ plan, size }) => {
              const pool = new (window as unknown as PoolWindow).EnginePool(size);
              try {
                const rows = await pool.runPlan(plan);
                return { json: JSON.stringify(rows), workers: pool.workers };
              } finally {
                pool.terminate();
              }
            },
            { plan, size },
          );
          expect(got.json, `${plan.kind} on ${size} workers`).toBe(reference);
          expect(got.workers).toBe(size);
        }
      }
      expect(session.errors).toEqual([]);
    });
  },
);
