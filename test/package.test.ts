/**
 * The package as a user gets it. A copy of the checkout (its tracked and unignored files, as a clean clone
 * has them) is packed with `npm pack`, which builds dist/ and the dashboard; the tarball is installed into an
 * empty folder from the registry; then the library is imported by name (and type-checked), the `apparat`
 * command is run, and the dashboard is served from the installed files. Nothing here uses tsx or Vite.
 *
 * Installing needs the registry. Without network the test is skipped, except on CI (`CI` set), where it must run.
 * better-sqlite3 is native: its install script looks for a prebuilt binary before compiling, and with no download
 * possible here it would compile for a minute or more. The checkout's own copy of it, compiled by `npm ci` for
 * this very Node, is offered to that script as a local prebuilt binary (prebuild-install's documented
 * `local_prebuilds` option); the test is about this package, not about building SQLite again.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apparat, ROOT } from "./cli.ts";

const ON_CI = process.env.CI === "true" || process.env.CI === "1";
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  peerDependencies: Record<string, string>;
};

/** Whether npm can reach its registry (a quick `npm ping`). */
function registryReachable(): boolean {
  const r = spawnSync("npm", ["ping"], { timeout: 20_000, encoding: "utf8" });
  return r.status === 0;
}

const ONLINE = ON_CI || registryReachable();
const SKIP_REASON = "no npm registry reachable (offline): the pack-and-install test needs it";

/**
 * A folder holding the checkout's compiled better-sqlite3 as the prebuilt tarball its install script looks for
 * (named as prebuild-install names it), or undefined when the checkout has none (its install then compiles).
 */
function localPrebuilds(work: string): string | undefined {
  const pkgDir = join(ROOT, "node_modules", "better-sqlite3");
  const binary = join(pkgDir, "build", "Release", "better_sqlite3.node");
  if (!existsSync(binary) || process.platform !== "linux") return undefined;
  const { version } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { version: string };
  // glibc's binaries carry no libc tag in their name; musl's do.
  const libc = existsSync("/etc/alpine-release") ? "-musl" : "";
  const name = `better-sqlite3-v${version}-node-v${process.versions.modules}-linux${libc}-${process.arch}.tar.gz`;
  const dir = join(work, "prebuilds");
  const stage = join(dir, "stage");
  mkdirSync(join(stage, "build", "Release"), { recursive: true });
  cpSync(binary, join(stage, "build", "Release", "better_sqlite3.node"));
  const tar = spawnSync("tar", ["-czf", join(dir, name), "-C", stage, "build"], { encoding: "utf8" });
  return tar.status === 0 ? dir : undefined;
}

