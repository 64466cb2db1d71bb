import { describe, expect, it } from "vitest";
import { bolshevik, personIndex } from "../../test/fixtures.ts";
import { eligible, nominee } from "./appointments.ts";
import { createWorld } from "./world.ts";

const sc = bolshevik();
const office = sc.offices.findIndex((o) => o.id === "sovnarkom-chair");
const [stalin, trotsky, zinoviev, kamenev, rykov] = ["stalin", "trotsky", "zinoviev", "kamenev", "rykov"].map(
  (x) => personIndex(sc, x),
) as [number, number, number, number, number];

describe("nominations", () => {
  it("a coalition keeps a post on its own side: a member who backs it comes before a rival nearer in line", () => {
    const w = createWorld(sc, 1);
    w.officeHolder[office] = -1;
    // Trotsky and Rykov are both eligible (state economy, Politburo); put Trotsky nearer the chooser's line.
    expect(eligible(w, trotsky, office) && eligible(w, rykov, office)).toBe(true);
    w.people[stalin]!.ideology = -0.3;
    w.people[trotsky]!.ideology = -0.4;
    w.people[rykov]!.ideology = 0.6;
    const allies = [stalin, zinoviev, kamenev];
    // Nobody backs the allies: the nearest line wins.
    expect(nominee(w, stalin, office, allies)).toBe(trotsky);
    // Rykov backs a member of the coalition: he is its man for the post.
    w.backs[rykov] = zinoviev;
    expect(nominee(w, stalin, office, allies)).toBe(rykov);
    // With no allies named, backing counts for nothing.
    expect(nominee(w, stalin, office)).toBe(trotsky);
  });

  it("the head of government must sit in the top body", () => {
    const w = createWorld(sc, 1);
    const kuibyshev = personIndex(sc, "kuibyshev");
    // He is in the office's pool but holds no Politburo seat in 1922.
    expect(sc.people[kuibyshev]!.pools.some((k) => sc.offices[office]!.eligible.pools?.includes(k))).toBe(
      true,
    );
    expect(eligible(w, kuibyshev, office)).toBe(false);
    expect(eligible(w, rykov, office)).toBe(true);
  });
});
