/** The sensitivity analysis's defaults, in a module of their own so the command line's help can show them cheaply. */

/** Levels of the Morris grid when none is given (the usual choice). */
export const DEFAULT_MORRIS_LEVELS = 4;

/** Bootstrap resamples drawn when none is asked for: enough for stable 95 % percentile ends. */
export const DEFAULT_RESAMPLES = 1000;
