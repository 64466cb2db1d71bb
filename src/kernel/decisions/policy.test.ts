/**
 * Policies over many seeds: initiative matters (a leader who does nothing loses far more often than the
 * model's own play of him), and search over cloned worlds does at least as well as the model's own play.
 * Figures come from the mechanisms: nothing here sets who wins.
 */
import { describe, expect, it } from "vitest";
import { bolshevik } from "../../../test/fixtures.ts";
import { defaultPolicy, doNothingPolicy, Game, type Policy } from "./game.ts";
import { searchPolicy, standing } from "./search.ts";

const sc = bolshevik();

function play(policy: Policy, as: string, seed: number, until?: string): Game {
  const g = new Game(sc, { seed, as, ...(until ? { until } : {}) });
  g.playOut(policy, false);
  return g;
}

describe("policies", () => {
  it("in the General Secretary's seat, doing nothing wins far less often than the model's own play (seeds 1-8)", () => {
    let byDefault = 0;
    let idle = 0;
    for (let seed = 1; seed <= 8; seed++) {
      if (play(defaultPolicy, "stalin", seed).result().outcome.leader === "stalin") byDefault++;
      if (play(doNothingPolicy, "stalin", seed).result().outcome.leader === "stalin") idle++;
    }
    expect(byDefault).toBeGreaterThanOrEqual(5);
    expect(idle * 2).toBeLessThanOrEqual(byDefault - 3);
  }, 180_000);

  it("the search's standing at the horizon is at least the default's, on the same seeds (Zinoviev's seat)", () => {
    const until = "1924-06-01";
    let search = 0;
    let auto = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const d = play(defaultPolicy, "zinoviev", seed, until);
      auto += standing(d.world, d.me);
      const s = play(
        searchPolicy({ rollouts: 2, horizonWeeks: 12, maxCandidates: 6, salt: seed }),
        "zinoviev",
        seed,
        until,
      );
      search += standing(s.world, s.me);
    }
    expect(search).toBeGreaterThanOrEqual(auto);
  }, 180_000);
});
