/**
 * The charts: Plot draws them in Node through linkedom, each is labelled for screen readers, shows every
 * factor in rank order, and the same input always gives the same bytes (no counters or random ids).
 */
import { parseHTML } from "linkedom";
import { describe, expect, it } from "vitest";
import { chanceChart, outcomeChart, renderCharts, shapleyChart, wrapLabel } from "./charts.ts";
import { makeInput } from "./fixture.test-helpers.ts";

const svgOf = (text: string) => {
  const { document } = parseHTML(`<!doctype html><html><body>${text}</body></html>`);
  const svg = document.querySelector("svg");
  if (!svg) throw new Error("no svg");
  return svg;
};

describe("report charts", () => {
  const input = makeInput();
  const charts = renderCharts(input);

  it("are SVG with a title, a description and an aria-label", () => {
    for (const text of Object.values(charts)) {
      expect(text.startsWith("<svg")).toBe(true);
      const svg = svgOf(text);
      expect(svg.getAttribute("role")).toBe("img");
      expect(svg.getAttribute("aria-label")).toBeTruthy();
      expect(svg.querySelector("title")?.textContent).toBe(svg.getAttribute("aria-label"));
      expect(svg.querySelector("desc")?.textContent).toBeTruthy();
    }
  });

  it("draw the Shapley values in rank order, with an interval rule and figures for each factor", () => {
    const svg = svgOf(charts.shapley);
    expect(svg.querySelectorAll("rect")).toHaveLength(input.factors.length);
    const labels = [...svg.querySelectorAll('[aria-label="y-axis tick label"] text')].map(
      (t) => [...t.querySelectorAll("tspan")].map((s) => s.textContent).join(" ") || t.textContent,
    );
    expect(labels).toEqual(input.factors.map((f) => wrapLabel(f.label).join(" ")));
    expect(charts.shapley).toContain("+38.0 [31.0, 45.0]");
    expect(charts.shapley).toContain("+3.0 [-2.0, 8.0]");
  });

  it("draw the baseline, each factor removed and none present, and every outcome", () => {
    expect(svgOf(charts.chances).querySelectorAll("rect")).toHaveLength(input.factors.length + 2);
    expect(charts.chances).toContain("All factors (baseline)");
    expect(charts.chances).toContain("None of the factors");
    expect(svgOf(charts.outcomes).querySelectorAll("rect")).toHaveLength(input.outcomes.length);
    expect(charts.outcomes).toContain("collective leadership");
  });

  it("give the same bytes for the same input, whatever was drawn before", () => {
    expect(shapleyChart(makeInput())).toBe(charts.shapley);
    expect(chanceChart(makeInput())).toBe(charts.chances);
    expect(outcomeChart(makeInput())).toBe(charts.outcomes);
    expect(charts.shapley).not.toMatch(/id="/);
  });

  it("escape text from the input", () => {
    const evil = makeInput();
    evil.factors[0]!.label = '<script>alert("x")</script>';
    const text = shapleyChart(evil);
    expect(text).not.toContain("<script");
    expect(text).toContain("&lt;script");
  });

  it("still draw with no factors and no outcomes", () => {
    const empty = { ...makeInput(), factors: [], combinations: [], outcomes: [] };
    const c = renderCharts(empty);
    expect(svgOf(c.shapley).querySelectorAll("rect")).toHaveLength(0);
    expect(svgOf(c.chances).querySelectorAll("rect")).toHaveLength(2);
  });
});

describe("wrapLabel", () => {
  it("keeps short labels on one line", () => {
    expect(wrapLabel("Short label")).toEqual(["Short label"]);
  });

  it("breaks long labels at a space into two lines and cuts the rest with an ellipsis", () => {
    expect(wrapLabel("one two three four", 10)).toEqual(["one two", "three four"]);
    const [a, b] = wrapLabel("aaaa bbbb cccc dddd eeee ffff", 10);
    expect(a).toBe("aaaa bbbb");
    expect(b!.endsWith("…")).toBe(true);
    expect(b!.length).toBeLessThanOrEqual(10);
  });
});
