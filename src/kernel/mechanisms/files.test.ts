import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../../test/fixtures.ts";
import { CAPABILITIES } from "../../scenario/schema.ts";
import { yearsPerTick } from "../calendar.ts";
import { FLOW_WEEKS, fileLeverage, secretaryExposure } from "../influence.ts";
import { capability, strongestHolder } from "../power.ts";
import { createWorld, type World } from "../world.ts";
import { files } from "./files.ts";

const sc = bolshevik();
const gs = personIndex(sc, "stalin");
const region = (id: string) => sc.regions.findIndex((r) => r.id === id);

/** Members whose file holds compromising facts, over the whole party. */
function compromised(w: World): number {
  let s = 0;
  for (let r = 0; r < w.regions.length; r++) s += w.members.compromised(r);
  return s;
}

describe("personnel files", () => {
  it("at setup every file's kompromat lies in [0, 1], whatever the seed and share", () => {
    const shares = [0.1, 0.5, 0.9].map((share) =>
      bolshevik({
        "mechanisms.files.params.compromisedShare.range": [0, 1],
        "mechanisms.files.params.compromisedShare": share,
      }),
    );
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...shares), (seed, s) => {
        const w = createWorld(s, seed);
        files.setup!(w);
        return w.people.every((p) => p.kompromat >= 0 && p.kompromat <= 1);
      }),
      { numRuns: 60 },
    );
  });

  it("kompromat averages compromisedShare over many people and seeds, and is not the same for everyone", () => {
    for (const share of [0.1, 0.3, 0.5]) {
      const s = bolshevik({ "mechanisms.files.params.compromisedShare": share });
      const values: number[] = [];
      for (let seed = 0; seed < 40; seed++) {
        const w = createWorld(s, seed);
        expect(w.people.every((p) => p.kompromat === 0)).toBe(true);
        files.setup!(w);
        for (const p of w.people) values.push(p.kompromat);
      }
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      // About 1,000 draws: the standard error is under 0.01 for these shares.
      expect(Math.abs(mean - share)).toBeLessThan(0.04);
      expect(new Set(values).size).toBeGreaterThan(values.length / 2);
    }
  });

  it("fileLeverage is 0 when the mechanism is off or no proposer can read files", () => {
    const off = bolshevik({ "mechanisms.files.enabled": false });
    const w = createWorld(off, 1);
    expect(fileLeverage(w, [gs])).toBe(0);
    const on = createWorld(sc, 1);
    const trotsky = personIndex(sc, "trotsky");
    const zinoviev = personIndex(sc, "zinoviev");
    expect(capability(on, trotsky, "files")).toBe(0);
    expect(fileLeverage(on, [trotsky, zinoviev])).toBe(0);
    expect(fileLeverage(on, [])).toBe(0);
  });

  it("fileLeverage grows with the strongest files capability among the proposers", () => {
    const w = createWorld(sc, 1);
    const molotov = personIndex(sc, "molotov"); // a CC secretary: files 0.3
    const dzerzhinsky = personIndex(sc, "dzerzhinsky"); // political police: files 0.5
    const trotsky = personIndex(sc, "trotsky");
    const weak = fileLeverage(w, [molotov]);
    const middle = fileLeverage(w, [dzerzhinsky]);
    const strong = fileLeverage(w, [gs]);
    expect(weak).toBeGreaterThan(0);
    expect(middle).toBeGreaterThan(weak);
    expect(strong).toBeGreaterThan(middle);
    expect(strong).toBeLessThanOrEqual(1);
    // The strongest reader among the proposers counts; a proposer without files adds nothing.
    expect(fileLeverage(w, [trotsky, gs])).toBe(strong);
    // An ailing reader reads less.
    w.people[gs]!.capacity = 0.5;
    expect(fileLeverage(w, [gs])).toBeCloseTo(strong / 2, 12);
    // A leader given the Inspectorate gains leverage he did not have.
    const inspectorate = sc.offices.findIndex((o) => o.id === "inspectorate-commissar");
    expect(fileLeverage(w, [trotsky])).toBe(0);
    w.officeHolder[inspectorate] = trotsky;
    expect(fileLeverage(w, [trotsky])).toBeGreaterThan(0);
  });

  it("fileLeverage grows with the coercion parameter and never exceeds 1", () => {
    const at = (coercion: number, share = 0.3) => {
      const s = bolshevik({
        "mechanisms.files.params.coercion.range": [0, 1],
        "mechanisms.files.params.coercion": coercion,
        "mechanisms.files.params.compromisedShare.range": [0, 1],
        "mechanisms.files.params.compromisedShare": share,
      });
      return fileLeverage(createWorld(s, 1), [gs]);
    };
    expect(at(0)).toBe(0);
    expect(at(0.6)).toBeGreaterThan(at(0.3));
    expect(at(1, 1)).toBe(1);
  });

  it("a compromised secretary is easier to replace when the appointer reads files", () => {
    const w = createWorld(sc, 1);
    const leningrad = region("leningrad");
    const yevdokimov = personIndex(sc, "yevdokimov");
    expect(w.regions[leningrad]!.secretaryPerson).toBe(yevdokimov);
    w.people[yevdokimov]!.kompromat = 0.8;
    const exposed = secretaryExposure(w, gs, leningrad);
    expect(exposed).toBeGreaterThan(1);
    // The more his file holds, the more exposed he is.
    w.people[yevdokimov]!.kompromat = 0.2;
    expect(secretaryExposure(w, gs, leningrad)).toBeGreaterThan(1);
    expect(secretaryExposure(w, gs, leningrad)).toBeLessThan(exposed);
    // A clean file gives no handle.
    w.people[yevdokimov]!.kompromat = 0;
    expect(secretaryExposure(w, gs, leningrad)).toBe(1);
    // An appointer who cannot read files gains nothing from them.
    w.people[yevdokimov]!.kompromat = 0.8;
    const trotsky = personIndex(sc, "trotsky");
    expect(secretaryExposure(w, trotsky, leningrad)).toBe(1);
  });

  it("secretaryExposure is neutral when the mechanism is off", () => {
    const off = bolshevik({ "mechanisms.files.enabled": false });
    const w = createWorld(off, 1);
    const leningrad = region("leningrad");
    w.people[personIndex(off, "yevdokimov")]!.kompromat = 1;
    expect(secretaryExposure(w, gs, leningrad)).toBe(1);
  });

  it("the card index compiles dossiers: compromised members grow at about compilePerYear × reach", () => {
    const w = createWorld(sc, 7);
    files.setup!(w);
    const members = w.members.count();
    expect(compromised(w)).toBe(0);
    const reader = strongestHolder(w, "files");
    expect(reader).toBe(gs);
    const ticks = 5 * 52;
    let last = 0;
    const seen: number[] = [];
    for (let t = 0; t < ticks; t++) {
      w.tick = t;
      files.step(w);
      const now = compromised(w);
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
      if (t % 52 === 51) seen.push(now);
    }
    // It grows every year.
    for (let k = 1; k < seen.length; k++) expect(seen[k]!).toBeGreaterThan(seen[k - 1]!);
    // Compiling at intervals of FLOW_WEEKS: each clean file is hit with p per compilation.
    const every = Math.round((FLOW_WEEKS * 7) / sc.clock.tickDays);
    const compilations = Math.ceil(ticks / every);
    const p =
      1 -
      Math.exp(-sc.params.files.compilePerYear * capability(w, gs, "files") * every * yearsPerTick(sc.clock));
    const expected = members * (1 - (1 - p) ** compilations);
    expect(Math.abs(compromised(w) - expected) / expected).toBeLessThan(0.05);
    // Nobody joins or leaves through the files.
    expect(w.members.count()).toBe(members);
  });

  it("without a reader of files nothing is compiled", () => {
    const w = createWorld(sc, 7);
    files.setup!(w);
    const filesCap = CAPABILITIES.indexOf("files");
    w.officeHolder = w.officeHolder.map((h, o) => (sc.offices[o]!.caps[filesCap]! > 0 ? -1 : h));
    expect(strongestHolder(w, "files")).toBe(-1);
    for (let t = 0; t < 104; t++) {
      w.tick = t;
      files.step(w);
    }
    expect(compromised(w)).toBe(0);
  });
});
