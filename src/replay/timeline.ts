/**
 * A replay for the dashboard: the run's own result plus, for every tick, the patronage network (which
 * leader each regional secretary answers to, how many members the region has, how firmly its conference
 * follows him). Pure and layered over the engine: it steps a `Model` and reads the world between ticks, so
 * the run itself (outcome, events, series) is byte-identical to `runScenario` with the same seed.
 */

import type { CompiledScenario } from "../kernel/compiled.ts";
import { Model, type RunOptions, type RunResult } from "../kernel/engine.ts";
import { livePatron, regionControl } from "../kernel/power.ts";
import type { World } from "../kernel/world.ts";

/** Version of the replay format (the network part; the result inside has its own versions). Version 2 adds the
 * named officials. */
export const REPLAY_VERSION = 2;

export interface NetworkTimeline {
  /** Leaders, in the order of `result.series.leaders`. */
  leaders: { id: string; name: string }[];
  regions: { id: string; name: string }[];
  /** patron[tick][region]: index into `leaders` of the leader the region's secretary answers to, or -1. */
  patron: number[][];
  /** members[tick][region]: party members in the region. */
  members: number[][];
  /** control[tick][region]: share of the region's delegates expected to follow its secretary, in [0, 1]. */
  control: number[][];
  /** secretary[tick][region]: the secretary's name where the scenario names him, else null. */
  secretary: (string | null)[][];
  /** The scenario's named officials (people who are not leaders), in scenario order. */
  officials: { id: string; name: string }[];
  /** officialPatron[tick][k]: index into `leaders` of the leader official k owes his career to, or -1. */
  officialPatron: number[][];
  /**
   * officialStanding[tick][k]: -1 dead; 0 in good standing; r > 0 the official has gone r steps down the
   * scenario's elimination ladder (off a body, expelled, exiled ...), as the run's removal events say.
   */
  officialStanding: number[][];
}

export interface Replay {
  format: { replay: number };
  result: RunResult;
  network: NetworkTimeline;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function frame(
  w: World,
  leaderPosition: Map<number, number>,
  officialIndex: number[],
  out: NetworkTimeline,
): void {
  const patron: number[] = [];
  const members: number[] = [];
  const control: number[] = [];
  const secretary: (string | null)[] = [];
  w.regions.forEach((reg, r) => {
    const leader = livePatron(w, reg.secretaryPatron);
    patron.push(leader >= 0 ? (leaderPosition.get(leader) ?? -1) : -1);
    members.push(Math.round(w.members.count(r)));
    control.push(round3(regionControl(w, r)));
    secretary.push(reg.secretaryName);
  });
  out.patron.push(patron);
  out.members.push(members);
  out.control.push(control);
  out.secretary.push(secretary);
  // An official's patron is drawn as long as the patron lives, even beaten: a fallen leader's men are still
  // known as his until they change sides (which the run records as a patron change).
  out.officialPatron.push(
    officialIndex.map((i) => {
      const patron = w.people[i]!.patron;
      return patron >= 0 && w.people[patron]!.alive ? (leaderPosition.get(patron) ?? -1) : -1;
    }),
  );
  out.officialStanding.push(officialIndex.map((i) => (w.people[i]!.alive ? w.people[i]!.rung : -1)));
}

/**
 * Runs a scenario like `runScenario` and records the patronage network after every tick.
 *
 * @example
 * const replay = recordReplay(compileScenario(scenario), { seed: 7 });
 * replay.network.patron[100]; // who each region's secretary answered to in week 100
 */
export function recordReplay(sc: CompiledScenario, options: RunOptions): Replay {
  const model = new Model(sc, options);
  const leaderPeople = sc.people.filter((p) => p.isLeader);
  const leaderPosition = new Map(leaderPeople.map((p, k) => [p.index, k]));
  const officialPeople = sc.people.filter((p) => !p.isLeader);
  const network: NetworkTimeline = {
    leaders: leaderPeople.map((p) => ({ id: p.id, name: p.name })),
    regions: sc.regions.map((r) => ({ id: r.id, name: r.name })),
    patron: [],
    members: [],
    control: [],
    secretary: [],
    officials: officialPeople.map((p) => ({ id: p.id, name: p.name })),
    officialPatron: [],
    officialStanding: [],
  };
  while (!model.done) {
    model.step();
    frame(
      model.world,
      leaderPosition,
      officialPeople.map((p) => p.index),
      network,
    );
  }
  return { format: { replay: REPLAY_VERSION }, result: model.result(), network };
}
