/**
 * Run seeds. Every run's seed is a hash of the experiment seed and the run's replicate number (which its
 * index determines), so results never depend on which worker or machine ran what, or in which order. All
 * variants of one replicate share the seed: common random numbers, which make paired comparisons between
 * variants far tighter than independent draws would.
 */
import { streamState } from "../kernel/random/rng.ts";

/**
 * The seed of replicate `replicate` of an experiment seeded with `experimentSeed`: a 31-bit integer.
 *
 * @example
 * runSeed(1, 0) === runSeed(1, 0); // always; and runSeed(1, 0) !== runSeed(1, 1) in practice
 */
export function runSeed(experimentSeed: number, replicate: number): number {
  return streamState(experimentSeed, `replicate:${replicate}`)[0]! >>> 1;
}

/** Which variant and replicate run index `index` stands for, in a plan of `variants` variants. */
export function taskOf(index: number, variants: number): { variant: number; replicate: number } {
  return { variant: index % variants, replicate: Math.floor(index / variants) };
}
