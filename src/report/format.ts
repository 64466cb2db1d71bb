/**
 * What the Markdown and HTML renderers share: number formats, the ranking, the source list and the short
 * answer. The answer is built as plain segments (text or strong text) so each renderer can escape and mark
 * it up its own way, and so the wording can never drift between the two formats.
 */
import { enoughForInterval, MIN_RUNS_FOR_INTERVAL } from "../stats/minimum.ts";
import { clearlyAhead, tied as tiedEstimates } from "./ties.ts";
import type { Estimate95, ReportFactor, ReportInput, ReportSource, Share } from "./types.ts";

/** A piece of generated prose: plain text, or text to emphasise. Never markup. */
export type Segment = string | { strong: string };

/** A value in [0, 1] as a percentage with one decimal, without the sign "+": `0.871` → `"87.1"`. */
export function pct(x: number): string {
  const s = (x * 100).toFixed(1);
  return /^-0\.0$/.test(s) ? "0.0" : s;
}

/** A signed number of percentage points with one decimal: `0.38` → `"+38.0"`, `-0.02` → `"-2.0"`. */
export function pp(x: number): string {
  const s = pct(x);
  return s === "0.0" || s.startsWith("-") ? s : `+${s}`;
}

/** A share with its 95 % interval: `"87.0 % [82.0, 91.0]"`. */
export function shareText(s: Share): string {
  return `${pct(s.share)} % [${pct(s.lo)}, ${pct(s.hi)}]`;
}

/** Whether an estimate has an interval at all (one run has no spread to measure). */
export const hasInterval = (e: Estimate95): boolean => Number.isFinite(e.lo) && Number.isFinite(e.hi);

/** A Shapley value (or any difference) with its 95 % interval: `"+38.0 pp [31.0, 45.0]"`. */
export function estimateText(e: Estimate95): string {
  return hasInterval(e)
    ? `${pp(e.value)} pp [${pct(e.lo)}, ${pct(e.hi)}]`
    : `${pp(e.value)} pp [no interval]`;
}

/** " (95 % interval 31.0 to 45.0)", or why there is none. */
function intervalClause(e: Estimate95): string {
  return hasInterval(e) ? ` (95 % interval ${pct(e.lo)} to ${pct(e.hi)})` : " (too few runs for an interval)";
}

const hasIntervalOf = (f: ReportFactor) => hasInterval(f.shapley);

/** A factor's share of the total effect, or a dash when the total effect is about zero. */
export function shareOfEffectText(x: number | null): string {
  return x === null ? "–" : `${(x * 100).toFixed(0).replace(/^-0$/, "0")} %`;
}

/** Does an interval include zero (the effect cannot be told apart from none)? */
export function includesZero(e: Estimate95): boolean {
  return !hasInterval(e) || (e.lo <= 0 && e.hi >= 0);
}

/**
 * The factors largest Shapley value first. The input is meant to be ranked already; sorting a copy here
 * (stably, so ties keep the input's order) keeps the table, the charts and the answer consistent even if
 * it is not.
 */
export function ranked(input: ReportInput): ReportFactor[] {
  return [...input.factors].sort((a, b) => b.shapley.value - a.shapley.value);
}

/** A factor's label from its id (combinations name factors by id); unknown ids are shown as they are. */
export function labelOf(input: ReportInput, id: string): string {
  return input.factors.find((f) => f.id === id)?.label ?? id;
}

/**
 * The combinations, most factors present first (the historical baseline on top, nothing present last);
 * ties keep the input's order.
 */
export function orderedCombinations(input: ReportInput): ReportInput["combinations"] {
  return [...input.combinations].sort((a, b) => b.present.length - a.present.length);
}

/**
 * Every source the report cites, each key once: the report's list first, then any key a factor cites that
 * the list lacks.
 */
export function allSources(input: ReportInput): ReportSource[] {
  const seen = new Map<string, ReportSource>();
  const add = (s: ReportSource) => {
    if (!seen.has(s.key)) seen.set(s.key, s);
  };
  for (const s of input.sources) add(s);
  for (const f of input.factors) {
    for (const m of f.mechanisms) for (const e of m.evidence) add({ key: e.source, citation: e.citation });
    for (const s of f.sources) add(s);
  }
  return [...seen.values()];
}