/** `npm ...` in `cwd`, failing the test with npm's output when it fails. */
function npm(cwd: string, args: string[], timeout = 15 * 60_000, extraEnv: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync("npm", args, {
    cwd,
    encoding: "utf8",
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    // better-sqlite3 compiles from source when its prebuilt binary cannot be downloaded: point node-gyp at
    // the headers Node ships with, as .ci/run does, so the build needs no network.
    env: {
      ...process.env,
      npm_config_nodedir:
        process.env.npm_config_nodedir ?? (existsSync("/usr/include/node/node.h") ? "/usr" : ""),
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
      ...extraEnv,
    },
  });
  if (r.status !== 0)
    throw new Error(`npm ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Build output, installed packages and results at the top of a checkout: never part of what is packed. */
const NOT_SOURCES = new Set([
  ".git",
  "node_modules",
  "dist",
  "test-results",
  "coverage",
  "report",
  "web/dist",
]);

/**
 * The checkout's files as a clean clone has them: tracked, plus new files git does not ignore. Outside a git
 * work tree (a source archive), every file but build output and installed packages.
 */
function checkoutFiles(): string[] {
  const git = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (git.status === 0) return git.stdout.split("\0").filter((f) => f !== "" && existsSync(join(ROOT, f)));
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
      const rel = dir ? join(dir, d.name) : d.name;
      if (NOT_SOURCES.has(rel.split("\\").join("/"))) return [];
      return d.isDirectory() ? walk(rel) : [rel];
    });
  return walk("");
}

describe.skipIf(!ONLINE)(`the packed package, installed${ONLINE ? "" : ` (skipped: ${SKIP_REASON})`}`, () => {
  let work: string;
  let app: string;
  let bin: string;
  const children: ChildProcess[] = [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "apparat-package-"));
    // Pack a copy, so building dist/ and web/dist/ never disturbs the checkout other tests are reading.
    const copy = join(work, "checkout");
    for (const f of checkoutFiles()) {
      mkdirSync(dirname(join(copy, f)), { recursive: true });
      cpSync(join(ROOT, f), join(copy, f));
    }
    symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
    const packed = join(work, "packed");
    mkdirSync(packed);
    npm(copy, ["pack", "--pack-destination", packed]);
    const tarball = readdirSync(packed).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error(`npm pack wrote no tarball to ${packed}`);
    app = join(work, "app");
    mkdirSync(app);
    writeFileSync(
      join(app, "package.json"),
      JSON.stringify({ name: "uses-apparat", private: true, type: "module" }),
    );
    const prebuilds = localPrebuilds(work);
    npm(app, ["install", "--prefer-offline", join(packed, tarball)], undefined, {
      ...(prebuilds ? { npm_config_better_sqlite3_local_prebuilds: prebuilds } : {}),
    });
    bin = join(app, "node_modules", ".bin", "apparat");
  }, 30 * 60_000);

  afterAll(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("holds compiled JavaScript, declarations and the built dashboard, and none of the sources", () => {
    const root = join(app, "node_modules", "apparat");
    for (const f of [
      "dist/index.js",
      "dist/index.d.ts",
      "dist/node/index.js",
      "dist/cli/main.js",
      "web/dist/index.html",
    ])
      expect(existsSync(join(root, f)), f).toBe(true);
    expect(existsSync(join(root, "src"))).toBe(false);
    expect(existsSync(join(root, "web", "src"))).toBe(false);
  });

  it("installs without the development tools or the optional queue packages", () => {
    for (const name of ["tsx", "vite", "esbuild", "typescript", "bullmq", "ioredis"])
      expect(existsSync(join(app, "node_modules", name)), name).toBe(false);
  });

  it("imports by name: the engine from apparat, files and the store from apparat/node", () => {
    writeFileSync(
      join(app, "use.mjs"),
      `import { compileScenario, planMonteCarlo, runScenario, totalRuns } from "apparat";
import { DEFAULT_SCENARIO, loadScenario, ResultsStore } from "apparat/node";
const { scenario } = loadScenario(DEFAULT_SCENARIO);
const result = runScenario(compileScenario(scenario), { seed: 1 });
const plan = planMonteCarlo({ scenario, seed: 1, replicates: 3, question: { text: "q", leader: "stalin", by: "1930-01-01" } });
const store = ResultsStore.open(":memory:");
store.close();
process.stdout.write(JSON.stringify({ outcome: result.outcome, runs: totalRuns(plan) }));
`,
    );
    const out = JSON.parse(execFileSync(process.execPath, ["use.mjs"], { cwd: app, encoding: "utf8" })) as {
      outcome: unknown;
      runs: number;
    };
    const fromSources = JSON.parse(apparat("run", "--seed", "1", "--json")) as { outcome: unknown };
    expect(out.outcome).toEqual(fromSources.outcome);
    expect(out.runs).toBe(3);
  });

  it("type-checks programs that use it: the engine without Node's types, apparat/node with them", () => {
    const programs = {
      // A browser program: the engine's declarations must not need Node's.
      browser: {
        code: `import { compileScenario, parseScenario, type RunResult, runScenario } from "apparat";
export function outcome(yaml: string): string {
  const result: RunResult = runScenario(compileScenario(parseScenario(yaml, "x.yaml")), { seed: 1 });
  return result.outcome.kind;
}
// @ts-expect-error: the outcome's kind is a union of strings; were the types lost (any), this would pass
export const wrong: number = runScenario(compileScenario(parseScenario("", "x")), { seed: 1 }).outcome.kind;
`,
        options: { lib: ["es2022", "dom"], types: [] as string[] },
      },
      node: {
        code: `import { compileScenario, runScenario } from "apparat";
import { loadScenario, ResultsStore } from "apparat/node";
export const kind: string = runScenario(compileScenario(loadScenario("bolshevik-1922").scenario), { seed: 1 }).outcome.kind;
export const store: ResultsStore = ResultsStore.open(":memory:");
// @ts-expect-error: open takes a file name
ResultsStore.open(42);
`,
        // Node's types from the checkout's copy of @types/node (a Node program has them installed).
        options: { lib: ["es2022"], types: ["node"], typeRoots: [join(ROOT, "node_modules", "@types")] },
      },
    };
    for (const [name, { code, options }] of Object.entries(programs)) {
      writeFileSync(join(app, `${name}.ts`), code);
      writeFileSync(
        join(app, `tsconfig.${name}.json`),
        JSON.stringify({
          compilerOptions: {
            module: "nodenext",
            moduleResolution: "nodenext",
            target: "es2022",
            strict: true,
            noEmit: true,
            skipLibCheck: false,
            ...options,
          },
          files: [`${name}.ts`],
        }),
      );
      const tsc = spawnSync(
        process.execPath,
        [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", `tsconfig.${name}.json`],
        { cwd: app, encoding: "utf8" },
      );
      expect(`${tsc.stdout}${tsc.stderr}`, name).toBe("");
      expect(tsc.status, name).toBe(0);
    }
  });

  it("runs the command: --version, --help, and a replay identical to the sources' run", () => {
    const run = (...args: string[]) => spawnSync(bin, args, { cwd: app, encoding: "utf8" });
    const version = run("--version");
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(PKG.version);
    const help = run("--help");
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("Usage: apparat");
    const replay = run("run", "--seed", "1", "--json");
    expect(replay.status, replay.stderr).toBe(0);
    expect(replay.stdout).toBe(apparat("run", "--seed", "1", "--json"));
    const text = run("run", "--seed", "1");
    expect(text.stdout).toContain("Rerun this history with: apparat run");
  });

  it("runs the toolkit from the compiled code: series kept on worker threads, exported and charted; the estimates", () => {
    const run = (...args: string[]) => spawnSync(bin, args, { cwd: app, encoding: "utf8", timeout: 300_000 });
    const db = join(app, "toolkit.db");
    const mc = run("mc", "--runs", "2", "--workers", "2", "--series", "members", "--store", db, "--json");
    expect(mc.status, mc.stderr).toBe(0);
    const installed = JSON.parse(mc.stdout) as { id: number; summary: unknown };
    const fromSources = JSON.parse(
      apparat(
        "mc",
        "--runs",
        "2",
        "--workers",
        "1",
        "--series",
        "members",
        "--store",
        join(work, "src.db"),
        "--json",
      ),
    ) as { summary: unknown };
    expect(installed.summary).toEqual(fromSources.summary);
    const id = String(installed.id);
    const exported = run("export", id, "--series", "--out", join(app, "series.csv"), "--store", db);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/wrote \d+ series rows x 8 columns/);
    const report = run("report", "--experiment", id, "--out", join(app, "report"), "--store", db);
    expect(report.status, report.stderr).toBe(0);
    expect(readFileSync(join(app, "report", `experiment-${id}.html`), "utf8")).toContain("<svg");
    expect(existsSync(join(app, "report", `experiment-${id}-fan-members.svg`))).toBe(true);
    const estimates = run("sensitivity", "--list", "--json");
    expect(estimates.status, estimates.stderr).toBe(0);
    expect(estimates.stdout).toBe(apparat("sensitivity", "--list", "--json"));
    // The toolkit's library entries, by name.
    writeFileSync(
      join(app, "toolkit.mjs"),
      `import { discover, planSensitivity, saltelliDesign, scenarioEstimates } from "apparat";
import { experimentReport, exportTable, renderPrimCharts } from "apparat/node";
const fns = { discover, planSensitivity, saltelliDesign, scenarioEstimates, experimentReport, exportTable, renderPrimCharts };
process.stdout.write(JSON.stringify(Object.entries(fns).filter(([, f]) => typeof f !== "function").map(([n]) => n)));
`,
    );
    expect(execFileSync(process.execPath, ["toolkit.mjs"], { cwd: app, encoding: "utf8" })).toBe("[]");
  });

  it("says what to install when the queue is asked for without its packages", () => {
    const pins = `npm install bullmq@${PKG.peerDependencies.bullmq} ioredis@${PKG.peerDependencies.ioredis}`;
    for (const args of [
      ["mc", "--runs", "1", "--queue", "redis://127.0.0.1:1", "--store", join(app, "q.db")],
      ["worker", "--queue", "redis://127.0.0.1:1"],
    ]) {
      const r = spawnSync(bin, args, { cwd: app, encoding: "utf8", timeout: 60_000 });
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain(pins);
      expect(r.stderr).not.toContain("    at ");
    }
  });

  it("serves the dashboard from the installed files", async () => {
    const child = spawn(bin, ["serve", "--port", "0", "--store", join(app, "serve.db")], {
      cwd: app,
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let output = "";
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL in 60 s:\n${output}`)), 60_000);
      const read = (d: Buffer) => {
        output += d.toString();
        const m = /serving the dashboard at (http:\/\/\S+\/)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout!.on("data", read);
      child.stderr!.on("data", read);
      child.once("exit", (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
    });
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(new URL(script!, url))).status).toBe(200);
    const listed = (await (await fetch(new URL("api/scenarios", url))).json()) as {
      id: string;
      isDefault: boolean;
    }[];
    // A replay runs on the server's replay thread, started from the compiled script.
    const replay = await fetch(new URL("api/replay", url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: listed.find((s) => s.isDefault)!.id, seed: 1 }),
    });
    expect(replay.status, await replay.clone().text()).toBe(200);
    expect(((await replay.json()) as { result: { seed: number } }).result.seed).toBe(1);
    expect(output).not.toContain("building the dashboard");
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  });
});
