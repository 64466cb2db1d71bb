/**
 * The two member fidelities must agree statistically (DESIGN §4): the aggregate counts members in cells, the
 * individual keeps every member as a row, and both follow the same rules. The Bolshevik scenario runs at each
 * fidelity over its own seeds, and two-sample tests compare the outcomes and end-of-run figures. The test
 * compares the fidelities with each other only, never with fixed numbers, so calibrating the model does not
 * break it.
 *
 * Level: each comparison is two-sided at α = 0.001. The seeds are fixed, so the test is deterministic: it can
 * only start failing when the code changes, and then it fails every time. With five comparisons, the chance
 * that two fidelities which really agree fail after a given change is at most 5 × 0.001 = 0.5 % (Bonferroni),
 * which keeps false alarms rare over many commits; with 40 runs each, a mismatch of one standard deviation in
 * a mean is still caught with power ≈ 0.85, and of 0.35 in a share (e.g. 0.3 against 0.65) with power ≈ 0.7.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Model } from "../src/kernel/engine.ts";
import { AggregateMembers } from "../src/kernel/members/aggregate.ts";
import { IndividualMembers } from "../src/kernel/members/individual.ts";
import type { MemberStore, RecruitProfile } from "../src/kernel/members/store.ts";
import { Rng, streamState } from "../src/kernel/random/rng.ts";
import type { CompiledScenario } from "../src/scenario/compile.ts";
import { bolshevik } from "./fixtures.ts";

const RUNS = 40;
const ALPHA = 0.001;

interface RunSummary {
  kind: string;
  leader: string;
  members: number;
  /** Committee votes that follow the General Secretary of the first day, at the end. */
  secretaryVotes: number;
  /** Members' mean economic line at the end. */
  line: number;
}

function partyLine(m: MemberStore): number {
  let s = 0;
  for (let r = 0; r < m.regions; r++) s += m.meanIdeology(r) * m.count(r);
  return m.count() > 0 ? s / m.count() : 0;
}

function summarise(sc: CompiledScenario, seed: number): RunSummary {
  const model = new Model(sc, { seed });
  while (!model.done) model.step();
  const r = model.result();
  const office = sc.offices.find((o) => o.id === "general-secretary");
  const secretary = office && office.holder >= 0 ? sc.people[office.holder]!.id : null;
  const votes = secretary ? r.series.leaders[secretary]?.committeeVotes.at(-1) : undefined;
  return {
    kind: r.outcome.kind,
    leader: r.outcome.leader ?? "none",
    members: model.world.members.count(),
    secretaryVotes: votes ?? 0,
    line: partyLine(model.world.members),
  };
}

// ---- two-sample tests ----

/** log Γ(x) for x > 0 (Lanczos, g = 7). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61503916999186,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised incomplete beta I_x(a, b) (continued fraction, Numerical Recipes §6.4). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  let f = 1;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < 1e-300 ? 1e-300 : d);
  f = d;
  for (let m = 1; m < 300; m++) {
    for (const num of [
      (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)),
      (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1)),
    ]) {
      d = 1 + num * d;
      d = 1 / (Math.abs(d) < 1e-300 ? 1e-300 : d);
      c = 1 + num / c;
      if (Math.abs(c) < 1e-300) c = 1e-300;
      f *= c * d;
    }
    if (Math.abs(c * d - 1) < 1e-14) break;
  }
  return (front * f) / a;
}

/** Regularised upper incomplete gamma Q(a, x) (series or continued fraction, Numerical Recipes §6.2). */
function upperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  const lg = logGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lg);
  }
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    d = 1 / (Math.abs(d) < 1e-300 ? 1e-300 : d);
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    h *= d * c;
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - lg) * h;
}

/** Two-sided p-value of Student's t with `df` degrees of freedom. */
function studentTwoSided(t: number, df: number): number {
  return incompleteBeta(df / (df + t * t), df / 2, 0.5);
}

/** Two-sided p-value of a standard normal z. */
function normalTwoSided(z: number): number {
  return upperGamma(0.5, (z * z) / 2);
}

/** P(χ²_df ≥ x). */
function chiSquareSf(x: number, df: number): number {
  return upperGamma(df / 2, x / 2);
}

interface TestResult {
  p: number;
  text: string;
}

