/** How many worker threads experiments use by default (a module of its own: the help shows it cheaply). */
import { availableParallelism } from "node:os";

/** Default worker count: one per core the process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}
