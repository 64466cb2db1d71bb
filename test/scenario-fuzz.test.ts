/**
 * The scenario fuzz battery: mutants of the built-in scenario (see fuzz.ts) go through the loader as a file
 * would. Each is accepted or refused with the project's error, every issue naming its field or line, the
 * message bounded, and the shared prototypes untouched. Some accepted mutants are also run, on a worker
 * thread with the run budget as a deadline: none may throw or overrun. 120 mutants in `npm test`, 10,000
 * nightly.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { LIMITS } from "../src/scenario/limits.ts";
import { parseScenario, ScenarioError } from "../src/scenario/load.ts";
import type { Scenario } from "../src/scenario/schema.ts";
import { ReplayPool, ReplayRefused } from "../src/server/replays.ts";
import { mutant } from "./fuzz.ts";
import { batterySize, report } from "./nightly.ts";
import { changedPrototypes, snapshotPrototypes } from "./prototypes.ts";

const CASES = batterySize("APPARAT_FUZZ_SCENARIOS", 120, 10_000);
const RUNS = batterySize("APPARAT_FUZZ_RUNS", 4, 200);
/** Where the slice starts: a fixed seed, so `npm test` checks the same mutants every time. */
const FIRST_SEED = Number(process.env.APPARAT_FUZZ_FIRST ?? 0);

const TEXT = readFileSync(new URL("../scenarios/bolshevik-1922.yaml", import.meta.url), "utf8");
const BASE = parse(TEXT);
const runner = new ReplayPool({ threads: 1, timeoutMs: LIMITS.maxRunSeconds * 3 * 1000, maxQueued: 1000 });
afterAll(() => runner.close());

describe(`scenario fuzz: ${CASES} mutants of the built-in scenario`, () => {
  const accepted: { seed: number; scenario: Scenario }[] = [];

  it(
    "every mutant is accepted or refused with a ScenarioError naming its field or line; prototypes unchanged",
    () => {
      const before = snapshotPrototypes();
      const tally = { accepted: 0, refused: 0, crashed: 0, unnamed: 0, prototypeChanges: 0, longest: 0 };
      const started = Date.now();
      for (let seed = FIRST_SEED; seed < FIRST_SEED + CASES; seed++) {
        const m = mutant(BASE, TEXT, seed);
        try {
          const scenario = parseScenario(m.text, "mutant.yaml");
          tally.accepted++;
          if (accepted.length < RUNS) accepted.push({ seed, scenario });
        } catch (err) {
          if (!(err instanceof ScenarioError)) {
            tally.crashed++;
            expect.fail(`mutant ${seed} (${m.kind}) crashed the loader: ${(err as Error).stack}`);
          }
          tally.refused++;
          tally.longest = Math.max(tally.longest, err.message.length);
          const unnamed = err.issues.filter((i) => i.path === "" && i.line === undefined);
          tally.unnamed += unnamed.length > 0 ? 1 : 0;
          expect(unnamed, `mutant ${seed}: ${err.message.slice(0, 500)}`).toEqual([]);
          expect(err.message.length).toBeLessThan(40_000);
        }
        const changes = changedPrototypes(before);
        tally.prototypeChanges += changes.length;
        expect(changes, `mutant ${seed}`).toEqual([]);
      }
      report("scenario fuzz", {
        cases: CASES,
        firstSeed: FIRST_SEED,
        ...tally,
        seconds: (Date.now() - started) / 1000,
      });
      expect(tally.accepted + tally.refused).toBe(CASES);
      // The mix must exercise both sides.
      expect(tally.accepted).toBeGreaterThan(0);
      expect(tally.refused).toBeGreaterThan(CASES / 2);
    },
    60_000 + CASES * 400,
  );

  it(
    "accepted mutants run to the end within the run budget, without throwing",
    async () => {
      const started = Date.now();
      let slowest = 0;
      for (const { seed, scenario } of accepted) {
        const t = Date.now();
        const out = await runner.run({ scenario, seed: 1, maxBytes: 1e9 }).catch((e: unknown) => e);
        if (out instanceof ReplayRefused) expect.fail(`mutant ${seed}: ${out.message}`);
        if (out instanceof Error) throw out;
        slowest = Math.max(slowest, Date.now() - t);
      }
      report("scenario fuzz runs", {
        ran: accepted.length,
        slowestMs: slowest,
        seconds: (Date.now() - started) / 1000,
        deadlineS: LIMITS.maxRunSeconds * 3,
      });
      expect(accepted.length).toBeGreaterThan(0);
    },
    60_000 + RUNS * 30_000,
  );
});
