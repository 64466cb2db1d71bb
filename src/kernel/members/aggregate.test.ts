import { AggregateMembers } from "./aggregate.ts";
import { memberStoreCases } from "./store.cases.ts";

memberStoreCases("aggregate", (regions, leaders) => new AggregateMembers(regions, leaders));