/** Total effect of all factors together: baseline minus none present. */
export function totalEffect(input: ReportInput): number {
  return input.baseline.share - input.none.share;
}

/** An assignment's value as text (JSON, so strings keep their quotes and objects stay readable). */
export function valueText(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s;
}

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** Small counts as words, larger ones as digits. */
export function countWord(n: number): string {
  return NUMBER_WORDS[n] ?? String(n);
}

function listOf(parts: Segment[][]): Segment[] {
  const out: Segment[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push(i === parts.length - 1 ? " and " : ", ");
    out.push(...p);
  });
  return out;
}

/**
 * The short answer, as sentences of segments. Every claim follows from the numbers: which factor ranks
 * first and by how much, whether its lead over the second is settled (their intervals do not overlap),
 * its share of the total effect, the baseline and nothing-present chances, and which effects cannot be
 * told apart from zero.
 *
 * @example
 * const text = answer(input).map((s) => s.map((x) => (typeof x === "string" ? x : x.strong)).join("")).join(" ");
 */
export function answer(input: ReportInput): Segment[][] {
  const factors = ranked(input);
  const sentences: Segment[][] = [];
  const outcome = `the outcome “${input.measure}”`;
  const runs = input.experiment.replicates;
  if (!enoughForInterval(runs)) {
    sentences.push([
      `Each combination of factors ran only ${runs} ${runs === 1 ? "time" : "times"}, fewer than ${MIN_RUNS_FOR_INTERVAL}:`,
      " too few to rank the factors with any confidence. Read what follows as a trial run, not an answer.",
    ]);
  }
  const top = factors[0];
  // Every factor the runs cannot tell apart from the first is tied with it for first place.
  const tied = top ? factors.filter((f) => tiedEstimates(f.shapley, top.shapley)) : [];
  if (!top) {
    sentences.push([`No factors were tested, so there is nothing to rank.`]);
  } else {
    const n = factors.length;
    if (top.shapley.value > 0 && tied.length > 1) {
      const equal = tied.every((f) => Math.abs(f.shapley.value - top.shapley.value) <= 1e-9);
      sentences.push([
        `Of the ${countWord(n)} factors tested, `,
        { strong: top.label },
        " is tied first with ",
        ...listOf(tied.slice(1).map((f) => [{ strong: f.label }])),
        equal
          ? `: adding any one of them raises the chance of ${outcome} by ${pct(top.shapley.value)} percentage points on average`
          : `: their Shapley values (${tied.map((f) => estimateText(f.shapley)).join("; ")}) each lie inside the others' intervals, so these runs cannot put one ahead`,
        `${intervalClause(top.shapley)}.`,
      ]);
    } else if (top.shapley.value > 0) {
      sentences.push([
        n === 1 ? "The one factor tested is " : `Of the ${countWord(n)} factors tested, `,
        { strong: top.label },
        n === 1
          ? "."
          : factors[1] && !clearlyAhead(top.shapley, factors[1].shapley)
            ? " comes first."
            : " ranks first.",
        ` Adding it raises the chance of ${outcome} by ${pct(top.shapley.value)} percentage points on average`,
        intervalClause(top.shapley),
        top.shareOfEffect === null
          ? "."
          : `, ${shareOfEffectText(top.shareOfEffect)} of the combined effect of all the factors.`,
      ]);
    } else {
      sentences.push([
        `None of the ${countWord(n)} factors tested raises the chance of ${outcome} on average: the largest`,
        " Shapley value, that of ",
        { strong: top.label },
        `, is ${pp(top.shapley.value)} percentage points${intervalClause(top.shapley)}.`,
      ]);
    }
    if (top.shapley.value > 0 && tied.length === 1 && includesZero(top.shapley)) {
      sentences.push([
        hasInterval(top.shapley)
          ? "Its interval includes zero, so even this effect cannot be told apart from no effect in these runs."
          : "With no interval, this effect cannot be told apart from no effect in these runs.",
      ]);
    }
    const second = tied.length > 1 ? undefined : factors[1];
    if (second) {
      const settled = top.shapley.lo > second.shapley.hi;
      sentences.push([
        settled
          ? "Its interval lies wholly above that of the next factor, "
          : "Its interval overlaps that of the next factor, ",
        { strong: second.label },
        ` (${estimateText(second.shapley)})`,
        settled
          ? ", so it ranks first clearly."
          : ", so the ranking of these two is not settled by these runs.",
      ]);
    }
  }
  sentences.push([
    `With all the factors present, as in the historical baseline, the outcome happened in ${pct(input.baseline.share)} % of runs`,
    ` (${pct(input.baseline.lo)} to ${pct(input.baseline.hi)} %); with none of them, in ${pct(input.none.share)} %`,
    ` (${pct(input.none.lo)} to ${pct(input.none.hi)} %).`,
  ]);
  if (input.factors.length > 0 && Math.abs(totalEffect(input)) < 0.005) {
    sentences.push([
      "The factors together barely change the chance, so their shares of the effect mean little.",
    ]);
  }
  const rest = factors.slice(1);
  const unclear = rest.filter((f) => includesZero(f.shapley));
  if (unclear.length > 0) {
    sentences.push([
      unclear.length === 1 ? "The effect of " : "The effects of ",
      ...listOf(unclear.map((f) => [{ strong: f.label }])),
      " cannot be told apart from zero: ",
      unclear.every(hasIntervalOf)
        ? `${unclear.length === 1 ? "its interval includes" : "their intervals include"} zero.`
        : "these runs are too few to give an interval.",
    ]);
  }
  const harmful = factors.filter((f) => f.shapley.hi < 0);
  if (harmful.length > 0) {
    sentences.push([
      ...listOf(harmful.map((f) => [{ strong: f.label }])),
      harmful.length === 1 ? " lowers" : " lower",
      " the chance: ",
      harmful.length === 1 ? "its interval lies" : "their intervals lie",
      " wholly below zero.",
    ]);
  }
  return sentences;
}