function meanVar(xs: number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

/** Welch's unequal-variance t-test. */
function welch(a: number[], b: number[]): TestResult {
  const x = meanVar(a);
  const y = meanVar(b);
  const va = x.variance / a.length;
  const vb = y.variance / b.length;
  const fmt = (m: { mean: number; variance: number }) =>
    `${m.mean.toPrecision(5)} ± ${Math.sqrt(m.variance).toPrecision(3)}`;
  if (va + vb === 0) return { p: x.mean === y.mean ? 1 : 0, text: `${fmt(x)} vs ${fmt(y)} (no spread)` };
  const t = (x.mean - y.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const p = studentTwoSided(t, df);
  return {
    p,
    text: `${fmt(x)} vs ${fmt(y)} (mean ± sd), Welch t = ${t.toFixed(2)}, df = ${df.toFixed(1)}, p = ${p.toPrecision(3)}`,
  };
}

/** Two-proportion z-test with the pooled variance. */
function twoProportions(k1: number, n1: number, k2: number, n2: number): TestResult {
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const text = `${k1}/${n1} vs ${k2}/${n2}`;
  if (se === 0) return { p: 1, text: `${text} (all alike)` };
  const z = (k1 / n1 - k2 / n2) / se;
  const p = normalTwoSided(z);
  return { p, text: `${text}, z = ${z.toFixed(2)}, p = ${p.toPrecision(3)}` };
}

/**
 * χ² test of homogeneity of two samples of categories. Categories too rare for the χ² approximation (fewer
 * than 5 runs in both samples together) are pooled into one.
 */
function homogeneity(a: string[], b: string[]): TestResult {
  const all = new Map<string, number>();
  for (const x of [...a, ...b]) all.set(x, (all.get(x) ?? 0) + 1);
  const key = (x: string) => ((all.get(x) ?? 0) >= 5 ? x : "(rare)");
  const cats = [...new Set([...a, ...b].map(key))].sort();
  const count = (xs: string[], c: string) => xs.filter((x) => key(x) === c).length;
  const table = cats.map((c) => [count(a, c), count(b, c)] as const);
  const text = cats.map((c, i) => `${c} ${table[i]![0]}:${table[i]![1]}`).join(", ");
  if (cats.length < 2) return { p: 1, text: `${text} (one category)` };
  let chi = 0;
  for (const [x, y] of table) {
    const row = x + y;
    for (const [obs, n] of [
      [x, a.length],
      [y, b.length],
    ] as const) {
      const expected = (row * n) / (a.length + b.length);
      chi += (obs - expected) ** 2 / expected;
    }
  }
  const df = cats.length - 1;
  const p = chiSquareSf(chi, df);
  return { p, text: `${text}; χ² = ${chi.toFixed(2)}, df = ${df}, p = ${p.toPrecision(3)}` };
}

describe("the statistics the fidelity test uses", () => {
  it("match tabulated values", () => {
    expect(normalTwoSided(1.959964)).toBeCloseTo(0.05, 6);
    expect(normalTwoSided(3.290527)).toBeCloseTo(0.001, 6);
    expect(studentTwoSided(2.228139, 10)).toBeCloseTo(0.05, 6);
    expect(studentTwoSided(-2.228139, 10)).toBeCloseTo(0.05, 6);
    expect(studentTwoSided(3.550966, 40)).toBeCloseTo(0.001, 6);
    expect(chiSquareSf(3.841459, 1)).toBeCloseTo(0.05, 6);
    expect(chiSquareSf(16.26624, 3)).toBeCloseTo(0.001, 6);
    expect(chiSquareSf(30, 30)).toBeCloseTo(0.46565, 4);
  });

  it("tell samples apart only when they differ", () => {
    const same = Array.from({ length: 40 }, (_, i) => Math.sin(i));
    expect(welch(same, same).p).toBeCloseTo(1, 9);
    expect(
      welch(
        same,
        same.map((x) => x + 1),
      ).p,
    ).toBeLessThan(1e-6);
    expect(twoProportions(10, 40, 10, 40).p).toBeCloseTo(1, 9);
    expect(twoProportions(5, 40, 30, 40).p).toBeLessThan(1e-6);
    expect(homogeneity(["a", "b", "a", "b", "a", "b"], ["b", "a", "b", "a", "b", "a"]).p).toBeCloseTo(1, 9);
  });
});

describe("member fidelities follow the same rules, operation by operation", () => {
  const profile = (ideology: number, ideologySd = 0.35): RecruitProfile => ({
    ideology,
    ideologySd,
    loyalty: 0.6,
    literacy: 0.4,
    candidate: false,
    tie: -1,
    workerShare: 0.6,
  });
  const pair = (seed: number, ideology: number, n = 400_000) => {
    const rng = new Rng(streamState(seed, "rules"));
    const a = new AggregateMembers(1, 1);
    const i = new IndividualMembers(1, 1);
    a.admit(0, n, 2, profile(ideology), rng);
    i.admit(0, n, 2, profile(ideology), rng);
    return { a, i, rng };
  };

  // With 400,000 members of spread 0.35 the sampling error of a mean line is about 0.0006.
  it("admissions give the same mean line, wherever the profile sits in its bin", () => {
    for (const m of [-0.95, -0.6, -0.34, 0, 0.1, 0.3, 0.8]) {
      const { a, i } = pair(1, m);
      expect(Math.abs(a.meanIdeology(0) - i.meanIdeology(0)), `profile ${m}`).toBeLessThan(0.003);
    }
  });

  it("a shift moves both lines alike, members stopping at the ends", () => {
    for (const [m, delta] of [
      [-0.34, -0.5],
      [-0.34, -0.3],
      [-0.34, 0.2],
      [0.5, 0.45],
      [0.2, -0.05],
    ] as const) {
      const { a, i, rng } = pair(2, m);
      a.shiftOpinion(0, delta, rng);
      i.shiftOpinion(0, delta, rng);
      expect(Math.abs(a.meanIdeology(0) - i.meanIdeology(0)), `profile ${m}, shift ${delta}`).toBeLessThan(
        0.003,
      );
    }
  });

  it("repeated shifts pile members at the ends alike", () => {
    for (const m of [-0.3, 0]) {
      const { a, i, rng } = pair(4, m);
      for (const delta of [-0.15, -0.2, -0.15]) {
        a.shiftOpinion(0, delta, rng);
        i.shiftOpinion(0, delta, rng);
      }
      expect(Math.abs(a.meanIdeology(0) - i.meanIdeology(0)), `profile ${m}`).toBeLessThan(0.003);
    }
  });

  it("a platform wins alike, narrow or wide, and purging its sympathisers moves the line alike", () => {
    for (const [m, platform, reach] of [
      [-0.34, -0.6, 0.25],
      [-0.34, 0.2, 0.25],
      [0, 0.125, 0.25],
      [0.1, 0.5, 0.1],
    ] as const) {
      const { a, i, rng } = pair(5, m);
      const won = [a.mobilise(0, platform, reach, 0.5, rng), i.mobilise(0, platform, reach, 0.5, rng)];
      const label = `profile ${m}, platform ${platform} ± ${reach}: ${won[0]} vs ${won[1]}`;
      expect(Math.abs(won[0]! - won[1]!) / won[1]!, label).toBeLessThan(0.03);
      a.purge(0, 40_000, rng);
      i.purge(0, 40_000, rng);
      expect(Math.abs(a.meanIdeology(0) - i.meanIdeology(0)), label).toBeLessThan(0.003);
    }
  });

  it("delegations split alike between the secretary and the bins", () => {
    const { a, i, rng } = pair(3, -0.2);
    const da = a.delegation(0, 100_000, 0.5, rng);
    const di = i.delegation(0, 100_000, 0.5, rng);
    expect(Math.abs(da.loyal - di.loyal) / 100_000).toBeLessThan(0.01);
    for (let b = 0; b < da.uncommitted.length; b++)
      expect(Math.abs(da.uncommitted[b]! - di.uncommitted[b]!) / 100_000).toBeLessThan(0.01);
  });
});

describe("individual members in a full replay", () => {
  it("the same seed replays to the same bytes", () => {
    const sc = bolshevik({ "members.fidelity": "individual" });
    const a = new Model(sc, { seed: 7 });
    const b = new Model(sc, { seed: 7 });
    while (!a.done) a.step();
    while (!b.done) b.step();
    expect(a.world.members.count()).toBeGreaterThan(400_000);
    expect(JSON.stringify(b.result())).toBe(JSON.stringify(a.result()));
  });
});

describe("member fidelities agree statistically on the Bolshevik scenario", () => {
  let agg: RunSummary[] = [];
  let ind: RunSummary[] = [];

  beforeAll(() => {
    const aggregate = bolshevik({ "members.fidelity": "aggregate" });
    const individual = bolshevik({ "members.fidelity": "individual" });
    // Disjoint seeds keep the two samples independent, as the two-sample tests assume (the same seed would
    // give both fidelities the same draws in every stream the members do not touch).
    agg = Array.from({ length: RUNS }, (_, i) => summarise(aggregate, 1 + i));
    ind = Array.from({ length: RUNS }, (_, i) => summarise(individual, 100_001 + i));
  }, 300_000);

  it("the share of runs ending in sole leadership", () => {
    const k = (xs: RunSummary[]) => xs.filter((x) => x.kind === "sole-leader").length;
    const r = twoProportions(k(agg), RUNS, k(ind), RUNS);
    expect(r.p, `sole leadership: ${r.text}`).toBeGreaterThan(ALPHA);
  });

  it("who leads at the end (sole or dominant leader, or none)", () => {
    const r = homogeneity(
      agg.map((x) => x.leader),
      ind.map((x) => x.leader),
    );
    expect(r.p, `leader: ${r.text}`).toBeGreaterThan(ALPHA);
  });

  it("party membership at the end", () => {
    const r = welch(
      agg.map((x) => x.members),
      ind.map((x) => x.members),
    );
    expect(r.p, `members: ${r.text}`).toBeGreaterThan(ALPHA);
  });

  it("the General Secretary's committee votes at the end", () => {
    const r = welch(
      agg.map((x) => x.secretaryVotes),
      ind.map((x) => x.secretaryVotes),
    );
    expect(r.p, `General Secretary's committee votes: ${r.text}`).toBeGreaterThan(ALPHA);
  });

  it("the members' mean line at the end", () => {
    const r = welch(
      agg.map((x) => x.line),
      ind.map((x) => x.line),
    );
    expect(r.p, `members' line: ${r.text}`).toBeGreaterThan(ALPHA);
  });
});
