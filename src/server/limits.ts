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
}

export const DEFAULT_LIMITS: Limits = {
  maxBodyBytes: 64 * 1024,
  maxRunsPerVariant: 2000,
  maxTotalRuns: 20_000,
  maxConcurrentExperiments: 2,
  maxChanges: 64,
};
