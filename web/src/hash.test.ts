import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fnv1a, sha256Hex, sha256OfText } from "./hash.ts";

describe("the worker's SHA-256 (Web Crypto or @noble/hashes)", () => {
  it("agrees with Node's SHA-256 on any bytes, across block boundaries", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
      }),
      { numRuns: 300 },
    );
  });

  it("agrees on the known empty-input digest and on text longer than a block", () => {
    expect(sha256Hex(new Uint8Array())).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    const text = new TextEncoder().encode("a".repeat(1000));
    expect(sha256Hex(text)).toBe(createHash("sha256").update("a".repeat(1000)).digest("hex"));
  });
});

describe("fnv1a", () => {
  it("is 8 hex digits, stable, and tells near strings apart", () => {
    expect(fnv1a("")).toBe("811c9dc5");
    expect(fnv1a("votes:1,2,3")).toMatch(/^[0-9a-f]{8}$/);
    expect(fnv1a("votes:1,2,3")).toBe(fnv1a("votes:1,2,3"));
    expect(fnv1a("votes:1,2,3")).not.toBe(fnv1a("votes:1,2,4"));
  });
});

describe("sha256OfText", () => {
  it("gives the same digest with Web Crypto and without it", async () => {
    const text = `{"events":[${"1,".repeat(500)}2],"naïve":"ü"}`;
    const expected = createHash("sha256").update(text, "utf8").digest("hex");
    expect(await sha256OfText(text)).toBe(expected);
    const subtle = Object.getOwnPropertyDescriptor(globalThis, "crypto");
    Object.defineProperty(globalThis, "crypto", { value: {}, configurable: true });
    try {
      expect(await sha256OfText(text)).toBe(expected);
    } finally {
      if (subtle) Object.defineProperty(globalThis, "crypto", subtle);
    }
  });
});
