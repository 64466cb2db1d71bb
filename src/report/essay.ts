/**
 * The essay answers in words a student can quote, and the tables behind them: the per-post what-ifs, the
 * causal chain measured congress by congress, and the attribution under each grouping of the switches side
 * by side. Built as plain segments and text cells, so the Markdown and HTML renderers escape and mark up the
 * same words. Every claim follows from the figures; the names come from the input (scenario data).
 */
import { ordinal, ordinalWord } from "../kernel/narrative.ts";
import { enoughForInterval, MIN_RUNS_FOR_INTERVAL } from "../stats/minimum.ts";
import {
  estimateText,
  hasInterval,
  includesZero,
  pct,
  pp,
  ranked,
  type Segment,
  shareText,
} from "./format.ts";
import { clearlyAhead, rankLabels, tied } from "./ties.ts";
import type { Estimate95, GroupedFactor, ReportEssay, ReportInput, ReportWhatIf } from "./types.ts";

/** A table as text cells; the renderers escape them. */
export interface EssayTable {
  caption: string;
  head: string[];
  numeric: boolean[];
  rows: string[][];
}

/** A section of the essay part of the report. */
export interface EssaySection {
  id: string;
  heading: string;
  paragraphs: Segment[][];
  tables: EssayTable[];
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** "2001-04-16" → "April 2001". */
const monthOf = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;

/** A change in chance in words: "+3.0 points [−1.0, 7.0]". */
const points = (e: Estimate95) =>
  hasInterval(e) ? `${pp(e.value)} points [${pct(e.lo)}, ${pct(e.hi)}]` : `${pp(e.value)} points`;

/** A share of runs as "42.0 % [30.1, 55.0]". */
const mean = (e: Estimate95) => `${pct(e.value)} % [${pct(e.lo)}, ${pct(e.hi)}]`;
/** A count per run as "4.2 [3.1, 5.3]". */
const count = (e: Estimate95) =>
  hasInterval(e) ? `${e.value.toFixed(1)} [${e.lo.toFixed(1)}, ${e.hi.toFixed(1)}]` : e.value.toFixed(1);

/** "a", "a and b", "a, b and c". */
const listText = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`;

/** A label that opens with an article, lower-cased to sit inside a sentence: "The post" → "the post". */
const midSentence = (label: string) => label.replace(/^(The|A|An) /, (m) => m.toLowerCase());

/** Where a factor stands among the others, in words that never rank a tie. */
function standing(factors: readonly GroupedFactor[], id: string): string {
  const sorted = [...factors].sort((a, b) => b.shapley.value - a.shapley.value);
  const i = sorted.findIndex((f) => f.id === id);
  if (i < 0) return "";
  const me = sorted[i]!;
  const ties = sorted.filter((f) => f.id !== id && tied(f.shapley, me.shapley));
  const rank = rankLabels(sorted.map((f) => f.shapley))[i]!;
  const n = Number(rank.replace("=", ""));
  const place = ordinalWord(n);
  if (ties.length > 0) return `tied ${place} with ${listText(ties.map((f) => midSentence(f.label)))}`;
  const next = sorted[i + 1];
  if (i === 0)
    return next && !clearlyAhead(me.shapley, next.shapley)
      ? "first, though its interval overlaps the next factor's"
      : "first, clearly ahead of the next factor";
  return place;
}

function groupingsOf(input: ReportInput, essay: ReportEssay): { label: string; factors: GroupedFactor[] }[] {
  return [
    {
      label: "as grouped in the factor file",
      factors: input.factors.map((f) => ({ id: f.id, label: f.label, shapley: f.shapley })),
    },
    ...essay.groupings,
  ];
}

const postFactorIn = (factors: readonly GroupedFactor[], id: string) => factors.find((f) => f.id === id);

/** The answer to the question about the post, as sentences. */
export function postAnswer(input: ReportInput, essay: ReportEssay): Segment[][] {
  const out: Segment[][] = [];
  const who = input.leaderName;
  const base = essay.whatIfs.baseline;
  out.push([
    `In this model, ${who} became sole leader before the question's date in `,
    { strong: `${pct(input.baseline.share)} %` },
    ` of runs as the scenario stands (${pct(input.baseline.lo)} to ${pct(input.baseline.hi)} %).`,
  ]);
  const whole = essay.whatIfs.items.find((w) => w.kind === "whole-post");
  if (whole) {
    const s: Segment[] = [
      `With ${whole.label}, he did in `,
      { strong: `${pct(whole.chance.share)} %` },
      ` (a change of ${points(whole.effect)} on the same seeds, from ${pct(base.share)} %)`,
    ];
    if (whole.newHolder)
      s.push(
        `, and ${whole.newHolder.name} ended the run sole leader in ${pct(whole.newHolder.sole.share)} % (${pct(whole.newHolder.sole.lo)} to ${pct(whole.newHolder.sole.hi)} %)`,
      );
    s.push(
      whole.effect.hi < 0 && whole.newHolder && whole.newHolder.sole.lo > whole.chance.hi
        ? ": in the model the post, not the man, carried most of the outcome."
        : includesZero(whole.effect)
          ? ": the runs cannot tell this change from none."
          : ".",
    );
    out.push(s);
  }
  const post = postFactorIn(input.factors, essay.postFactor);
  if (post) {
    const main = input.factors.find((f) => f.id === essay.postFactor)!;
    out.push([
      `Taking the post's powers apart from the other factors the sources give (a Shapley attribution over every combination), the factor “`,
      { strong: main.label },
      "”",
      ` adds ${points(main.shapley)} to his chance: of the ${input.factors.length} factors, ${standing(groupingsOf(input, essay)[0]!.factors, post.id)}.`,
    ]);
    for (const g of essay.groupings) {
      const alt = postFactorIn(g.factors, essay.postFactor);
      if (!alt) continue;
      out.push([
        `The answer depends on how the switches are grouped: with ${g.label}, the same factor adds `,
        { strong: points(alt.shapley) },
        `: ${standing(g.factors, alt.id)}.`,
      ]);
    }
    const without = main.without;
    const alone = main.alone;
    out.push([
      without.share < 0.05
        ? `Without the post's powers he was sole leader in ${shareText(without)} of runs: in this model the post was necessary. `
        : `Without the post's powers he was still sole leader in ${shareText(without)} of runs. `,
      alone.share < 0.05
        ? `With the post's powers alone, none of the other factors present, he was sole leader in ${shareText(alone)}: significant, never sufficient.`
        : `With the post's powers alone he was sole leader in ${shareText(alone)} of runs.`,
    ]);
  }
  return out;
}

