/**
 * `apparat/node`: the file, store and runner side of Apparat, for Node. Scenario and factor files, the
 * results store and its exports (runs, and kept series in long format), experiments on this thread or on worker
 * threads, validation against the historical record, the factor report, the report of any experiment and the
 * toolkit's charts as SVG (sensitivity, fan charts, PRIM), and the dashboard's server. The pure engine,
 * experiment plans, sensitivity designs and scenario discovery are `apparat` itself. The distributed queue is loaded on demand ({@link loadQueue}), as its packages are
 * optional.
 *
 * @example
 * import { planMonteCarlo, summarize } from "apparat";
 * import { DEFAULT_SCENARIO, loadFactors, loadScenario, PoolExecutor, ResultsStore, runExperiment } from "apparat/node";
 * const { scenario } = loadScenario(DEFAULT_SCENARIO);
 * const question = loadFactors(scenario, undefined)!.question; // the question its factor file asks
 * const store = ResultsStore.open("results.db");
 * const plan = planMonteCarlo({ scenario, seed: 1, replicates: 100, question });
 * const out = await runExperiment({ store, executor: new PoolExecutor(), plan });
 * summarize(out.plan, out.rows);
 */

// Reports: the factor report of an attribution, the report of any other experiment, the charts as SVG
export { reportInput } from "../report/build.ts";
export {
  type ExperimentReport,
  type ExperimentReportInput,
  experimentReport,
} from "../report/experimentReport.ts";
export { type ReportInput, renderHtml, renderMarkdown } from "../report/index.ts";
export { renderFanCharts, renderPrimCharts, renderSensitivityChart } from "../report/nodeCharts.ts";
// Experiments: where runs happen, and running one into the store
export { batches, type Executor } from "../runner/executor.ts";
export {
  type ExperimentOutcome,
  type ExperimentProgress,
  type RunExperimentOptions,
  runExperiment,
} from "../runner/experiment.ts";
export { InProcessExecutor } from "../runner/inProcess.ts";
export {
  isMissingPackage,
  loadQueue,
  loadQueueWorker,
  MissingPackageError,
  QUEUE_PACKAGES,
} from "../runner/optionalQueue.ts";
export { PoolExecutor } from "../runner/pool.ts";
export { type ProgressView, progressView } from "../runner/progress.ts";
export { defaultWorkers } from "../runner/workers.ts";
// The dashboard and HTTP API
export { DEFAULT_LIMITS, type Limits } from "../server/limits.ts";
export { type RunningServer, ServeError, type ServeOptions, startServer } from "../server/serve.ts";
// The results store
export {
  EXPORT_FORMATS,
  EXPORT_TABLES,
  type ExportFormat,
  type ExportTable,
  exportRuns,
  exportTable,
} from "../store/export.ts";
export {
  DEFAULT_STORE_FILE,
  ResultsStore,
  STORE_SCHEMA_VERSION,
  StoreError,
  type StoreErrorReason,
} from "../store/store.ts";
// Validation against the historical record
export {
  defaultTargetsFile,
  loadTargets,
  type RunScore,
  type ValidateOptions,
  type ValidationReport,
  validate,
} from "../validation/run.ts";
export { TargetsError, type TargetsFile } from "../validation/targets.ts";
// Scenario and factor files
export { FACTORS_DIR, loadFactors } from "./factors.ts";
export {
  BUILTIN_DIR,
  builtinScenarios,
  DEFAULT_SCENARIO,
  loadScenario,
  readPatchFile,
  resolveScenario,
} from "./scenarios.ts";
