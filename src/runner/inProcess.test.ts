import { executorCases } from "./executor.cases.ts";
import { InProcessExecutor } from "./inProcess.ts";

executorCases("in-process", async () => new InProcessExecutor());
