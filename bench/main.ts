/**
 * `npm run bench`: each benchmark in a fresh process (so one's heap and threads do not disturb the next),
 * with the same flags: the replay and member benchmark, experiment throughput, then the server and dashboard.
 */
import { spawnSync } from "node:child_process";

const BENCHES = ["run.ts", "experiments.ts", "server.ts"];
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
