import { describe, expect, it } from "vitest";
import {
  BibliographyError,
  citeKeys,
  formatReference,
  parseBibliography,
  splitKeys,
} from "./bibliography.ts";

const file = (refs: string) => `schemaVersion: 1
scenario: s
references:
${refs}`;

describe("bibliography files", () => {
  it("formats a reference with author, year, title, where it appeared, publisher, link and note", () => {
    const bib = parseBibliography(
      file(`  K:
    author: "A. Author"
    title: "A Title"
    in: "A Journal 3"
    publisher: "A Press"
    year: 2001
    url: "https://example.org/a"
    note: "read twice"
  N:
    author: "Somebody"
    title: "Undated page"
`),
    );
    expect(formatReference(bib.references.K!)).toBe(
      "A. Author (2001). A Title. In: A Journal 3. A Press. https://example.org/a (read twice)",
    );
    expect(formatReference(bib.references.N!)).toBe("Somebody (n.d.). Undated page.");
  });

  it("names line and field of a missing title or a link that is not http(s)", () => {
    const bad = () =>
      parseBibliography(
        file(`  K:
    author: "A"
    url: "ftp://example.org"
`),
        "b.yaml",
      );
    expect(bad).toThrow(BibliographyError);
    expect(bad).toThrow(/b\.yaml:6:\d+ {2}references\.K\.url: must be an http\(s\) link/);
    expect(bad).toThrow(/references\.K\.title/);
  });

  it("resolves keys to full references, falling back to the short citation for a key it lacks", () => {
    const bib = parseBibliography(file(`  K: { author: "A", title: "T", year: 1999 }\n`));
    const cited = citeKeys(splitKeys("K; X; K"), bib, (k) => `short ${k}`);
    expect(cited).toEqual([
      { key: "K", citation: "A (1999). T.", reference: { author: "A", title: "T", year: 1999 } },
      { key: "X", citation: "short X", reference: null },
    ]);
  });
});
