import { describe, expect, it } from "vitest";
import { clip, decodeText, MAX_TEXT_BYTES, readYaml } from "./yamlText.ts";

const bytes = (s: string, enc: BufferEncoding = "utf8") => new Uint8Array(Buffer.from(s, enc));

describe("decodeText", () => {
  it("reads UTF-8 with or without a byte-order mark, and UTF-16 with one", () => {
    expect(decodeText(bytes("a: 1\n"))).toEqual({ text: "a: 1\n" });
    expect(
      readYaml(
        ("text" in decodeText(bytes("\ufeffa: 1\n")) &&
          (decodeText(bytes("\ufeffa: 1\n")) as { text: string }).text) ||
          "",
      ).data,
    ).toEqual({ a: 1 });
    expect(decodeText(bytes("\ufeffa: é\n", "utf16le"))).toEqual({ text: "a: é\n" });
    const be = Buffer.from("\ufeffa: 1\n", "utf16le").swap16();
    expect(decodeText(new Uint8Array(be))).toEqual({ text: "a: 1\n" });
  });

  it("names UTF-16 without a mark, binary files and other encodings, with the line", () => {
    const u16 = decodeText(bytes("a: 1\n", "utf16le"));
    expect("issue" in u16 && u16.issue.message).toMatch(/UTF-16/);
    const latin1 = decodeText(bytes("a: 1\nb: caf\xe9\n", "latin1"));
    expect("issue" in latin1 && latin1.issue.message).toMatch(/not valid UTF-8/);
    expect("issue" in latin1 && latin1.issue.line).toBe(2);
    const binary = decodeText(new Uint8Array([0x61, 0x0a, 0x62, 0x00, 0x01]));
    expect("issue" in binary && binary.issue.message).toMatch(/zero byte/);
    // Overlong forms and surrogates are not UTF-8.
    for (const seq of [
      [0xc0, 0x80],
      [0xed, 0xa0, 0x80],
      [0xf5, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
    ])
      expect("issue" in decodeText(new Uint8Array(seq))).toBe(true);
    expect(decodeText(bytes("€ 𝄞 ü"))).toEqual({ text: "€ 𝄞 ü" });
  });

  it("refuses a file larger than any scenario needs", () => {
    const big = decodeText(new Uint8Array(MAX_TEXT_BYTES + 1));
    expect("issue" in big && big.issue.message).toMatch(/larger than/);
  });
});

describe("readYaml", () => {
  it("turns every library failure into an issue with a line", () => {
    for (const text of ["a: *nope\n", "a: [*x]\n", "- a\n- *b\n", "a: 1\n---\nb: 2\n", "[".repeat(5000)]) {
      const y = readYaml(text);
      expect(y.data).toBeUndefined();
      expect(y.syntax.length).toBeGreaterThan(0);
      for (const i of y.syntax) expect(i.line).toBeGreaterThan(0);
    }
  });

  it("refuses prototype names at any depth, located at their line", () => {
    const y = readYaml("a:\n  b:\n    - __proto__: 1\n");
    expect(y.syntax[0]!.path).toBe("a.b[0].__proto__");
    expect(y.syntax[0]!.line).toBe(3);
    expect(readYaml('{"constructor": {"prototype": 1}}').syntax[0]!.path).toBe("constructor");
  });

  it("reads carriage returns alone as line ends", () => {
    expect(readYaml("a: 1\rb: 2\r").data).toEqual({ a: 1, b: 2 });
    expect(readYaml("a: 1\r\nb: 2\r\n").data).toEqual({ a: 1, b: 2 });
  });
});

describe("clip", () => {
  it("keeps short text and cuts long text, saying how much is left out", () => {
    expect(clip("abc", 5)).toBe("abc");
    expect(clip("x".repeat(10_000), 20)).toBe(`${"x".repeat(20)}... (9,980 more characters)`);
  });
});
