/**
 * The party's rank and file. Two fidelities implement one interface:
 * - `aggregate`: members counted in cells (region × cohort × ideology bin), for fast sweeps;
 * - `individual`: every member a row in typed arrays (struct-of-arrays).
 * Mechanisms talk only to this interface, and both fidelities follow the same rules, so they must agree
 * statistically (a test checks it across many seeds).
 */
import type { Rng } from "../random/rng.ts";

/** A cohort, by its index in the scenario's `cohorts` (when and how members joined). */
export type Cohort = number;

/** Members' economic line is held in bins over [-1, 1] for votes (both fidelities vote by bin). */
export const IDEOLOGY_BINS = 8;

/** Centre of an ideology bin. */
export function binCentre(bin: number): number {
  return -1 + (2 * bin + 1) / IDEOLOGY_BINS;
}

/** Bin of an ideology value. */
export function binOf(ideology: number): number {
  const b = Math.floor(((ideology + 1) / 2) * IDEOLOGY_BINS);
  return b < 0 ? 0 : b >= IDEOLOGY_BINS ? IDEOLOGY_BINS - 1 : b;
}

/** Who new members are: drawn around these values. */
export interface RecruitProfile {
  ideology: number;
  ideologySd: number;
  /** Readiness to follow the regional apparatus that admitted them, in [0, 1]. */
  loyalty: number;
  /** Political literacy in [0, 1] (low literacy: naive, easily led). */
  literacy: number;
  /** Joins as a candidate (not yet a full member). */
  candidate: boolean;
  /** Leader whose secretary admitted the member (-1 none): the patron tie. */
  tie: number;
  /** Share of workers among the recruits (the rest split between peasants and employees). */
  workerShare: number;
}

/** A region's conference delegation, before the votes. */
export interface RegionDelegation {
  /** Delegates who follow the regional secretary. */
  loyal: number;
  /** Delegates who back an opposition platform. */
  opposition: number;
  /** Uncommitted delegates by ideology bin. */
  uncommitted: number[];
}

export interface MemberStore {
  readonly fidelity: "aggregate" | "individual";
  readonly regions: number;
  /** An independent copy of the whole membership (for lookahead over cloned worlds). */
  clone(): MemberStore;
  /** Members (full and candidate) in a region, or in the whole party. */
  count(region?: number): number;
  cohortCount(region: number, cohort: Cohort): number;
  candidates(region: number): number;
  /** Mean readiness to follow the apparatus in a region. */
  meanLoyalty(region: number): number;
  meanIdeology(region: number): number;
  /** Members who back an opposition platform. */
  sympathisers(region: number): number;
  /** Members whose file holds compromising facts. */
  compromised(region: number): number;
  /** Members admitted under each leader's secretaries (indexed by leader), still in the party. */
  tiesTo(leader: number): number;

  /** Admits `n` members to a region. */
  admit(region: number, n: number, cohort: Cohort, profile: RecruitProfile, rng: Rng): void;
  /** Removes `n` members at random (deaths, lapses); returns how many left. */
  attrite(region: number, n: number, rng: Rng): number;
  /** Expels up to `n` members, opposition sympathisers first, then those with compromising files; returns how many. */
  purge(region: number, n: number, rng: Rng): number;
  /** Promotes each candidate to full membership with probability `p`; returns how many. */
  promote(region: number, p: number, rng: Rng): number;
  /** Moves every member's line by `delta` (clamped to [-1, 1]). */
  shiftOpinion(region: number, delta: number, rng: Rng): void;
  /** Each member within `reach` of the platform's line becomes a sympathiser with probability `p`. */
  mobilise(region: number, platform: number, reach: number, p: number, rng: Rng): number;
  /** Sympathisers give up the platform with probability `p` each (recantation, repression). */
  demobilise(region: number, p: number, rng: Rng): number;
  /** Each member's file gains a compromising fact with probability `p`. */
  compile(region: number, p: number, rng: Rng): number;
  /** Draws a conference delegation of `delegates` from the region's members. */
  delegation(region: number, delegates: number, grip: number, rng: Rng): RegionDelegation;
}
