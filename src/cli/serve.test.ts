import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { apparat, apparatStatus, ROOT } from "../../test/cli.ts";

/** Starts `apparat serve` on a free port, on one worker thread, and resolves with the URL it prints. */
async function startServe(store: string) {
  const child = spawn(
    process.execPath,
    ["bin/apparat.js", "serve", "--port", "0", "--no-dashboard", "--workers", "1", "--store", store],
    { cwd: ROOT },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once("exit", (code) => reject(new Error(`serve exited with ${code} before listening`)));
  });
  return { child, url };
}

describe("apparat serve", () => {
  it("starts, answers on the port it prints, and stops on SIGTERM with its store intact", async () => {
    const dir = mkdtempSync(join(tmpdir(), "apparat-serve-cli-"));
    const store = join(dir, "r.db");
    const { child, url } = await startServe(store);
    const res = await fetch(new URL("api/scenarios", url));
    expect(res.status).toBe(200);
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(apparatStatus("runs", "--store", store).status).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it("stopped with an experiment running, it says how to resume it, and the CLI resumes it to the end", async () => {
    const dir = mkdtempSync(join(tmpdir(), "apparat-serve-cli-"));
    const store = join(dir, "r.db");
    const { child, url } = await startServe(store);
    const res = await fetch(new URL("api/experiments", url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "mc", scenario: "bolshevik-1922", runs: 40 }),
    });
    const { id } = (await res.json()) as { id: number };
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain(`#${id} unfinished`);
    expect(stderr).toContain(`--resume <id> --store ${store}`);
    const resumed = JSON.parse(
      apparat("mc", "--resume", String(id), "--store", store, "--workers", "1", "--json"),
    );
    expect(resumed.runs).toBe(40);
    rmSync(dir, { recursive: true, force: true });
  });

  it("a port in use is a clear error with exit code 2", async () => {
    const holder = createServer();
    const port = await new Promise<number>((r) =>
      holder.listen(0, "127.0.0.1", () => r((holder.address() as { port: number }).port)),
    );
    const dir = mkdtempSync(join(tmpdir(), "apparat-serve-cli-"));
    const r = apparatStatus("serve", "--port", String(port), "--no-dashboard", "--store", join(dir, "r.db"));
    holder.close();
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`port ${port} on 127.0.0.1 is in use`);
  });

  it("a port out of range is a usage error naming the option", () => {
    const r = apparatStatus("serve", "--port", "70000");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/port must be a whole number from 0 to 65535, got "70000"/);
  });
});
