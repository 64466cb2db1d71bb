import { executorCases } from "./executor.cases.ts";
import { PoolExecutor } from "./pool.ts";

executorCases("worker pool, 1 thread", async () => new PoolExecutor(1));
executorCases("worker pool, 2 threads", async () => new PoolExecutor(2));
