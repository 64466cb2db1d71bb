/**
 * The kernel runs in a browser unchanged: the public API bundles for the browser platform with no Node
 * built-ins, and the bundle replays a scenario to the same bytes as Node does.
 */
import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { runScenario } from "../src/index.ts";
import { bolshevik, bolshevikScenario } from "./fixtures.ts";

const ENTRY = new URL("../src/index.ts", import.meta.url).pathname;

/** The public API bundled for the browser, in memory. */
function bundle() {
  return build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
    metafile: true,
  });
}

describe("browser bundle", () => {
  it("bundles the public API for the browser without any Node built-in", async () => {
    const result = await bundle();
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((f) => f.startsWith("node:") || f.includes("node_modules/@types/node"))).toBe(false);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/from\s+["']node:/);
    expect(code).not.toMatch(/require\(["'](fs|path|os|child_process)["']\)/);
  });

  it("the bundled engine gives the same bytes as Node for the same seed", async () => {
    const result = await bundle();
    const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.text).toString("base64")}`;
    const bundled = (await import(url)) as typeof import("../src/index.ts");
    const text = readFileSync(new URL("../scenarios/bolshevik-1922.yaml", import.meta.url), "utf8");
    const fromBundle = bundled.runScenario(bundled.compileScenario(bundled.parseScenario(text, "x.yaml")), {
      seed: 11,
      until: "1925-01-01",
    });
    const fromNode = runScenario(bolshevik(), { seed: 11, until: "1925-01-01" });
    expect(JSON.stringify(fromBundle)).toBe(JSON.stringify(fromNode));
  });

  it("the bundled experiment code gives the same run rows as Node", async () => {
    const result = await bundle();
    const url = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0]!.text).toString("base64")}`;
    const bundled = (await import(url)) as typeof import("../src/index.ts");
    const question = { text: "q", leader: "stalin", by: "1930-01-01" };
    const rows = (api: typeof bundled) => {
      const plan = api.planWhatIf({
        scenario: bolshevikScenario(),
        seed: 2,
        replicates: 1,
        question,
        sets: [{ path: "mechanisms.files.enabled", value: false }],
      });
      const runner = new api.PlanRunner(plan);
      return api.tasksFor(plan).map((t) => runner.run(t));
    };
    const fromNode = rows(await import("../src/index.ts"));
    expect(fromNode).toHaveLength(2);
    expect(JSON.stringify(rows(bundled))).toBe(JSON.stringify(fromNode));
  });
});
