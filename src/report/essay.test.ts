/** The essay part of the report: answers built from the figures, and the sections in both renderers. */
import { describe, expect, it } from "vitest";
import { essayAnswerText, essaySections } from "./essay.ts";
import { makeEssay, makeInput } from "./fixture.test-helpers.ts";
import { renderHtml, renderMarkdown } from "./index.ts";

const withEssay = (runs?: number) => {
  const input = makeInput();
  input.essay = makeEssay(runs);
  return input;
};

describe("the essay answers", () => {
  const text = essayAnswerText(withEssay())!;

  it("answer the post question with the plain what-if, the Shapley value and both groupings", () => {
    expect(text.post).toMatch(
      /^How significant was the General Secretary's post\? In this model, Stalin became sole leader/,
    );
    expect(text.post).toContain("With the General Secretaryship given to Zinoviev, he did in 0.0 %");
    expect(text.post).toContain("a change of -77.5 points [-83.3, -71.7]");
    expect(text.post).toContain("Zinoviev ended the run sole leader in 65.0 %");
    expect(text.post).toContain("the post, not the man");
    expect(text.post).toContain(
      "the factor “The General Secretary's control of appointments” adds +38.0 points [31.0, 45.0]",
    );
    expect(text.post).toContain(
      "with the circular flow counted as the post's power, the same factor adds +27.6 points [23.9, 31.3]: first, though its interval overlaps the next factor's.",
    );
    expect(text.post).toContain("of the 5 factors, first, clearly ahead of the next factor.");
  });

  it("answer the jobs question with the chain's figures and the per-post what-ifs", () => {
    expect(text.jobs).toContain(
      "Before the first congress of the run (April 1923), Stalin's posts made 6.5 appointments",
    );
    expect(text.jobs).toContain("55.0 % of the regional secretaries were his clients");
    expect(text.jobs).toContain("13.0 % of the delegates");
    expect(text.jobs).toContain("By the 3rd congress (December 1925)");
    expect(text.jobs).toContain(
      "giving away the General Secretary's post changes his chance by -77.5 points",
    );
    expect(text.jobs).toContain("none of them distinguishable from no change");
    expect(text.jobs).toContain("through one of them: the appointing post");
  });

  it("do not claim the post carried the outcome when the what-if cannot be told from no change", () => {
    const input = withEssay();
    input.essay!.whatIfs.items[0]!.effect = { value: -0.05, lo: -0.2, hi: 0.1 };
    const t = essayAnswerText(input)!;
    expect(t.post).toContain("the runs cannot tell this change from none");
    expect(t.post).not.toContain("the post, not the man");
    expect(t.jobs).not.toContain("through one of them");
  });

  it("state a tie in the grouping comparison as a tie", () => {
    const input = withEssay();
    input.essay!.groupings[0]!.factors[1]!.shapley = { value: 0.27, lo: 0.235, hi: 0.305 };
    expect(essayAnswerText(input)!.post).toMatch(
      /the same factor adds \+27\.6 points \[23\.9, 31\.3\]: tied first with divided opponents/i,
    );
  });

  it("warn when the runs are fewer than the minimum", () => {
    const input = withEssay(10);
    input.experiment.replicates = 10;
    const md = renderMarkdown(input);
    expect(md).toContain("Warning: only 10 runs per combination, fewer than 30.");
    expect(md).toContain("Warning: only 10 runs per what-if");
    expect(renderMarkdown(withEssay())).not.toContain("Warning: only");
  });

  it("are absent without an essay part", () => {
    expect(essaySections(makeInput())).toEqual([]);
    expect(essayAnswerText(makeInput())).toBeNull();
    expect(renderMarkdown(makeInput())).not.toContain("Per-post what-ifs");
  });
});

describe("the essay sections in the renderers", () => {
  const input = withEssay();
  const md = renderMarkdown(input);
  const html = renderHtml(input);

  it("Markdown has the answers, the what-ifs, the chain, the groupings and the limits", () => {
    for (const h of [
      "## The essay questions, answered from the runs",
      "## Per-post what-ifs",
      "## The chain from appointments to removals, congress by congress",
      "## How the answer depends on grouping",
      "## What the report cannot measure",
    ])
      expect(md).toContain(h);
    expect(md).toMatch(
      /\| the General Secretaryship given to Zinoviev \| .* \| offices\.general-secretary\.holder=zinoviev \| 0\.0 % \[/,
    );
    expect(md).toMatch(/\| 1st \(April 1923\) \| 400 \| 6\.5 \[6\.1, 6\.9\] \|/);
    expect(md).toMatch(
      /\| The General Secretary's control of appointments \| \+38\.0 pp \[31\.0, 45\.0\] \(rank 1\) \| \+27\.6 pp \[23\.9, 31\.3\] \(rank 1\) \|/,
    );
  });

  it("HTML has the same sections, escaped", () => {
    for (const id of ["essay-answers", "per-post", "chain", "grouping", "not-measured"])
      expect(html).toContain(`<section id="${id}">`);
    expect(html).toContain("the General Secretary&#39;s post changes his chance by <strong>-77.5 points");
    expect(html).not.toMatch(/<td>[^<]*'[^<]*<\/td>/);
  });
});
