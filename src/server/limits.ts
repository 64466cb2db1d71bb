/** The limits the API holds requests to, apart from the schemas so the command line's help can show them cheaply. */

/** Limits every request is held to; the server's `limits` endpoint reports the ones in force. */
export interface Limits {
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Most runs per variant in one experiment. */
  maxRunsPerVariant: number;
  /** Most runs in one experiment, over all its variants. */
  maxTotalRuns: number;
  /** Experiments running at once; one more is refused with 429 until one finishes. */
  maxConcurrentExperiments: number;
  /** Most `--set` style changes in one request. */
  maxChanges: number;
  /**
   * Most estimated CPU seconds in one experiment, summed over its runs (each run estimated from its scenario's
   * size; see docs/reliability.md). Sixteen hours: the largest experiment of a built-in scenario the run
   * limits allow (20,000 runs of the China scenario) is estimated at about thirteen; changes that make runs
   * dearer (a longer calendar, individual members) are refused beyond it.
   */
  maxExperimentSeconds: number;
  /** Wall-clock seconds a server-side replay may take before it is stopped. */
  replayTimeoutSeconds: number;
  /** Largest replay answer, in bytes of JSON (the built-in scenario's is about 0.3 MB). */
  maxReplayBytes: number;
  /** Server-side replays running at once; more wait in a short queue, and beyond it get 429. */
  maxConcurrentReplays: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 64 * 1024,
  maxRunsPerVariant: 2000,
  maxTotalRuns: 20_000,
  maxConcurrentExperiments: 2,
  maxChanges: 64,
  maxExperimentSeconds: 16 * 3600,
  replayTimeoutSeconds: 30,
  maxReplayBytes: 16 * 1024 * 1024,
  maxConcurrentReplays: 1,
};
