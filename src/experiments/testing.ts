/** Test helpers for experiments: synthetic rows whose answers follow a rule, without running the model. */
import type { RunMetrics, RunRow } from "./types.ts";

/** Metrics of a run where `leader` is (or is not) sole leader from `date`. */
export function fakeMetrics(yes: boolean, leader = "a", date = "2001-06-01"): RunMetrics {
  return {
    outcome: yes ? "sole-leader" : "collective",
    leader: yes ? leader : null,
    soleDate: yes ? date : null,
    exits: yes ? [{ id: "b", date: "2001-01-01" }] : [],
    members: 1000,
    committee: 20,
  };
}

/** Rows for every index of a plan of `variants` x `replicates`, answered by `yes(variant, replicate)`. */
export function fakeRows(
  variants: number,
  replicates: number,
  yes: (variant: number, replicate: number) => boolean,
): RunRow[] {
  return Array.from({ length: variants * replicates }, (_, index) => {
    const variant = index % variants;
    const replicate = Math.floor(index / variants);
    return { index, variant, replicate, seed: replicate, metrics: fakeMetrics(yes(variant, replicate)) };
  });
}
