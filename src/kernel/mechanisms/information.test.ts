import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import { Model } from "../engine.ts";
import { controller, controlOf, curationFactor, learningFactor, warningPull } from "../influence.ts";
import { reveal } from "../perception.ts";
import { capability, machines } from "../power.ts";
import { createWorld, type World } from "../world.ts";
import { coalitions } from "./coalitions.ts";
import { information } from "./information.ts";

const sc = bolshevik();
const off = bolshevik({ "mechanisms.information.enabled": false });
const gs = personIndex(sc, "stalin");
const trotsky = personIndex(sc, "trotsky");
const n = sc.people.length;
const every = Math.round((sc.params.coalitions.politicsEveryWeeks * 7) / sc.clock.tickDays);

function row(w: World, observer: number): number[] {
  return Array.from(w.perception.subarray(observer * n, (observer + 1) * n));
}

describe("information control", () => {
  it("the controller is the holder of the strongest hold on the papers (times his organisation)", () => {
    const w = createWorld(sc, 1);
    expect(controller(w)).toBe(gs);
    // Without the General Secretary's offices, the papers fall to the other secretaries of the committee...
    w.officeHolder = w.officeHolder.map((h) => (h === gs ? -1 : h));
    const secretaries = ["molotov", "kuibyshev"].map((x) => personIndex(sc, x));
    expect(secretaries).toContain(controller(w));
    // ...and whoever is given the General Secretary's post takes control.
    w.officeHolder[sc.offices.findIndex((o) => o.id === "general-secretary")] = trotsky;
    expect(controller(w)).toBe(trotsky);
    // Reach is held at the holder's capacity.
    w.people[trotsky]!.capacity = 0.1;
    expect(secretaries).toContain(controller(w));
  });

  it("the controller's reach is never below any other office holder's, and nobody controls without reach", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1, max: n - 1 }), {
          minLength: sc.offices.length,
          maxLength: sc.offices.length,
        }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
        (holders, capacities) => {
          const w = createWorld(sc, 1);
          w.officeHolder = holders;
          capacities.forEach((c, i) => {
            w.people[i]!.capacity = c;
          });
          const c = controller(w);
          const reaches = holders.filter((h) => h >= 0).map((h) => controlOf(w, h));
          const best = Math.max(0, ...reaches);
          if (best === 0) return c === -1;
          return c >= 0 && holders.includes(c) && controlOf(w, c) === best;
        },
      ),
      { numRuns: 200 },
    );
  });

  it("learningFactor, curationFactor and warningPull single out the controller", () => {
    const w = createWorld(sc, 1);
    const c = controller(w);
    const { withholding, curation, earlyWarning } = sc.params.information;
    expect(controlOf(w, c)).toBeGreaterThan(0);
    for (let i = 0; i < n; i++) {
      if (i === c) {
        expect(learningFactor(w, i)).toBeLessThan(1);
        expect(learningFactor(w, i)).toBeCloseTo(1 - withholding * controlOf(w, c), 12);
        expect(curationFactor(w, i)).toBeLessThan(1);
        expect(curationFactor(w, i)).toBeCloseTo(1 - curation * controlOf(w, c), 12);
        expect(warningPull(w, i)).toBeCloseTo(2 * earlyWarning * controlOf(w, c), 12);
        expect(warningPull(w, i)).toBeGreaterThan(0);
      } else {
        expect(learningFactor(w, i)).toBe(1);
        expect(curationFactor(w, i)).toBe(1);
        expect(warningPull(w, i)).toBe(0);
      }
      expect(learningFactor(w, i)).toBeGreaterThan(0);
      expect(curationFactor(w, i)).toBeGreaterThan(0);
    }
    expect(warningPull(w, -1)).toBe(0);
  });

  it("at a politics round the controller's estimates become the real machines; nobody else's change", () => {
    const w = createWorld(sc, 1);
    coalitions.setup!(w);
    w.perception.fill(0.5);
    const c = controller(w);
    w.tick = 1; // not a politics tick: nothing happens
    information.step(w);
    expect(row(w, c).every((x) => x === 0.5)).toBe(true);
    w.tick = every;
    information.step(w);
    const truth = machines(w);
    expect(row(w, c)).toEqual(truth);
    for (let i = 0; i < n; i++) if (i !== c) expect(row(w, i).every((x) => x === 0.5)).toBe(true);
  });

  it("in a run, after every politics round the controller reads the real machines while rivals misjudge them", () => {
    const m = new Model(sc, { seed: 3, until: "1924-06-01" });
    let rounds = 0;
    let rivalsWrong = 0;
    while (!m.done) {
      const t = m.world.tick;
      m.step();
      if (t % every !== 0) continue;
      const w = m.world;
      const c = controller(w);
      if (c < 0) continue;
      rounds++;
      const truth = machines(w);
      row(w, c).forEach((x, j) => {
        expect(x).toBeCloseTo(truth[j]!, 12);
      });
      const rival = w.players.find((i) => i !== c);
      if (rival !== undefined && row(w, rival).some((x, j) => Math.abs(x - truth[j]!) > 1e-9)) rivalsWrong++;
    }
    expect(rounds).toBeGreaterThan(20);
    expect(rivalsWrong).toBeGreaterThan(rounds / 2);
  });

  it("rivals learn the controller's machine more slowly from a revealing vote", () => {
    const quiet = {
      "mechanisms.coalitions.params.perceptionNoise.range": [0, 1],
      "mechanisms.coalitions.params.perceptionNoise": 0,
    };
    const step = (s: typeof sc) => {
      const w = createWorld(s, 1);
      coalitions.setup!(w);
      w.perception[trotsky * n + gs] = 0;
      reveal(w, w.streams.get("test"), machines(w));
      return w.perception[trotsky * n + gs]! / machines(w)[gs]!;
    };
    const on = step(bolshevik(quiet));
    const without = step(bolshevik({ ...quiet, "mechanisms.information.enabled": false }));
    const { revelation } = sc.params.coalitions;
    const visibility = sc.people[gs]!.visibility;
    expect(without).toBeCloseTo(revelation * visibility, 12);
    const w = createWorld(sc, 1);
    expect(on).toBeCloseTo(revelation * visibility * learningFactor(w, gs), 12);
    expect(on).toBeLessThan(without);
  });

  it("switched off, nobody controls the papers and everything is neutral", () => {
    const w = createWorld(off, 1);
    expect(capability(w, gs, "files")).toBeGreaterThan(0);
    expect(controller(w)).toBe(-1);
    for (let i = 0; i < n; i++) {
      expect(learningFactor(w, i)).toBe(1);
      expect(curationFactor(w, i)).toBe(1);
      expect(warningPull(w, i)).toBe(0);
    }
    w.perception.fill(0.5);
    for (let t = 0; t < 3 * every; t++) {
      w.tick = t;
      information.step(w);
    }
    expect(w.perception.every((x) => x === 0.5)).toBe(true);
  });
});
