/**
 * `npm run bench`: each benchmark in a fresh process (so one's heap and threads do not disturb the next),
 * with the same flags: the replay and member benchmark (with allocation per tick), the binomial sampler,
 * experiment throughput on worker threads, the command line's start, experiments in the browser, then the
 * server and dashboard. Every figure is printed with the machine's load average beside it.
 */
import { spawnSync } from "node:child_process";

const BENCHES = ["run.ts", "binomial.ts", "experiments.ts", "cli.ts", "browser.ts", "server.ts"];
for (const file of BENCHES) {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", new URL(file, import.meta.url).pathname, ...process.argv.slice(2)],
    {
      stdio: "inherit",
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
