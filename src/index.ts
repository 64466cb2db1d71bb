/**
 * Apparat's public library API: the pure engine and the scenario format. Everything exported here runs
 * unchanged in Node and in a browser Web Worker (a test bundles this file for the browser to prove it).
 *
 * @example
 * import { compileScenario, parseScenario, runScenario } from "apparat";
 * const result = runScenario(compileScenario(parseScenario(yamlText, "my.yaml")), { seed: 1 });
 * console.log(result.outcome);
 */

export { type MechanismInfo, mechanismCatalogue, type ParameterInfo } from "./catalog/catalog.ts";
// Scenario discovery over a design's runs
export { type CartResult, cart } from "./discovery/cart.ts";
export {
  DISCOVERY_METHODS,
  DiscoveryError,
  type DiscoveryMethod,
  type DiscoveryRequest,
  type DiscoveryResult,
  discover,
} from "./discovery/discover.ts";
export { binomialUpperTail, type PrimOptions, type PrimResult, prim } from "./discovery/prim.ts";
// Experiments: plans, runs, summaries (the same code the CLI's worker threads and queue workers run)
export {
  PlanRunner,
  type RunModel,
  type RunOutput,
  type RunTask,
  scenarioModel,
  tasksFor,
} from "./experiments/execute.ts";
export { type Fan, fansOf } from "./experiments/fan.ts";
export { answersYes, metricsOf, outcomeLabel, questionMeasure } from "./experiments/metrics.ts";
export {
  type Outcome as RunOutcome,
  OutcomeError,
  outcomeValue,
  parseOutcome,
} from "./experiments/outcomes.ts";
export {
  PlanError,
  planAttribution,
  planMonteCarlo,
  planSensitivity,
  planSweep,
  planWhatIf,
  scenarioHash,
  totalRuns,
  variantScenario,
} from "./experiments/plan.ts";
export { runSeed, taskOf } from "./experiments/seeds.ts";
export { keepSeries, scenarioSeriesMeasures, seriesMeasures } from "./experiments/series.ts";
export { shapley } from "./experiments/shapley.ts";
export { type ExperimentSummary, summarize } from "./experiments/summarize.ts";
export type {
  Assignment,
  ExperimentKind,
  ExperimentPlan,
  FactorGroup,
  Question,
  RunMetrics,
  RunRow,
  RunSeries,
  SensitivityDesign,
  SensitivityParameter,
  SeriesLine,
  Variant,
} from "./experiments/types.ts";
// The historical record beside a run (data in validation/<scenario-id>.history.yaml)
export {
  compareWithRecord,
  type HistoryComparison,
  type HistoryRow,
  longDate,
  type MatchContext,
  monthsText,
  recordWhen,
  rowText,
  summaryLine,
  type Verdict,
} from "./history/compare.ts";
export {
  HISTORY_SCHEMA_VERSION,
  type HistoricalEvent,
  HistoryError,
  type HistoryRecord,
  historyIdsOf,
  parseHistory,
} from "./history/record.ts";
// The self-enforcing ruling coalition
export {
  coalitionPower,
  isSelfEnforcing,
  isWinning,
  MAJORITY,
  maskOf,
  membersOf,
  type Rule,
  rulingCoalition,
} from "./kernel/coalition/rulingCoalition.ts";
// Running a scenario
export {
  MECHANISMS,
  Model,
  OUTPUT_VERSION,
  type RunOptions,
  type RunResult,
  runScenario,
} from "./kernel/engine.ts";
export {
  EVENT_TYPES,
  EVENT_VOCABULARY_VERSION,
  type LapseReason,
  type SimEvent,
} from "./kernel/events.ts";
export { createMembers, type Fidelity } from "./kernel/members/index.ts";
// Members
export type { Cohort, MemberStore, RecruitProfile } from "./kernel/members/store.ts";
export {
  capacityWords,
  describe as describeEvent,
  describeOutcome,
  type Names,
  namesOf,
  narrate,
  type StoryContext,
  type StoryEvent,
  tell,
} from "./kernel/narrative.ts";
export { type Outcome, type OutcomeKind, outcomeOf, soleLeaderNow } from "./kernel/outcome.ts";
// Randomness (and, below, the dashboard's replay: a run plus the patronage network per tick)
export { Rng, Streams } from "./kernel/random/rng.ts";
export type { LeaderSeries, Series } from "./kernel/series.ts";
export { type NetworkTimeline, REPLAY_VERSION, type Replay, recordReplay } from "./replay/timeline.ts";
// Scenarios
export { type CompiledScenario, compileScenario } from "./scenario/compile.ts";
export { parseScenario, ScenarioError, type ScenarioIssue, validateScenarioData } from "./scenario/load.ts";
export { applyPatch, applySet, applySets, parseValue } from "./scenario/patch.ts";
export {
  type Estimate,
  SCENARIO_SCHEMA_VERSION,
  type Scenario,
  type ScenarioInput,
  scenarioJsonSchema,
  scenarioSchema,
} from "./scenario/schema.ts";
// Global sensitivity: designs, estimators, the scenario's estimates as parameters
export { type SensitivitySummary, summarizeSensitivity } from "./sensitivity/analyse.ts";
export { type MorrisResult, morrisDesign, morrisEffects } from "./sensitivity/morris.ts";
export { ParameterError, scenarioEstimates, selectParameters } from "./sensitivity/parameters.ts";
export { type SobolResult, saltelliDesign, sobolIndices } from "./sensitivity/sobolIndices.ts";
export { sobolPoints } from "./sensitivity/sobolSequence.ts";