/** The plain-language note on reading Shapley values and intervals, one sentence an entry. */
export function readingNote(input: ReportInput): string[] {
  return [
    "A factor's Shapley value is the average change in the chance of the outcome that adding this factor makes, taken over every order in which the factors could be added one by one.",
    `The values of all the factors add up to the chance with every factor present (the baseline, ${pct(input.baseline.share)} %) minus the chance with none present (${pct(input.none.share)} %): ${pp(totalEffect(input))} percentage points (pp).`,
    "A percentage point is the plain difference between two percentages: from 40 % to 55 % is 15 percentage points.",
    "Numbers in square brackets are 95 % intervals: the model's true figure very probably lies in that range, and a wide range means the runs do not pin the figure down.",
    "The intervals measure only the randomness of the runs, not whether the model captures the history well.",
  ];
}

/** How the figures were computed, one statement an entry. */
export function methodLines(input: ReportInput): string[] {
  const n = input.factors.length;
  const e = input.experiment;
  return [
    `Experiment ${e.id} (created ${e.created}), seed ${e.seed}, scenario “${input.scenario.title}” (${input.scenario.id}).`,
    `Each of the ${2 ** n} combinations of the ${n} factors (each present or absent) was run ${e.replicates} times: ${e.runs} runs in all.`,
    `Shapley values are exact: each factor's value averages its effect over all ${2 ** n} combinations, that is over every order of adding the factors, rather than a sample of orders.`,
    "Runs with the same replicate number use the same random seed in every combination (common random numbers), so a Shapley value is computed for each seed; the 95 % intervals of the Shapley values are Student's t intervals from the spread of those per-seed values (wider than the normal interval when there are few seeds).",
    "The 95 % intervals of chances and outcome shares are Wilson score intervals.",
    "A factor's share of the effect is its Shapley value divided by the baseline chance minus the chance with no factor present.",
  ];
}
