/**
 * The binomial sampler, outside the test suite: nanoseconds per draw across means, for the sampler the engine
 * uses (`Rng.binomial`: inversion below a mean of 30, BTPE above), for each of its two methods alone, and for
 * the former sampler (inversion to 30, a rounded normal beyond: approximate), with the cost of one uniform
 * draw beside them as the floor (inversion needs one uniform per draw, BTPE at least two). Then the draws a
 * replay makes, by mean, and the time they take. `--json` prints one line.
 */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { runScenario } from "../src/kernel/engine.ts";
import {
  binomialBtpe,
  binomialInversion,
  INVERSION_MEAN,
  Rng,
  streamState,
} from "../src/kernel/random/rng.ts";
import { compileScenario } from "../src/scenario/compile.ts";
import { parseScenario } from "../src/scenario/load.ts";
import { applySet } from "../src/scenario/patch.ts";

const json = process.argv.includes("--json");
const DRAWS = 400_000;

/** The sampler the engine used before BTPE, for comparison only. */
function formerBinomial(r: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - formerBinomial(r, n, 1 - p);
  if (n * p < 30) {
    const q = 1 - p;
    const s = p / q;
    const a = (n + 1) * s;
    let f = q ** n;
    let u = r.float();
    let k = 0;
    while (u > f && k < n) {
      u -= f;
      k++;
      f *= a / k - s;
    }
    return k;
  }
  return Math.min(n, Math.max(0, Math.round(r.normal(n * p, Math.sqrt(n * p * (1 - p))))));
}

const rng = new Rng(streamState(1, "bench"));

/** Median of 5 timings of `DRAWS` draws, in ns per draw. */
function nsPerDraw(draw: () => number): number {
  const times: number[] = [];
  let sink = 0;
  for (let rep = 0; rep < 5; rep++) {
    const t = performance.now();
    for (let i = 0; i < DRAWS; i++) sink += draw();
    times.push(((performance.now() - t) * 1e6) / DRAWS);
  }
  if (sink === -1) console.log("");
  times.sort((a, b) => a - b);
  return +times[2]!.toFixed(1);
}

// Warm every path before timing any.
for (const mean of [0.5, 5, 20, 50, 500]) {
  const p = mean / 1e6;
  nsPerDraw(() => rng.binomial(1e6, p));
  nsPerDraw(() => formerBinomial(rng, 1e6, p));
  if (mean < INVERSION_MEAN) nsPerDraw(() => binomialInversion(rng, 1e6, p));
  if (mean >= 10) nsPerDraw(() => binomialBtpe(rng, 1e6, p));
}

const uniformNs = nsPerDraw(() => rng.float());
const MEANS = [0.01, 0.5, 2, 5, 10, 20, 29, 31, 50, 100, 1000, 100_000];
const byMean = MEANS.map((mean) => {
  const n = Math.max(1000, Math.ceil(mean * 4));
  const p = mean / n;
  return {
    mean,
    n,
    sampler: nsPerDraw(() => rng.binomial(n, p)),
    inversion: mean < 40 ? nsPerDraw(() => binomialInversion(rng, n, p)) : null,
    btpe: mean >= 10 ? nsPerDraw(() => binomialBtpe(rng, n, p)) : null,
    former: nsPerDraw(() => formerBinomial(rng, n, p)),
  };
});

// The draws of real replays: how many, of what mean, and their time with the sampler alone.
const source = parseScenario(
  readFileSync(new URL("../scenarios/bolshevik-1922.yaml", import.meta.url), "utf8"),
  "bolshevik-1922.yaml",
);
function replayDraws(fidelity: "aggregate" | "individual") {
  const sc = compileScenario(applySet(source, "members.fidelity", fidelity));
  const calls: [number, number][] = [];
  const original = Rng.prototype.binomial;
  Rng.prototype.binomial = function (this: Rng, n: number, p: number) {
    calls.push([n, p]);
    return original.call(this, n, p);
  };
  try {
    runScenario(sc, { seed: 1 });
  } finally {
    Rng.prototype.binomial = original;
  }
  const buckets: Record<string, number> = {
    "trivial (n=0, p=0 or 1)": 0,
    "<1": 0,
    "1-30": 0,
    "30-1000": 0,
    ">=1000": 0,
  };
  for (const [n, p] of calls) {
    const m = n * Math.min(p, 1 - p);
    const key =
      n <= 0 || p <= 0 || p >= 1
        ? "trivial (n=0, p=0 or 1)"
        : m < 1
          ? "<1"
          : m < 30
            ? "1-30"
            : m < 1000
              ? "30-1000"
              : ">=1000";
    buckets[key]!++;
  }
  const time = (f: (n: number, p: number) => number) => {
    const ms: number[] = [];
    for (let rep = 0; rep < 5; rep++) {
      const t = performance.now();
      for (const [n, p] of calls) f(n, p);
      ms.push(performance.now() - t);
    }
    return +ms.sort((a, b) => a - b)[2]!.toFixed(2);
  };
  return {
    fidelity,
    draws: calls.length,
    byMean: buckets,
    samplerMs: time((n, p) => rng.binomial(n, p)),
    formerMs: time((n, p) => formerBinomial(rng, n, p)),
  };
}
const replays = [replayDraws("aggregate"), replayDraws("individual")];

const result = {
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    node: process.version,
    loadAverage1m: +loadavg()[0]!.toFixed(2),
  },
  uniformNs,
  inversionBelowMean: INVERSION_MEAN,
  byMean,
  replays,
};

if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const cell = (x: number | null) => (x === null ? "-" : x.toFixed(1)).padStart(9);
  console.log(
    `binomial sampler (ns per draw, median of 5 x ${DRAWS.toLocaleString("en-US")}; load average ${result.machine.loadAverage1m}); one uniform draw costs ${uniformNs} ns (the floor: inversion needs one, BTPE two):`,
  );
  console.log(
    `  ${"mean".padStart(8)} ${"sampler".padStart(9)} ${"inversion".padStart(9)} ${"BTPE".padStart(9)} ${"former".padStart(9)}`,
  );
  for (const r of byMean)
    console.log(
      `  ${String(r.mean).padStart(8)} ${cell(r.sampler)} ${cell(r.inversion)} ${cell(r.btpe)} ${cell(r.former)}`,
    );
  console.log(
    `  (sampler = inversion below a mean of ${INVERSION_MEAN}, BTPE above; former = inversion to 30, rounded normal beyond)`,
  );
  for (const r of replays)
    console.log(
      `  one ${r.fidelity} replay draws ${r.draws.toLocaleString("en-US")} binomials (by mean: ${Object.entries(
        r.byMean,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}): ${r.samplerMs} ms with this sampler, ${r.formerMs} ms with the former`,
    );
}
