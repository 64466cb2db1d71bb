/**
 * Fewest runs behind an interval that reports print without a warning. Below it an interval rests on too
 * little spread to trust (with one run there is none at all), and readers are told so. Kept apart from the
 * interval code so the dashboard can read it without loading the statistics library.
 */
export const MIN_RUNS_FOR_INTERVAL = 30;

/** Whether an interval rests on enough runs to be quoted without a warning. */
export const enoughForInterval = (n: number): boolean => n >= MIN_RUNS_FOR_INTERVAL;
