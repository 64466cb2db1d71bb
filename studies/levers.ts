/**
 * How far the General Secretary's quieter levers reach: for each lever switched off (or the Testament acted
 * on), paired over the same seeds, the intermediate measures the sources tie to it (membership, the
 * opposition's congress vote, officials pressed through their files, the margins of removal votes, the dates
 * of the removals) next to the final outcome. Prints a Markdown table with paired 95% intervals.
 *
 *   node --import tsx studies/levers.ts [runs=150] [scenario file]
 *
 * The figures in docs/results.md ("What the three quiet levers do") come from this script.
 */
import { readFileSync } from "node:fs";
import { parseFactors } from "../src/experiments/factors.ts";
import { runScenario } from "../src/kernel/engine.ts";
import { compileScenario } from "../src/scenario/compile.ts";
import { parseScenario } from "../src/scenario/load.ts";
import { applySet } from "../src/scenario/patch.ts";
import type { Scenario } from "../src/scenario/schema.ts";

const runs = Number(process.argv[2] ?? 150);
const file = process.argv[3] ?? new URL("../scenarios/bolshevik-1922.yaml", import.meta.url).pathname;
const base = parseScenario(readFileSync(file, "utf8"), file);
// The question (whose sole leadership, by when) is the scenario's factor file's; the removals followed are
// those of every other leader.
const factors = parseFactors(
  readFileSync(new URL(`../factors/${base.id}.yaml`, import.meta.url), "utf8"),
  `factors/${base.id}.yaml`,
  base,
);
const { leader, by } = factors.question;
const rivals = base.people.filter((p) => p.role === "leader" && p.id !== leader).map((p) => p.id);

const variants: Record<string, Record<string, unknown>> = {
  baseline: {},
  "no enrolment": { "mechanisms.enrolment.enabled": false },
  "no files": { "mechanisms.files.enabled": false },
  "no information control": { "mechanisms.information.enabled": false },
  "Testament acted on": { "mechanisms.testament.params.actOnAtFirstCongress": true },
};

type Row = Record<string, number | undefined>;

/** The measures of one run. */
function measure(s: Scenario, seed: number): Row {
  const r = runScenario(compiled(s), { seed });
  const o = r.outcome;
  const row: Row = {
    sole: o.kind === "sole-leader" && o.leader === leader && o.date! < by ? 1 : 0,
    pressed: 0,
    removalFor: undefined,
  };
  let congress = 0;
  let share = 0;
  let votes = 0;
  let close = 0;
  for (const e of r.events) {
    if (e.type === "congress") congress = e.number;
    else if (e.type === "vote" && e.body === "congress" && e.for + e.against > 0)
      row[`against@${congress}`] ??= e.against / (e.for + e.against);
    else if (e.type === "vote" && e.body === "central-committee" && e.target && e.for + e.against > 0) {
      share += e.for / (e.for + e.against);
      votes++;
    } else if (e.type === "vote" && e.body === "politburo" && e.target && Math.abs(e.for - e.against) <= 1)
      close++;
    else if (e.type === "patron-change" && e.cause === "pressure") row.pressed!++;
    else if (e.type === "removal" && e.rung === "politburo")
      row[`off@${e.person}`] ??= Date.parse(e.date) / (365.25 * 86_400_000) + 1970;
  }
  row.removalFor = votes > 0 ? share / votes : undefined;
  row.closeVotes = close;
  const t = r.series.dates.findIndex((d) => d >= "1926-01-01");
  row.members1926 = r.series.members[t];
  return row;
}

const cache = new Map<Scenario, ReturnType<typeof compileScenario>>();
function compiled(s: Scenario) {
  const known = cache.get(s);
  if (known) return known;
  const c = compileScenario(s);
  cache.set(s, c);
  return c;
}

/** Mean of the paired differences (changed - baseline) over the seeds where both are defined, with a 95% interval. */
function paired(base: Row[], changed: Row[], key: string) {
  const d: number[] = [];
  const a: number[] = [];
  base.forEach((row, i) => {
    const x = row[key];
    const y = changed[i]![key];
    if (x === undefined || y === undefined) return;
    d.push(y - x);
    a.push(x);
  });
  if (d.length < 2) return null;
  const mean = d.reduce((s, x) => s + x, 0) / d.length;
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - mean) ** 2, 0) / (d.length - 1));
  const half = (1.96 * sd) / Math.sqrt(d.length);
  return { base: a.reduce((s, x) => s + x, 0) / a.length, mean, lo: mean - half, hi: mean + half };
}

const results: Record<string, Row[]> = {};
for (const [name, sets] of Object.entries(variants)) {
  let s = base;
  for (const [path, value] of Object.entries(sets)) s = applySet(s, path, value);
  results[name] = Array.from({ length: runs }, (_, k) => measure(s, k + 1));
  process.stderr.write(`${name}: ${runs} runs\n`);
}

const measures: [string, string, (x: number) => string][] = [
  ["sole", `${leader} sole leader before ${by}`, (x) => `${(100 * x).toFixed(1)}%`],
  ["members1926", "party members, January 1926", (x) => Math.round(x).toLocaleString("en")],
  ["against@3", "opposition vote at the third congress of the run", (x) => `${(100 * x).toFixed(1)}%`],
  ["against@4", "opposition vote at the fourth congress of the run", (x) => `${(100 * x).toFixed(1)}%`],
  ["pressed", "officials pressed through their files, per run", (x) => x.toFixed(2)],
  ["removalFor", "committee removal votes: share for", (x) => `${(100 * x).toFixed(1)}%`],
  ["closeVotes", "top-body removal votes decided by one vote, per run", (x) => x.toFixed(2)],
  ...rivals.map(
    (p) =>
      [`off@${p}`, `${p} off the top body (mean year)`, (x: number) => x.toFixed(2)] as [
        string,
        string,
        (x: number) => string,
      ],
  ),
];
const names = Object.keys(variants).slice(1);
console.log(`Paired over seeds 1-${runs} of ${file}; each cell: the difference from the baseline [95%].\n`);
console.log(`| measure | baseline | ${names.join(" | ")} |`);
console.log(`| --- | --- | ${names.map(() => "---").join(" | ")} |`);
for (const [key, label, fmt] of measures) {
  const cells = names.map((n) => {
    const p = paired(results.baseline!, results[n]!, key);
    return p ? `${p.mean >= 0 ? "+" : ""}${fmt(p.mean)} [${fmt(p.lo)}, ${fmt(p.hi)}]` : "—";
  });
  const b = paired(results.baseline!, results.baseline!, key);
  if (!b) continue; // a measure no baseline run has (a leader never removed)
  console.log(`| ${label} | ${fmt(b.base)} | ${cells.join(" | ")} |`);
}
