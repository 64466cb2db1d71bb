/** The store's defaults, in a module of their own so the command line's help can show them cheaply. */

/** The file the command line uses when no `--store` is given. */
export const DEFAULT_STORE_FILE = "apparat-results.db";
