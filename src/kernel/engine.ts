/**
 * The engine: builds the world from a compiled scenario and steps it tick by tick through the enabled
 * mechanisms, in a fixed order. Pure: no I/O, so it runs the same in Node and in a browser Web Worker.
 */

import { dateOfTick, dayOf, tickOf } from "./calendar.ts";
import type { CompiledScenario } from "./compiled.ts";
import { EVENT_VOCABULARY_VERSION, type SimEvent } from "./events.ts";
import { bodies } from "./mechanisms/bodies.ts";
import { circularFlow, congressWithoutFeedback } from "./mechanisms/circularFlow.ts";
import { coalitions } from "./mechanisms/coalitions.ts";
import { coercion } from "./mechanisms/coercion.ts";
import { enrolment } from "./mechanisms/enrolment.ts";
import { factionBan } from "./mechanisms/factionBan.ts";
import { files } from "./mechanisms/files.ts";
import { health } from "./mechanisms/health.ts";
import { information } from "./mechanisms/information.ts";
import { legacy } from "./mechanisms/legacy.ts";
import type { Mechanism } from "./mechanisms/mechanism.ts";
import { membership } from "./mechanisms/membership.ts";
import { offices } from "./mechanisms/offices.ts";
import { patronage } from "./mechanisms/patronage.ts";
import { policy } from "./mechanisms/policy.ts";
import { preemption } from "./mechanisms/preemption.ts";
import { rehabilitation } from "./mechanisms/rehabilitation.ts";
import { testament } from "./mechanisms/testament.ts";
import { type Outcome, outcomeOf, trackOutcome } from "./outcome.ts";
import { collect, createSeries, type Series } from "./series.ts";
import { cloneWorld, createWorld, type World } from "./world.ts";

/** Version of the run output format. 2: the run names its ladder; removals carry their depth. */
export const OUTPUT_VERSION = 2;

/**
 * Every mechanism, in the order they act within a tick: exogenous shocks and the founder's legacy first, then
 * the slow clock (members, files, patronage, opinion), the testament (which must act before its congress
 * closes), the circular flow, the fast clock of coalitions, the return of the fallen, pre-emptive arrests
 * (between the coalitions' moves and the sessions), the bodies' sessions,
 * then the ban, coercion,
 * information and offices.
 */
export const MECHANISMS: readonly Mechanism[] = [
  health,
  legacy,
  membership,
  enrolment,
  files,
  patronage,
  policy,
  testament,
  circularFlow,
  coalitions,
  rehabilitation,
  preemption,
  bodies,
  factionBan,
  coercion,
  information,
  offices,
];

export interface RunOptions {
  seed: number;
  /** Stop before this date (ISO); defaults to the scenario's end. */
  until?: string;
}

export interface RunResult {
  format: { output: number; events: number };
  scenario: { id: string; title: string };
  /** The scenario's elimination ladder: step ids in order (a removal's depth indexes it from 1). */
  ladder: string[];
  seed: number;
  until: string;
  outcome: Outcome;
  events: SimEvent[];
  series: Series;
}

/** A run in progress: Mesa-style `setup` then `step`. */
export class Model {
  readonly world: World;
  readonly series: Series;
  readonly lastTick: number;
  readonly #mechanisms: Mechanism[];

  /**
   * @param resume a world already set up and stepped (a clone, for lookahead): the run goes on from it, and
   *   its series starts empty.
   */
  constructor(sc: CompiledScenario, options: RunOptions, resume?: World) {
    this.world = resume ?? createWorld(sc, options.seed);
    this.series = createSeries(this.world);
    const stop = options.until ? tickOf(sc.clock, dayOf(options.until)) : sc.clock.ticks;
    this.lastTick = Math.max(0, Math.min(sc.clock.ticks, stop));
    // Two mechanisms keep a plain form when switched off: congresses still meet, and bodies still sit and vote
    // (their voters then weigh only line, standing and files; see votes.ts).
    this.#mechanisms = MECHANISMS.map((m) => {
      if (sc.enabled[m.id] || m.id === "bodies") return m;
      return m.id === "circularFlow" ? congressWithoutFeedback : null;
    }).filter((m): m is Mechanism => m !== null);
    if (!resume) for (const m of this.#mechanisms) m.setup?.(this.world);
  }

  /**
   * An independent copy of this run at its present tick, for lookahead: with `streams`, the copy throws other
   * dice than the run will (it must not know the run's future). Its series is not carried over.
   */
  fork(streams?: World["streams"]): Model {
    const w = cloneWorld(this.world, streams);
    return new Model(w.sc, { seed: w.seed, until: dateOfTick(w.sc.clock, this.lastTick) }, w);
  }

  get done(): boolean {
    return this.world.tick >= this.lastTick;
  }

  /** Advances one tick: every enabled mechanism acts, then the outcome test and the data collector run. */
  step(record = true): void {
    const w = this.world;
    for (const m of this.#mechanisms) m.step(w);
    trackOutcome(w);
    if (record) collect(w, this.series);
    w.tick++;
  }

  result(): RunResult {
    const w = this.world;
    return {
      format: { output: OUTPUT_VERSION, events: EVENT_VOCABULARY_VERSION },
      scenario: { id: w.sc.id, title: w.sc.title },
      ladder: w.sc.ladder.map((r) => r.id),
      seed: w.seed,
      until: this.series.dates.at(-1) ?? w.sc.start,
      outcome: outcomeOf(w),
      events: w.events,
      series: this.series,
    };
  }
}

/**
 * Runs a compiled scenario from a seed to its end (or `until`).
 *
 * @example
 * const result = runScenario(compileScenario(parseScenario(text)), { seed: 1 });
 * result.outcome; // { kind: "sole-leader", leader: "...", date: "...", ... }
 */
export function runScenario(sc: CompiledScenario, options: RunOptions): RunResult {
  const model = new Model(sc, options);
  while (!model.done) model.step();
  return model.result();
}
