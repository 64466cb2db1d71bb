/**
 * Cross-site request forgery, in process: every request that may change state must send JSON and, when a
 * browser names its origin, come from the server's own. Reads are not affected. The browser-level proof (a
 * page on another origin in Chromium) is in test/e2e/csrf.test.ts.
 */
import { afterAll, describe, expect, it } from "vitest";
import { testApp } from "./app.test-helpers.ts";

const t = testApp({ maxConcurrentExperiments: 0 });
afterAll(() => t.close());

const S = "bolshevik-1922";
const WRITES: [string, unknown][] = [
  ["/api/experiments", { kind: "mc", scenario: S, runs: 2 }],
  ["/api/replay", { scenario: S, seed: 1, until: "1922-06-01" }],
  ["/api/experiments/1/resume", {}],
];

async function post(path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return t.app.request(path, { method: "POST", headers, body: JSON.stringify(body) });
}

describe("writes from another origin are refused", () => {
  it.each(WRITES)("%s needs a JSON content type", async (path, body) => {
    for (const type of [
      undefined,
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/jsonx",
      "text/json",
    ]) {
      const res = await post(path, body, type ? { "content-type": type } : {});
      expect(res.status, `${type}`).toBe(415);
      expect(await res.json()).toMatchObject({ field: "Content-Type" });
    }
  });

  it.each(WRITES)("%s needs this server's own origin when one is named", async (path, body) => {
    for (const origin of [
      "http://evil.example",
      "http://localhost:9999",
      "https://localhost",
      "null",
      "file://",
      "not a url",
    ]) {
      const res = await post(path, body, { "content-type": "application/json", origin });
      expect(res.status, origin).toBe(403);
      expect(await res.json()).toMatchObject({ field: "Origin" });
    }
    for (const site of ["cross-site", "same-site"]) {
      const res = await post(path, body, { "content-type": "application/json", "sec-fetch-site": site });
      expect(res.status, site).toBe(403);
      expect(await res.json()).toMatchObject({ field: "Sec-Fetch-Site" });
    }
  });

  it("lets the server's own pages and non-browser clients write", async () => {
    const own = await post(WRITES[1]![0], WRITES[1]![1], {
      "content-type": "application/json; charset=utf-8",
      origin: "http://localhost",
      "sec-fetch-site": "same-origin",
    });
    expect(own.status).toBe(200);
    const cli = await post(WRITES[1]![0], WRITES[1]![1], { "content-type": "application/json" });
    expect(cli.status).toBe(200);
  });

  it("leaves reads alone, whatever their origin", async () => {
    const res = await t.app.request("/api/scenarios", { headers: { origin: "http://evil.example" } });
    expect(res.status).toBe(200);
    // And never invites another origin to read: no CORS header at all.
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const pre = await t.app.request("/api/experiments", {
      method: "OPTIONS",
      headers: { origin: "http://evil.example", "access-control-request-method": "POST" },
    });
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    expect(pre.status).toBeGreaterThanOrEqual(400);
    expect(pre.status).toBeLessThan(500);
  });

  it("started nothing", () => {
    expect(t.store.list()).toEqual([]);
  });
});
