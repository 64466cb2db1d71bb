/**
 * The factor-significance report as one self-contained HTML page for readers who are not modellers
 * (history teachers, students): the Markdown report's content plus its charts, with inline CSS and inline
 * SVG only, so the file can be mailed, opened offline and printed. Every piece of text from the input is
 * escaped, since it comes from user-written scenario and experiment files.
 */
import { closed, yearText } from "../bibliography/bibliography.ts";
import { renderCharts } from "./charts.ts";
import { essaySections } from "./essay.ts";
import {
  allSources,
  answer,
  estimateText,
  labelOf,
  methodLines,
  orderedCombinations,
  pp,
  ranked,
  readingNote,
  type Segment,
  shareOfEffectText,
  shareText,
  totalEffect,
  valueText,
} from "./format.ts";
import { rankLabels } from "./ties.ts";
import type { ReportInput, ReportSource } from "./types.ts";

/** Escapes text for HTML element content and quoted attribute values. */
function esc(s: string): string {
  return s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

function segments(parts: Segment[]): string {
  return parts.map((p) => (typeof p === "string" ? esc(p) : `<strong>${esc(p.strong)}</strong>`)).join("");
}

function table(head: string[], numeric: boolean[], rows: string[][], caption?: string): string {
  const cls = (i: number) => (numeric[i] ? ' class="num"' : "");
  return [
    "<table>",
    caption ? `<caption>${esc(caption)}</caption>` : "",
    `<thead><tr>${head.map((h, i) => `<th scope="col"${cls(i)}>${esc(h)}</th>`).join("")}</tr></thead>`,
    "<tbody>",
    ...rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join("")}</tr>`),
    "</tbody>",
    "</table>",
  ]
    .filter((x) => x !== "")
    .join("\n");
}

function figure(svg: string, caption: string): string {
  return `<figure>\n${svg}\n<figcaption>${esc(caption)}</figcaption>\n</figure>`;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #fff; color: #222; font: 16px/1.55 Georgia, "Times New Roman", serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 1rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.6rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 0.4rem; }
p, li { max-width: 46rem; }
.question { font-size: 1.15rem; font-style: italic; }
.answer { font-size: 1.08rem; background: #f3f6fa; border-left: 4px solid #3b6ea5; padding: 0.8rem 1rem; }
.note { background: #fbf8ef; border: 1px solid #e6dcc0; padding: 0.6rem 1rem; }
.note p { margin: 0.4rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.8rem 0 1.2rem; font: 0.92rem/1.4 system-ui, sans-serif; }
caption { text-align: left; font-weight: 600; padding-bottom: 0.3rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
th.num { white-space: normal; }
.table-scroll { overflow-x: auto; }
.table-scroll td { overflow-wrap: break-word; }
.table-scroll th { min-width: 8rem; }
figure { margin: 1rem 0 1.5rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { font: 0.88rem/1.4 system-ui, sans-serif; color: #555; margin-top: 0.3rem; }
code { font: 0.88em ui-monospace, Menlo, Consolas, monospace; background: #f2f2f2; padding: 0 0.2em; }
.src { font: 0.88em system-ui, sans-serif; color: #444; }
.muted { color: #555; }
dl.sources dt { font-weight: 600; font-family: system-ui, sans-serif; margin-top: 0.5rem; }
dl.sources dd { margin: 0 0 0 1.5rem; }
dl.sources .url { word-break: break-all; font-family: ui-monospace, monospace; font-size: 0.85em; }
@page { margin: 16mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .answer, .note, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; }
  figure, tr, .answer, .note { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * A source as a reference: author (year), the title in italics, where it appeared, and its link written out
 * (the report links only within itself, so it stays whole when saved or printed).
 */
function referenceHtml(s: ReportSource): string {
  const r = s.reference;
  if (!r) return esc(s.citation);
  const stop = closed(r.title).slice(r.title.length);
  const parts = [`${esc(r.author)} (${esc(yearText(r))}).`, `<cite>${esc(r.title)}</cite>${stop}`];
  if (r.in) parts.push(`In: ${esc(closed(r.in))}`);
  if (r.publisher) parts.push(esc(closed(r.publisher)));
  if (r.url) parts.push(`<span class="url">${esc(r.url)}</span>`);
  if (r.note) parts.push(`<span class="note">(${esc(r.note)})</span>`);
  return parts.join(" ");
}

/**
 * Renders the factor-significance report as a self-contained HTML page (inline CSS and SVG charts, no
 * scripts, fonts or external links). Deterministic: the same input gives the same bytes.
 *
 * @example
 * import { renderHtml } from "./report/index.ts";
 * writeFileSync("report.html", renderHtml(input));
 */
export function renderHtml(input: ReportInput): string {
  const factors = ranked(input);
  // A factor the runs cannot tell apart from the one above it shares its rank ("=1").
  const ranks = rankLabels(factors.map((f) => f.shapley));
  const n = input.factors.length;
  const charts = renderCharts(input);
  const sources = allSources(input);
  const sourceIndex = new Map(sources.map((s, i) => [s.key, i + 1]));
  const cite = (key: string) => {
    const i = sourceIndex.get(key);
    return i === undefined
      ? `<span class="src">[${esc(key)}]</span>`
      : `<a class="src" href="#source-${i}">[${esc(key)}]</a>`;
  };
  const b: string[] = [];

  b.push(
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(input.title)}</title>`,
    `<style>${CSS}</style>`,
    "</head>",
    "<body>",
    "<main>",
  );

  b.push(
    "<header>",
    `<h1>${esc(input.title)}</h1>`,
    `<p class="question">${esc(input.question)}</p>`,
    `<p class="muted">Measured as the chance of the outcome “${esc(input.measure)}” in the scenario “${esc(input.scenario.title)}” (<code>${esc(input.scenario.id)}</code>), over many simulated runs.</p>`,
    "</header>",
  );

  b.push(
    '<section id="answer">',
    "<h2>Short answer</h2>",
    `<p class="answer">${answer(input).map(segments).join(" ")}</p>`,
    "</section>",
  );

  for (const sec of essaySections(input))
    b.push(
      `<section id="${sec.id}">`,
      `<h2>${esc(sec.heading)}</h2>`,
      ...sec.paragraphs.map((p) => `<p>${segments(p)}</p>`),
      // Wide tables scroll sideways on a phone rather than widening the page.
      ...sec.tables.map(
        (t) =>
          `<div class="table-scroll">${table(
            t.head,
            t.numeric,
            t.rows.map((r) => r.map(esc)),
            t.caption,
          )}</div>`,
      ),
      "</section>",
    );

  b.push(
    '<section id="how-to-read">',
    "<h2>How to read this</h2>",
    `<div class="note">${readingNote(input)
      .map((s) => `<p>${esc(s)}</p>`)
      .join("\n")}</div>`,
    "</section>",
  );

  const sum = input.factors.reduce((s, f) => s + f.shapley.value, 0);
  b.push(
    '<section id="ranking">',
    "<h2>Factors ranked by Shapley value</h2>",
    figure(
      charts.shapley,
      "Bars: each factor's Shapley value in percentage points. Black lines: 95 % intervals. Vertical line: zero.",
    ),
    table(
      [
        "Rank",
        "Factor",
        "Shapley value [95 % interval]",
        "Share of effect",
        "Chance without it",
        "Chance with it alone",
      ],
      [true, false, true, true, true, true],
      factors.map((f, i) => [
        ranks[i]!,
        esc(f.label),
        esc(estimateText(f.shapley)),
        esc(shareOfEffectText(f.shareOfEffect)),
        esc(shareText(f.without)),
        esc(shareText(f.alone)),
      ]),
    ),
    `<p>All factors present (baseline): ${esc(shareText(input.baseline))}. None present: ${esc(shareText(input.none))}. The Shapley values add up to ${esc(pp(sum))} pp; baseline minus none present is ${esc(pp(totalEffect(input)))} pp.</p>`,
    "</section>",
  );

  b.push(
    '<section id="chances">',
    "<h2>The chance of the outcome with each factor removed</h2>",
    "<p>Removing one factor while keeping all the others shows what history might have looked like without it. This one-at-a-time view does not add up like the Shapley values do, because factors can reinforce or replace one another.</p>",
    figure(
      charts.chances,
      "Share of runs in which the outcome happened: with every factor (baseline), without each factor in turn, and with none. Black lines: 95 % intervals.",
    ),
    "</section>",
  );

  b.push('<section id="switches">', "<h2>What each factor switches off</h2>", "<ul>");
  for (const f of factors) {
    const items = f.off.map(
      (a) => `<li><code>${esc(a.path)}</code> set to <code>${esc(valueText(a.value))}</code></li>`,
    );
    b.push(
      `<li><strong>${esc(f.label)}</strong>${items.length === 0 ? ": no assignments" : `\n<ul>\n${items.join("\n")}\n</ul>`}</li>`,
    );
  }
  b.push("</ul>", "</section>");

  b.push('<section id="mechanisms">', "<h2>Mechanisms and sources</h2>");
  factors.forEach((f, i) => {
    b.push(`<h3>${i + 1}. ${esc(f.label)}</h3>`);
    if (f.description.trim()) b.push(`<p>${esc(f.description)}</p>`);
    if (f.mechanisms.length === 0) b.push("<p>No mechanisms recorded.</p>");
    else {
      b.push("<ul>");
      for (const m of f.mechanisms) {
        const ev = m.evidence.map((e) => `<li>${esc(e.note)} ${cite(e.source)}</li>`);
        b.push(
          `<li><strong>${esc(m.title)}</strong> <span class="muted">(<code>${esc(m.id)}</code>)</span>: ${esc(m.description)}${ev.length ? `\n<ul>\n${ev.join("\n")}\n</ul>` : ""}</li>`,
        );
      }
      b.push("</ul>");
    }
    if (f.sources.length > 0)
      b.push(`<p>Further sources: ${f.sources.map((s) => cite(s.key)).join(", ")}</p>`);
  });
  b.push("</section>");

  b.push(
    '<section id="combinations">',
    "<h2>Every combination of factors</h2>",
    "<p>The Shapley values are computed from these chances: the outcome's chance for every combination of factors present or absent.</p>",
    table(
      ["Factors present", "Chance [95 % interval]", "Runs"],
      [false, true, true],
      orderedCombinations(input).map((c) => {
        const names = c.present.map((id) => esc(labelOf(input, id))).join(", ");
        return [
          c.present.length === 0 ? "<em>none</em>" : c.present.length === n ? "<em>all factors</em>" : names,
          esc(shareText(c.chance)),
          String(c.chance.n),
        ];
      }),
    ),
    "</section>",
  );

  b.push(
    '<section id="outcomes">',
    "<h2>Outcomes in the baseline</h2>",
    figure(charts.outcomes, "How the runs with every factor present ended. Black lines: 95 % intervals."),
    table(
      ["Outcome", "Share of runs [95 % interval]", "Runs"],
      [false, true, true],
      input.outcomes.map((o) => [esc(o.label), esc(shareText(o.share)), String(o.share.n)]),
    ),
    "</section>",
  );

  b.push(
    '<section id="method">',
    "<h2>How it was computed</h2>",
    "<ul>",
    ...methodLines(input).map((l) => `<li>${esc(l)}</li>`),
    "</ul>",
    "</section>",
  );

  b.push(
    '<section id="caveats">',
    "<h2>Caveats</h2>",
    "<ul>",
    ...(input.caveats.length === 0
      ? ["<li>None recorded.</li>"]
      : input.caveats.map((c) => `<li>${esc(c)}</li>`)),
    "</ul>",
    "</section>",
  );

  b.push('<section id="sources">', "<h2>Sources</h2>");
  if (sources.length === 0) b.push("<p>None cited.</p>");
  else {
    b.push('<dl class="sources">');
    sources.forEach((s, i) => {
      b.push(`<dt id="source-${i + 1}">${esc(s.key)}</dt>`, `<dd>${referenceHtml(s)}</dd>`);
    });
    b.push("</dl>");
  }
  b.push("</section>", "</main>", "</body>", "</html>", "");
  return b.join("\n");
}
