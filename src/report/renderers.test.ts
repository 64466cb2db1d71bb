/**
 * Edge cases of the two renderers beyond the main report test: Markdown neutralises tags and backticks from
 * the input, prints each citation once and every combination; the HTML page links only within itself, keeps
 * its styles inline, and orders an unsorted input by Shapley value.
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { makeInput } from "./fixture.test-helpers.ts";
import { renderHtml, renderMarkdown } from "./index.ts";

describe("markdown edge cases", () => {
  it("prints each citation once, every combination, the method and the caveats", () => {
    const input = makeInput();
    const md = renderMarkdown(input);
    for (const s of input.sources) expect(md.split(s.citation)).toHaveLength(2);
    expect(input.combinations).toHaveLength(32);
    const table = md.split("## Every combination of factors")[1]!.split("\n## ")[0]!;
    expect(table.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Factors"))).toHaveLength(
      32,
    );
    expect(md).toContain("| all factors | 87.0 % [");
    expect(md).toContain("| none | 2.0 % [");
    expect(md).toContain("Experiment 17");
    expect(md).toContain("all 32 combinations");
    expect(md).toContain("Wilson");
    for (const c of input.caveats) expect(md).toContain(c);
  });

  it("neutralises HTML tags, line breaks and backticks from the input", () => {
    const input = makeInput();
    input.question = "Was it <script>alert(1)</script>\nor not?";
    input.factors[0]!.off = [{ path: "a`b", value: "x" }];
    const md = renderMarkdown(input);
    expect(md).not.toMatch(/(?<!\\)<\/?script/);
    expect(md).toContain("Was it \\<script>alert(1)\\</script> or not?");
    expect(md).toContain("``a`b``");
  });
});

describe("html edge cases", () => {
  const input = makeInput();
  const html = renderHtml(input);
  const { document } = parseHTML(html);

  it("links only to anchors within the page, and every anchor exists", () => {
    const hrefs = [...document.querySelectorAll("[href]")].map((a) => a.getAttribute("href")!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const h of hrefs) {
      expect(h.startsWith("#")).toBe(true);
      expect(document.getElementById(h.slice(1))).not.toBeNull();
    }
    expect(document.querySelectorAll("script, link, iframe, object, embed")).toHaveLength(0);
    expect(html).not.toMatch(/@import|url\(/);
  });

  it("has the question, the reading note, the ranked table and print styles", () => {
    expect(document.querySelector("title")?.textContent).toBe(input.title);
    expect(document.querySelector(".question")?.textContent).toBe(input.question);
    expect(document.querySelector("#how-to-read")?.textContent).toContain("every order");
    const rows = [...document.querySelectorAll("#ranking tbody tr")].map((r) => r.children[1]?.textContent);
    expect(rows).toEqual(input.factors.map((f) => f.label));
    expect(html).toContain("@media print");
  });

  it("orders an unsorted input by Shapley value", () => {
    const shuffled = { ...input, factors: [...input.factors].reverse() };
    expect(renderHtml(shuffled)).toBe(html);
    expect(renderMarkdown(shuffled)).toBe(renderMarkdown(input));
  });
});

describe("full references", () => {
  it("prints a source the bibliography knows as author, year, title and its link written out", () => {
    const input = makeInput();
    input.sources[0] = {
      key: input.sources[0]!.key,
      citation: "A. Historian (2001). A History. https://example.org/a-history",
      reference: {
        author: "A. Historian",
        title: "A History",
        year: 2001,
        url: "https://example.org/a-history",
      },
    };
    const { document } = parseHTML(renderHtml(input));
    const entry = document.querySelector("#sources dl dd")!;
    expect(entry.textContent).toBe("A. Historian (2001). A History. https://example.org/a-history");
    expect(entry.querySelector("cite")?.textContent).toBe("A History");
    // Written out, not linked: the page still links only within itself.
    expect(entry.querySelector("a")).toBeNull();
    expect(renderMarkdown(input)).toContain(
      `- **${input.sources[0]!.key}**: A. Historian (2001). A History. https://example.org/a-history`,
    );
  });
});
