/**
 * The report renderers on a made-up attribution: content and ranking follow the numbers, the answer changes
 * when the numbers do, the HTML is self-contained with its three charts, input text is escaped, and the same
 * input gives the same bytes.
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { makeInput, SPECS, type Spec } from "./fixture.test-helpers.ts";
import { renderHtml, renderMarkdown } from "./index.ts";

describe("markdown report", () => {
  const input = makeInput();
  const md = renderMarkdown(input);

  it("states the question and names every factor, ranked by Shapley value", () => {
    expect(md).toContain(input.question);
    const positions = input.factors.map((f) => md.indexOf(`| ${f.label.replace(/\|/g, "\\|")} |`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("prints values with their intervals, and escapes pipes inside table cells", () => {
    expect(md).toMatch(/\+38\.0 pp \[31\.0, 45\.0\]/);
    expect(md).toContain("Trotsky \\| Zinoviev \\| Kamenev");
  });

  it("lists each cited source exactly once in its sources section", () => {
    for (const s of input.sources) {
      expect(md.split("\n").filter((l) => l === `- **${s.key}**: ${s.citation}`)).toHaveLength(1);
    }
  });

  it("names in its short answer the factor that ranks first, whichever it is", () => {
    const answerOf = (text: string) => text.split("## Short answer")[1]!.split("\n## ")[0]!;
    expect(answerOf(md)).toMatch(/The General Secretary's control of appointments\*\* ranks first/);
    const swapped: Spec[] = SPECS.map(([id, label, value, half]) =>
      id === "general-secretary"
        ? [id, label, 0.22, half]
        : id === "opponents"
          ? [id, label, 0.38, half]
          : [id, label, value, half],
    );
    expect(answerOf(renderMarkdown(makeInput(swapped)))).toMatch(/Divided opponents.*\*\* ranks first/);
  });

  it("says when the top two cannot be told apart", () => {
    const close: Spec[] = SPECS.map(([id, label, value, half]) =>
      id === "opponents" ? [id, label, 0.36, half] : [id, label, value, half],
    );
    // 38 and 36 points, each inside the other's interval: a tie, never a ranking.
    const tiedText = renderMarkdown(makeInput(close));
    expect(tiedText).toMatch(/is tied first with \*\*Divided opponents/);
    expect(tiedText).not.toMatch(/ranks first/);
    expect(tiedText).toMatch(/\| =1 \| .*General Secretary/);
    expect(tiedText).toMatch(/\| =1 \| Divided opponents/);
    // Intervals that overlap without either value inside the other: first, but not settled.
    const apart: Spec[] = SPECS.map(([id, label, value, half]) =>
      id === "opponents"
        ? [id, label, 0.3, 0.02]
        : id === "general-secretary"
          ? [id, label, value, 0.07]
          : [id, label, value, half],
    );
    const overlapText = renderMarkdown(makeInput(apart));
    expect(overlapText).toMatch(/comes first/);
    expect(overlapText).toMatch(/not settled/);
    expect(md).not.toMatch(/not settled/);
  });

  it("gives the same bytes for the same input", () => {
    expect(renderMarkdown(makeInput())).toBe(md);
  });
});

describe("html report", () => {
  const input = makeInput();
  const html = renderHtml(input);
  const { document } = parseHTML(html);

  it("is one self-contained page with three charts and no external resources", () => {
    expect(document.querySelectorAll("svg").length).toBe(3);
    expect(document.querySelectorAll("script[src], link[href], img[src]").length).toBe(0);
    expect(html).not.toMatch(/(src|href)="https?:/);
    for (const svg of document.querySelectorAll("svg"))
      expect(svg.getAttribute("aria-label") ?? svg.querySelector("title")?.textContent).toBeTruthy();
  });

  it("escapes text from the input", () => {
    const evil = makeInput();
    evil.question = '<script>alert("x")</script>';
    evil.factors[0]!.label = "<img src=x onerror=alert(1)>";
    const out = renderHtml(evil);
    expect(out).not.toContain("<script>alert");
    expect(out).not.toContain("<img src=x");
    expect(out).toContain("&lt;script&gt;");
  });

  it("gives the same bytes for the same input", () => {
    expect(renderHtml(makeInput())).toBe(html);
  });
});
