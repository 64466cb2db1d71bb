/**
 * Command-line start time, outside the test suite: wall time and CPU time of `apparat --help` and
 * `apparat --version` from the compiled JavaScript (dist/, built first when missing or older than the
 * sources), beside Node's own start (`node -e 0`, the floor) and the TypeScript launcher a source checkout
 * uses (tsx). Each figure is the median of several starts; the CPU time is measured inside the child by a
 * preloaded module (all threads, Node's own start included). `--json` prints one line.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const json = process.argv.includes("--json");
const STARTS = 15;
const GOAL_MS = 150;

function newest(dir: string): number {
  let t = 0;
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    t = Math.max(t, d.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const MAIN = join(ROOT, "dist", "cli", "main.js");
if (!existsSync(MAIN) || statSync(MAIN).mtimeMs < newest(join(ROOT, "src"))) {
  const r = spawnSync("npm", ["run", "build:lib"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("npm run build:lib failed");
}

// Reports the process's CPU time (user + system, every thread) on exit, on stderr's last line.
const CPU_PROBE = `data:text/javascript,${encodeURIComponent(
  'import { writeSync } from "node:fs"; process.on("exit", () => { const u = process.cpuUsage(); writeSync(2, "\\ncpu-us " + (u.user + u.system) + "\\n"); });',
)}`;

interface StartTime {
  wallMs: number;
  cpuMs: number;
  minWallMs: number;
}

function starts(args: string[]): StartTime {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < STARTS + 2; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, ["--import", CPU_PROBE, ...args], { cwd: ROOT, encoding: "utf8" });
    const ms = performance.now() - t;
    if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${r.stderr}`);
    const us = /cpu-us (\d+)/.exec(r.stderr)?.[1];
    // The first two starts warm the file cache; they are not counted.
    if (i < 2) continue;
    wall.push(ms);
    cpu.push(Number(us) / 1000);
  }
  const median = (xs: number[]) => +[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(1);
  return { wallMs: median(wall), cpuMs: median(cpu), minWallMs: +Math.min(...wall).toFixed(1) };
}

const node = starts(["-e", "0"]);
const help = starts([MAIN, "--help"]);
const version = starts([MAIN, "--version"]);
const tsxHelp = starts([join(ROOT, "bin", "apparat.js"), "--help"]);

const result = {
  machine: {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    node: process.version,
    loadAverage1m: +loadavg()[0]!.toFixed(2),
  },
  starts: STARTS,
  nodeAlone: node,
  help,
  version,
  helpThroughTsx: tsxHelp,
  goal: { helpWallMs: GOAL_MS, met: help.wallMs <= GOAL_MS },
};

if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const show = (s: StartTime) => `${s.wallMs} ms wall (best ${s.minWallMs}), ${s.cpuMs} ms CPU`;
  console.log(
    `command-line start (median of ${STARTS} starts; ${result.machine.cores} cores, load average ${result.machine.loadAverage1m}):`,
  );
  console.log(`  node -e 0 (Node's own start, the floor): ${show(node)}`);
  console.log(`  apparat --help, compiled:    ${show(help)}`);
  console.log(`  apparat --version, compiled: ${show(version)}`);
  console.log(`  apparat --help through tsx (a source checkout's bin/apparat.js): ${show(tsxHelp)}`);
  console.log(
    `  goal --help <= ${GOAL_MS} ms wall: ${help.wallMs} ms, ${result.goal.met ? "met" : "NOT met"}`,
  );
}
