/** `apparat serve`: the dashboard and the HTTP API on localhost, in one process, with the CLI's store. */
import type { Command } from "commander";
import { defaultWorkers } from "../runner/workers.ts";
import { DEFAULT_LIMITS } from "../server/limits.ts";
import { DEFAULT_STORE_FILE } from "../store/defaults.ts";
import { BAD_INPUT, wholeNumber } from "./options.ts";

export const DEFAULT_PORT = 5178;

interface ServeCliOptions {
  port: number;
  host: string;
  store: string;
  workers: number;
  maxExperiments: number;
  maxRuns: number;
  dashboard: boolean;
}

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("the web dashboard and HTTP API on localhost (API documented at /api/openapi.json)")
    .option(
      "--port <n>",
      "port to listen on (0 picks a free one)",
      wholeNumber("port", 0, 65535),
      DEFAULT_PORT,
    )
    .option("--host <address>", "address to listen on (keep the default to stay local)", "127.0.0.1")
    .option("--store <file>", "results database file", DEFAULT_STORE_FILE)
    .option(
      "--workers <n>",
      `worker threads per experiment (default: one per core, here ${defaultWorkers()})`,
      wholeNumber("workers", 1, 256),
      defaultWorkers(),
    )
    .option(
      "--max-experiments <n>",
      "experiments running at once",
      wholeNumber("max-experiments", 1, 64),
      DEFAULT_LIMITS.maxConcurrentExperiments,
    )
    .option(
      "--max-runs <n>",
      "most runs in one experiment",
      wholeNumber("max-runs", 1, 1_000_000),
      DEFAULT_LIMITS.maxTotalRuns,
    )
    .option("--no-dashboard", "serve the API alone")
    .action(async (o: ServeCliOptions) => {
      const { startServer, ServeError } = await import("../server/serve.ts");
      const server = await startServer({
        port: o.port,
        host: o.host,
        store: o.store,
        workers: o.workers,
        dashboard: o.dashboard,
        limits: {
          ...DEFAULT_LIMITS,
          maxConcurrentExperiments: o.maxExperiments,
          maxTotalRuns: o.maxRuns,
          maxRunsPerVariant: Math.min(DEFAULT_LIMITS.maxRunsPerVariant, o.maxRuns),
        },
        log: (line) => process.stderr.write(`apparat serve: ${line}\n`),
      }).catch((err: unknown) => {
        if (!(err instanceof ServeError)) throw err;
        process.stderr.write(`apparat: ${err.message}\n`);
        process.exitCode = BAD_INPUT;
        return null;
      });
      if (!server) return;
      process.stdout.write(
        `Apparat is serving ${o.dashboard ? "the dashboard at" : "the API at"} ${server.url} (API: ${server.url}api/openapi.json; results in ${o.store}). Ctrl-C stops it.\n`,
      );
      await new Promise<void>((done) => {
        const stop = () => {
          const running = server.runningExperiments();
          if (running.length === 0) {
            process.stderr.write("apparat serve: stopping...\n");
            void server.close().then(done);
            return;
          }
          // Every finished batch is already stored (one transaction each), so stopping now loses at most the
          // batches in flight; waiting instead could take as long as the experiments.
          const list = running.map((id) => `#${id}`).join(", ");
          process.stderr.write(
            `apparat serve: stopped with experiment${running.length === 1 ? "" : "s"} ${list} unfinished; the runs so far are stored in ${o.store}. ` +
              `Resume from the dashboard's list, with POST /api/experiments/{id}/resume, or with apparat <kind> --resume <id> --store ${o.store}\n`,
          );
          process.exit(130);
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
    });
}
