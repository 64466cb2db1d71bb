/** Builds the member store a scenario asks for and fills it with the starting membership. */
import type { CompiledScenario } from "../compiled.ts";
import type { Rng } from "../random/rng.ts";
import { AggregateMembers } from "./aggregate.ts";
import { IndividualMembers } from "./individual.ts";
import type { Cohort, MemberStore } from "./store.ts";

export type Fidelity = MemberStore["fidelity"];

/** Implementations by fidelity; the individual one registers itself here. */
export const MEMBER_STORES: Partial<
  Record<Fidelity, (regions: number, leaders: number, capacity: number) => MemberStore>
> = {
  aggregate: (regions, leaders) => new AggregateMembers(regions, leaders),
  individual: (regions, leaders, capacity) => new IndividualMembers(regions, leaders, capacity),
};

/** The starting membership of every region, by cohort, with candidates and the patron tie of its secretary. */
export function createMembers(sc: CompiledScenario, rng: Rng, fidelity: Fidelity = sc.fidelity): MemberStore {
  const make = MEMBER_STORES[fidelity];
  if (!make) throw new Error(`member fidelity "${fidelity}" is not available`);
  const startTotal = sc.regions.reduce((a, r) => a + r.members, 0);
  const store = make(sc.regions.length, sc.people.length, startTotal);
  const { ideologySpread, candidateShare } = sc.params.membership;
  const docility = sc.params.circularFlow.cohortDocility;
  sc.regions.forEach((r, region) => {
    let placed = 0;
    for (let cohort = 0; cohort < 3; cohort++) {
      const n = cohort === 2 ? r.members - placed : Math.round(r.members * r.cohortShares[cohort]!);
      placed += n;
      // Only recent recruits can still be candidates.
      const candidates = cohort === 2 ? Math.min(n, Math.round(r.members * candidateShare)) : 0;
      const profile = {
        ideology: r.ideology,
        ideologySd: ideologySpread,
        loyalty: docility[cohort]!,
        literacy: 1 - docility[cohort]!,
        tie: r.secretaryPatron,
        workerShare: 0.6,
      };
      store.admit(region, n - candidates, cohort as Cohort, { ...profile, candidate: false }, rng);
      store.admit(region, candidates, cohort as Cohort, { ...profile, candidate: true }, rng);
    }
  });
  return store;
}
