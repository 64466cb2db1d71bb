/** Builds the member store a scenario asks for and fills it with the starting membership. */
import type { CompiledScenario } from "../compiled.ts";
import type { Rng } from "../random/rng.ts";
import { AggregateMembers } from "./aggregate.ts";
import { IndividualMembers } from "./individual.ts";
import type { MemberStore } from "./store.ts";

export type Fidelity = MemberStore["fidelity"];

/** Implementations by fidelity; the individual one registers itself here. */
export const MEMBER_STORES: Partial<
  Record<Fidelity, (regions: number, leaders: number, capacity: number, cohorts: number) => MemberStore>
> = {
  aggregate: (regions, leaders, _capacity, cohorts) => new AggregateMembers(regions, leaders, cohorts),
  individual: (regions, leaders, capacity, cohorts) =>
    new IndividualMembers(regions, leaders, capacity, cohorts),
};

/** The starting membership of every region, by cohort, with candidates and the patron tie of its secretary. */
export function createMembers(sc: CompiledScenario, rng: Rng, fidelity: Fidelity = sc.fidelity): MemberStore {
  const make = MEMBER_STORES[fidelity];
  if (!make) throw new Error(`member fidelity "${fidelity}" is not available`);
  const startTotal = sc.regions.reduce((a, r) => a + r.members, 0);
  const store = make(sc.regions.length, sc.people.length, startTotal, sc.cohorts.length);
  const { ideologySpread, candidateShare } = sc.params.membership;
  // Members on the books at the start: every cohort with a share, the recruits' cohort taking the remainder.
  const last = sc.recruitCohort;
  sc.regions.forEach((r, region) => {
    let placed = 0;
    const order = sc.cohorts.map((_, c) => c).filter((c) => c !== last);
    order.push(last);
    for (const cohort of order) {
      const n = cohort === last ? r.members - placed : Math.round(r.members * r.cohortShares[cohort]!);
      placed += n;
      // Only recent recruits can still be candidates.
      const candidates = cohort === last ? Math.min(n, Math.round(r.members * candidateShare)) : 0;
      const docility = sc.cohorts[cohort]!.docility;
      const profile = {
        ideology: r.ideology,
        ideologySd: ideologySpread,
        loyalty: docility,
        literacy: 1 - docility,
        tie: r.secretaryPatron,
        workerShare: 0.6,
      };
      store.admit(region, n - candidates, cohort, { ...profile, candidate: false }, rng);
      store.admit(region, candidates, cohort, { ...profile, candidate: true }, rng);
    }
  });
  return store;
}
