/** The server over real sockets: it listens, streams progress, shares the CLI's store, and stops cleanly. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apparat } from "../../test/cli.ts";
import type { ExperimentInfo } from "./contract.ts";
import { DEFAULT_LIMITS } from "./contract.ts";
import { type RunningServer, startServer } from "./serve.ts";
import { loadStaticFiles } from "./static.ts";

const dir = mkdtempSync(join(tmpdir(), "apparat-serve-"));
const storeFile = join(dir, "results.db");
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    port: 0,
    host: "127.0.0.1",
    store: storeFile,
    workers: 2,
    limits: DEFAULT_LIMITS,
    dashboard: false,
  });
});
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("apparat serve", () => {
  it("listens on loopback and answers the API", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(new URL("api/health", server.url));
    expect(await res.json()).toEqual({ ok: true, running: 0 });
  });

  it("streams a Monte Carlo's progress as server-sent events, on worker threads, into the CLI's store", async () => {
    const res = await fetch(new URL("api/experiments", server.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ kind: "mc", scenario: "bolshevik-1922", runs: 8, name: "served" }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as ExperimentInfo;
    const stream = await fetch(new URL(`api/experiments/${id}/events`, server.url));
    expect(stream.headers.get("content-type")).toMatch(/text\/event-stream/);
    const text = await stream.text();
    expect(text).toMatch(/event: progress/);
    expect(text.trim().split("\n\n").at(-1)).toMatch(/^event: done/);

    const listed = JSON.parse(apparat("runs", "--store", storeFile, "--json")) as ExperimentInfo[];
    expect(listed.find((e) => e.id === id)).toMatchObject({ name: "served", status: "finished", done: 8 });
  });
});

describe("static files", () => {
  it("serves only the files of the build folder, by URL path", () => {
    const web = mkdtempSync(join(tmpdir(), "apparat-web-"));
    mkdirSync(join(web, "assets"));
    writeFileSync(join(web, "index.html"), "<!doctype html>");
    writeFileSync(join(web, "assets", "app-1234.js"), "export {}");
    const files = loadStaticFiles(web);
    expect([...files.keys()].sort()).toEqual(["/assets/app-1234.js", "/index.html"]);
    expect(files.get("/index.html")!.type).toMatch(/text\/html/);
    expect(files.get("/assets/app-1234.js")!.cache).toMatch(/immutable/);
    expect(files.get("/index.html")!.cache).toBe("no-cache");
    rmSync(web, { recursive: true, force: true });
  });
});
