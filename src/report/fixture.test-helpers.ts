/**
 * A realistic, made-up report input for the renderers' tests: five factor groups whose combinations'
 * chances are additive, so the Shapley values below are exactly what an attribution would find.
 */
import { wilson as wilsonInterval } from "../stats/intervals.ts";
import type { ReportEssay, ReportFactor, ReportInput, Share } from "./types.ts";

const N = 400;

/** A share of N runs with its Wilson interval, as the experiment code gives it. */
export function wilson(share: number, n = N): Share {
  const [lo, hi] = wilsonInterval(Math.round(share * n), n);
  return { share, lo, hi, n };
}

// Made-up references: the renderers only lay out what they are given.
const SOURCES = {
  service: { key: "source-a", citation: "Source A: a made-up monograph on the party apparatus, for tests." },
  kotkin: { key: "source-b", citation: "Source B: a made-up biography, for tests." },
  carr: { key: "source-c", citation: "Source C: a made-up history of the period, for tests." },
  lewin: { key: "source-d", citation: "Source D: a made-up study of the founder's last year, for tests." },
  deutscher: { key: "source-e", citation: "Source E: a made-up life of the main rival, for tests." },
};

type Spec = [id: string, label: string, value: number, half: number];

const SPECS: Spec[] = [
  ["general-secretary", "The General Secretary's control of appointments", 0.38, 0.07],
  ["opponents", "Divided opponents (Trotsky | Zinoviev | Kamenev)", 0.22, 0.07],
  ["legacy", "Lenin's Testament suppressed", 0.12, 0.06],
  ["skill", "Stalin's political skill", 0.1, 0.06],
  ["chance", "Chance: Lenin's illness and timing", 0.03, 0.05],
];

const NONE = 0.02;

function chanceOf(present: string[], specs: Spec[]): number {
  return NONE + specs.filter(([id]) => present.includes(id)).reduce((s, [, , v]) => s + v, 0);
}

function factor([id, label, value, half]: Spec, specs: Spec[]): ReportFactor {
  const all = specs.map(([x]) => x);
  const total = specs.reduce((s, [, , v]) => s + v, 0);
  const evidence = (src: { key: string; citation: string }, note: string) => ({
    source: src.key,
    citation: src.citation,
    note,
  });
  return {
    id,
    label,
    description: `What the model loses without: ${label.toLowerCase()}.`,
    shapley: { value, lo: value - half, hi: value + half },
    shareOfEffect: value / total,
    without: wilson(
      chanceOf(
        all.filter((x) => x !== id),
        specs,
      ),
    ),
    alone: wilson(chanceOf([id], specs)),
    off: [
      { path: `mechanisms.${id}.enabled`, value: false },
      { path: `params.${id}.weight`, value: 0 },
    ],
    mechanisms: [
      {
        id: `${id}-mechanism`,
        title: `${label}: mechanism`,
        description: `How ${label.toLowerCase()} shifts power between 1922 and 1927.`,
        evidence: [
          evidence(SOURCES.service, `Appointments through the Orgburo, 1922–1923 (${id}).`),
          evidence(SOURCES.kotkin, `Discussed at length for ${id}.`),
        ],
      },
    ],
    sources: id === "legacy" ? [SOURCES.lewin] : id === "opponents" ? [SOURCES.deutscher] : [],
  };
}

/** Every subset of the factor ids, in binary order over the specs' order (2^n entries). */
function subsets(ids: string[]): string[][] {
  return Array.from({ length: 2 ** ids.length }, (_, mask) => ids.filter((_, i) => mask & (1 << i)));
}

/** A report input for the five factors above, or for the specs given (to reorder or change values). */
export function makeInput(specs: Spec[] = SPECS): ReportInput {
  const ids = specs.map(([id]) => id);
  const baselineShare = chanceOf(ids, specs);
  const factors = specs.map((s) => factor(s, specs)).sort((a, b) => b.shapley.value - a.shapley.value);
  return {
    title: "How significant was the General Secretary's position in Stalin's rise?",
    question: "How significant was the General Secretary's position in Stalin's rise to power, 1922–1929?",
    measure: "Stalin sole leader before 1930-01-01",
    leaderName: "Stalin",
    scenario: { id: "ussr-1922", title: "The succession struggle, 1922–1929" },
    experiment: {
      id: 17,
      seed: 20240611,
      replicates: N,
      runs: N * 2 ** ids.length,
      created: "2025-03-14T10:00:00Z",
    },
    baseline: { ...wilson(baselineShare), lo: 0.82, hi: 0.91 },
    none: wilson(NONE),
    factors,
    combinations: subsets(ids).map((present) => ({ present, chance: wilson(chanceOf(present, specs)) })),
    outcomes: [
      { label: "sole leader: Stalin", share: wilson(baselineShare) },
      { label: "collective leadership", share: wilson(0.09) },
      { label: "sole leader: someone else", share: wilson(0.04) },
    ],
    sources: Object.values(SOURCES),
    caveats: [
      "The factors are groups of switches; a different grouping gives different Shapley values.",
      "Intervals cover the randomness of the runs only, not the model's fit to the history.",
    ],
  };
}

