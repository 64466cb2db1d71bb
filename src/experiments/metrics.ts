/**
 * What an experiment keeps of a run: the outcome, who left the executive for good and when, and two
 * end-of-run sizes. A few hundred bytes instead of the full event log and series.
 */
import type { RunResult } from "../kernel/engine.ts";
import type { DeathEvent } from "../kernel/events.ts";
import type { Question, RunMetrics } from "./types.ts";

/** Full-seat code in the executive seat series. */
const FULL_SEAT = 2;

/**
 * Leaders who held a full executive seat and ended the run without one, in the order they lost it for good.
 * Deaths are not eliminations: a leader who died in office is left out.
 */
function exitsOf(result: RunResult): { id: string; date: string }[] {
  const { dates, leaders } = result.series;
  const last = dates.length - 1;
  const died = new Set(result.events.filter((e): e is DeathEvent => e.type === "death").map((e) => e.person));
  const exits: { id: string; date: string; t: number }[] = [];
  for (const [id, s] of Object.entries(leaders)) {
    if (last < 0 || s.politburo[last] === FULL_SEAT || died.has(id)) continue;
    const lastFull = s.politburo.lastIndexOf(FULL_SEAT);
    if (lastFull < 0) continue;
    exits.push({ id, date: dates[lastFull + 1]!, t: lastFull + 1 });
  }
  // Ties (same week) keep the scenario's order of leaders: Object.entries order, and sort is stable.
  exits.sort((a, b) => a.t - b.t);
  return exits.map(({ id, date }) => ({ id, date }));
}

/**
 * The metrics of one run.
 *
 * @example
 * metricsOf(runScenario(sc, { seed: 1 })).outcome; // "sole-leader"
 */
export function metricsOf(result: RunResult): RunMetrics {
  const { series, outcome } = result;
  return {
    outcome: outcome.kind,
    leader: outcome.leader,
    soleDate: outcome.date,
    exits: exitsOf(result),
    members: series.members.at(-1) ?? 0,
    committee: series.committeeSize.at(-1) ?? 0,
  };
}

/**
 * Whether a run answers the question yes: its leader is sole leader from a date before `by`, or, where the
 * question accepts it, dominant leader at the end of the run.
 */
export function answersYes(m: RunMetrics, q: Question): boolean {
  if (m.leader !== q.leader) return false;
  if (m.outcome === "sole-leader") return m.soleDate !== null && m.soleDate < q.by;
  return m.outcome === "dominant-leader" && (q.outcomes ?? []).includes("dominant-leader");
}

/**
 * What the question measures, in words, with the leader named by `name`: "<name> sole leader before <date>",
 * or "<name> sole leader before <date> or dominant at the end".
 */
export function questionMeasure(q: Question, name: string, date: (iso: string) => string = (d) => d): string {
  const sole = `${name} sole leader before ${date(q.by)}`;
  return (q.outcomes ?? []).includes("dominant-leader") ? `${sole} or dominant at the end` : sole;
}

/** A readable outcome label: "sole leader: x", "dominant leader: x", "collective", "none". */
export function outcomeLabel(m: RunMetrics): string {
  switch (m.outcome) {
    case "sole-leader":
      return `sole leader: ${m.leader}`;
    case "dominant-leader":
      return `dominant leader: ${m.leader}`;
    default:
      return m.outcome;
  }
}

/** An outcome label with the leader's id replaced by a name: "sole leader: <id>" -> "sole leader: <name>". */
export function namedOutcomeLabel(label: string, name: (id: string) => string): string {
  const m = /^(sole leader|dominant leader): (.+)$/.exec(label);
  return m ? `${m[1]}: ${name(m[2]!)}` : label;
}