/** The answer to the question about the series of jobs, as sentences. */
export function jobsAnswer(input: ReportInput, essay: ReportEssay): Segment[][] {
  const out: Segment[][] = [];
  const steps = essay.chain.steps;
  const first = steps[0];
  const decisive = steps.find((s) => s.removals.value >= 1) ?? steps[1];
  if (first) {
    out.push([
      `The runs trace one chain, congress after congress. Before the first congress of the run (${monthOf(first.date)}), ${input.leaderName}'s posts made `,
      { strong: first.appointments.value.toFixed(1) },
      ` appointments on average (${first.regionAppointments.value.toFixed(1)} of them regional secretaries); at that congress ${pct(first.regionShare.value)} % of the regional secretaries were his clients, their conferences sent ${pct(first.delegateShare.value)} % of the delegates to follow him, and he held ${pct(first.committeeShare.value)} % of the votes in the committee they elected.`,
    ]);
    const last = steps.at(-1)!;
    if (last !== first)
      out.push([
        `By the ${ordinal(last.number)} congress (${monthOf(last.date)}), those figures were `,
        { strong: `${pct(last.regionShare.value)} %` },
        " of the secretaries, ",
        { strong: `${pct(last.delegateShare.value)} %` },
        " of the delegates and ",
        { strong: `${pct(last.committeeShare.value)} %` },
        ` of the committee's votes.`,
        decisive
          ? ` Removals of rivals followed the congresses: ${decisive.removals.value.toFixed(1)} steps down the ladder on average after the ${ordinal(decisive.number)} (${decisive.removalsHeMoved.value.toFixed(1)} moved by him).`
          : "",
      ]);
  }
  const items = essay.whatIfs.items;
  const whole = items.find((w) => w.kind === "whole-post");
  const others = items.filter((w) => w.kind === "post");
  const all = items.find((w) => w.kind === "all-posts");
  const rest = items.filter((w) => w.kind === "other");
  if (whole && others.length > 0) {
    const unclear = others.filter((w) => includesZero(w.effect));
    const largest = Math.max(...others.map((w) => Math.abs(w.effect.value)));
    out.push([
      `Of his jobs, giving away ${essay.questions.post.post} changes his chance by `,
      { strong: points(whole.effect) },
      `; each of the others, given away on its own, by at most ${pct(largest)} points`,
      unclear.length === others.length
        ? ", none of them distinguishable from no change"
        : `, ${unclear.length} of ${others.length} of them indistinguishable from no change`,
      all ? `; all of them at once, by ${points(all.effect)}.` : ".",
    ]);
  }
  for (const w of rest)
    out.push([
      `With ${w.label} the chance changes by ${points(w.effect)}`,
      includesZero(w.effect)
        ? ": the runs cannot tell this from no change, so the posts did not count for more together than the strongest of them alone."
        : ".",
    ]);
  if (whole && others.length > 0 && others.every((w) => includesZero(w.effect)) && whole.effect.hi < 0)
    out.push([
      "In this model the series of jobs concentrated power through one of them: the appointing post, used at every congress to fill the regions whose secretaries chose the delegates who elected the committee that voted his rivals out.",
    ]);
  return out;
}