export type { Spec };
export { SPECS };

const est = (value: number, half: number, n = N) => ({ value, lo: value - half, hi: value + half, n });

/** An essay part for the fixture: two groupings, four what-ifs, a chain of three congresses. */
export function makeEssay(runs = N): ReportEssay {
  const share = (p: number) => ({ ...wilson(p), n: runs });
  return {
    questions: {
      post: {
        text: "How significant was the General Secretary's post?",
        source: "seed-essay",
        post: "the General Secretary's post",
      },
      jobs: {
        text: "How did his series of jobs concentrate power?",
        source: "seed-textbook",
        jobs: "his posts",
      },
    },
    postFactor: "general-secretary",
    groupings: [
      {
        label: "the circular flow counted as the post's power",
        experimentId: 18,
        replicates: runs,
        factors: [
          {
            id: "general-secretary",
            label: "The General Secretary's control of appointments",
            shapley: est(0.276, 0.037),
          },
          {
            id: "opponents",
            label: "Divided opponents (Trotsky | Zinoviev | Kamenev)",
            shapley: est(0.204, 0.036),
          },
          { id: "legacy", label: "Lenin's Testament suppressed", shapley: est(0.139, 0.037) },
          { id: "skill", label: "Stalin's political skill", shapley: est(0.196, 0.037) },
          { id: "chance", label: "Chance: Lenin's illness and timing", shapley: est(-0.054, 0.03) },
        ],
      },
    ],
    whatIfs: {
      experimentId: 19,
      runs,
      baseline: share(0.775),
      items: [
        {
          id: "gs-away",
          label: "the General Secretaryship given to Zinoviev",
          meaning: "the whole post held by another leader",
          kind: "whole-post",
          sets: [{ path: "offices.general-secretary.holder", value: "zinoviev" }],
          chance: share(0),
          effect: est(-0.775, 0.058),
          newHolder: { name: "Zinoviev", sole: share(0.65) },
        },
        {
          id: "liaison",
          label: "the liaison given to Kamenev",
          meaning: "the papers between the bureaus monitored by another",
          kind: "post",
          sets: [{ path: "offices.orgburo-liaison.holder", value: "kamenev" }],
          chance: share(0.795),
          effect: est(0.02, 0.024),
        },
        {
          id: "all",
          label: "all four posts given away",
          meaning: "the whole series of jobs in other hands",
          kind: "all-posts",
          sets: [{ path: "offices.general-secretary.holder", value: "zinoviev" }],
          chance: share(0),
          effect: est(-0.775, 0.058),
        },
        {
          id: "strongest",
          label: "only the strongest post counting",
          meaning: "posts do not add up",
          kind: "other",
          sets: [{ path: "mechanisms.offices.params.combine", value: "strongest" }],
          chance: share(0.75),
          effect: est(-0.025, 0.066),
        },
      ],
    },
    chain: {
      runs,
      seeds: "1 to 400",
      steps: [
        {
          number: 1,
          runs,
          date: "1923-04-16",
          appointments: est(6.5, 0.4),
          regionAppointments: est(5.5, 0.3),
          regionShare: est(0.55, 0.02),
          delegateShare: est(0.13, 0.01),
          committeeShare: est(0.44, 0.01),
          removals: est(1.2, 0.2),
          removalsHeMoved: est(1.1, 0.2),
        },
        {
          number: 2,
          runs,
          date: "1924-05-19",
          appointments: est(5.1, 0.4),
          regionAppointments: est(3.9, 0.3),
          regionShare: est(0.78, 0.02),
          delegateShare: est(0.41, 0.02),
          committeeShare: est(0.62, 0.01),
          removals: est(3.1, 0.3),
          removalsHeMoved: est(2.9, 0.3),
        },
        {
          number: 3,
          runs: runs - 3,
          date: "1925-12-14",
          appointments: est(6.2, 0.5),
          regionAppointments: est(3.8, 0.3),
          regionShare: est(0.97, 0.01),
          delegateShare: est(0.69, 0.02),
          committeeShare: est(0.8, 0.01),
          removals: est(2.4, 0.3),
          removalsHeMoved: est(2.2, 0.3),
        },
      ],
    },
    limits: ["The model has no separate party conferences."],
  };
}