const whatIfRows = (items: readonly ReportWhatIf[]) =>
  items.map((w) => [
    w.label,
    w.meaning,
    w.sets
      .map((a) => `${a.path}=${typeof a.value === "string" ? a.value : JSON.stringify(a.value)}`)
      .join(", "),
    shareText(w.chance),
    estimateText(w.effect),
    w.newHolder ? `${w.newHolder.name}: ${shareText(w.newHolder.sole)}` : "–",
  ]);

/** Sentences as one paragraph, a space between them. */
const paragraph = (sentences: Segment[][]): Segment[] =>
  sentences.flatMap((s, i) => (i === 0 ? s : [" ", ...s]));

/** The essay part of the report: answers, what-ifs, chain, groupings and what could not be measured. */
export function essaySections(input: ReportInput): EssaySection[] {
  const essay = input.essay;
  if (!essay) return [];
  const warn = (runs: number, what: string): Segment[][] =>
    enoughForInterval(runs)
      ? []
      : [
          [
            {
              strong: `Warning: only ${runs} ${runs === 1 ? "run" : "runs"} ${what}, fewer than ${MIN_RUNS_FOR_INTERVAL}.`,
            },
            " The intervals are wide on purpose; do not quote these figures. The prebuilt report runs 200.",
          ],
        ];
  const groupings = groupingsOf(input, essay);
  const ids = ranked(input).map((f) => f.id);
  const gTable: EssayTable = {
    caption:
      "Shapley value of each factor (points of chance, 95 % intervals) under each grouping of the switches",
    head: ["Factor", ...groupings.map((g) => g.label)],
    numeric: [false, ...groupings.map(() => true)],
    rows: ids.map((id) => [
      input.factors.find((f) => f.id === id)!.label,
      ...groupings.map((g) => {
        const sorted = [...g.factors].sort((a, b) => b.shapley.value - a.shapley.value);
        const labels = rankLabels(sorted.map((f) => f.shapley));
        const i = sorted.findIndex((f) => f.id === id);
        return i < 0 ? "–" : `${estimateText(sorted[i]!.shapley)} (rank ${labels[i]})`;
      }),
    ]),
  };
  return [
    {
      id: "essay-answers",
      heading: "The essay questions, answered from the runs",
      paragraphs: [
        ...warn(input.experiment.replicates, "per combination"),
        [{ strong: essay.questions.post.text }, ` (${essay.questions.post.source})`],
        paragraph(postAnswer(input, essay)),
        [{ strong: essay.questions.jobs.text }, ` (${essay.questions.jobs.source})`],
        paragraph(jobsAnswer(input, essay)),
      ],
      tables: [],
    },
    {
      id: "per-post",
      heading: "Per-post what-ifs",
      paragraphs: [
        ...warn(essay.whatIfs.runs, "per what-if"),
        [
          `Each row changes the scenario as shown and reruns it on the same ${essay.whatIfs.runs} seeds as the baseline (${shareText(essay.whatIfs.baseline)}); the change is the mean of the per-seed differences, with a t interval that never shrinks to a point.`,
        ],
      ],
      tables: [
        {
          caption: `The chance of “${input.measure}”, with each post given away`,
          head: [
            "What-if",
            "Meaning",
            "Change (--set)",
            "Chance",
            "Change from baseline",
            "New holder sole leader at the end",
          ],
          numeric: [false, false, false, true, true, true],
          rows: whatIfRows(essay.whatIfs.items),
        },
      ],
    },
    {
      id: "chain",
      heading: "The chain from appointments to removals, congress by congress",
      paragraphs: [
        ...warn(essay.chain.runs, "behind the chain"),
        [
          `Measured in ${essay.chain.runs} runs of the scenario as it stands (seeds ${essay.chain.seeds}), read from each run's events and from the regions' secretaries as each congress met; means over the runs that held that congress, 95 % intervals (t for counts, bounded t for shares).`,
        ],
      ],
      tables: [
        {
          caption: `${input.leaderName}'s chain at each congress of the run`,
          head: [
            "Congress (median date)",
            "Runs",
            "Appointments by his posts since the last congress",
            "of which regional secretaries",
            "Regional secretaries his clients",
            "Delegates following him",
            "His share of committee votes after",
            "Rivals' steps down before the next congress",
            "of which moved by him",
          ],
          numeric: [false, true, true, true, true, true, true, true, true],
          rows: essay.chain.steps.map((s) => [
            `${ordinal(s.number)} (${monthOf(s.date)})`,
            String(s.runs),
            count(s.appointments),
            count(s.regionAppointments),
            mean(s.regionShare),
            mean(s.delegateShare),
            mean(s.committeeShare),
            count(s.removals),
            count(s.removalsHeMoved),
          ]),
        },
      ],
    },
    {
      id: "grouping",
      heading: "How the answer depends on grouping",
      paragraphs: [
        [
          "A Shapley value splits the effect among the factors as they are grouped. Which switches belong to which factor is a choice; here it is shown both ways, on the same seeds. Equal ranks (=1) mean the runs cannot tell the factors apart.",
        ],
        ...essay.groupings.flatMap((g) => warn(g.replicates, `per combination under “${g.label}”`)),
      ],
      tables: [gTable],
    },
    {
      id: "not-measured",
      heading: "What the report cannot measure",
      paragraphs: essay.limits.map((l) => [l]),
      tables: [],
    },
  ];
}

/** The two answers as plain text (for the CLI's summary and for quoting). */
export function essayAnswerText(input: ReportInput): { post: string; jobs: string } | null {
  if (!input.essay) return null;
  const plain = (ss: Segment[][]) =>
    ss.map((s) => s.map((p) => (typeof p === "string" ? p : p.strong)).join("")).join(" ");
  const q = input.essay.questions;
  return {
    post: `${q.post.text} ${plain(postAnswer(input, input.essay))}`,
    jobs: `${q.jobs.text} ${plain(jobsAnswer(input, input.essay))}`,
  };
}
