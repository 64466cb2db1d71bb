/**
 * The factor-significance report as Markdown: a plain-text version that reads well in a repository, a
 * notebook or an e-mail, and diffs cleanly between experiments. It lays out figures already computed;
 * all history in it comes from the input.
 */

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
import type { ReportInput } from "./types.ts";

/** Text on one line, with anything that would open an HTML tag neutralised; edges kept as they are. */
function flat(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ").replace(/<(?=[A-Za-z/!?])/g, "\\<");
}

/** A whole field of input text on one line, trimmed. */
function inline(s: string): string {
  return flat(s).trim();
}

/** Text for a table cell: one line, pipes escaped so they do not split the cell. */
function cell(s: string): string {
  return inline(s).replace(/\|/g, "\\|");
}

/** An inline code span that survives backticks in the text. */
function code(s: string): string {
  const text = s.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function segments(parts: Segment[]): string {
  return parts.map((p) => (typeof p === "string" ? flat(p) : `**${inline(p.strong)}**`)).join("");
}

function table(head: string[], align: ("l" | "r")[], rows: string[][]): string[] {
  return [
    `| ${head.join(" | ")} |`,
    `|${align.map((a) => (a === "r" ? "---:" : "---")).join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

/**
 * Renders the factor-significance report as Markdown (GitHub-flavoured tables). Deterministic: the same
 * input gives the same text.
 *
 * @example
 * import { renderMarkdown } from "./report/index.ts";
 * writeFileSync("report.md", renderMarkdown(input));
 */
export function renderMarkdown(input: ReportInput): string {
  const factors = ranked(input);
  // A factor the runs cannot tell apart from the one above it shares its rank ("=1").
  const ranks = rankLabels(factors.map((f) => f.shapley));
  const n = input.factors.length;
  const out: string[] = [];

  out.push(`# ${inline(input.title)}`, "");
  out.push(`**Question:** ${inline(input.question)}`, "");
  out.push(
    `**Measured as:** the chance of the outcome “${inline(input.measure)}” in the scenario “${inline(input.scenario.title)}” (${code(input.scenario.id)}).`,
    "",
  );

  out.push("## Short answer", "");
  out.push(answer(input).map(segments).join(" "), "");

  for (const sec of essaySections(input)) {
    out.push(`## ${inline(sec.heading)}`, "");
    for (const para of sec.paragraphs) out.push(segments(para), "");
    for (const t of sec.tables)
      out.push(
        `**${inline(t.caption)}**`,
        "",
        ...table(
          t.head.map(cell),
          t.numeric.map((n) => (n ? "r" : "l")),
          t.rows.map((r) => r.map(cell)),
        ),
        "",
      );
  }

  out.push("## How to read this", "");
  out.push(readingNote(input).map(inline).join(" "), "");

  out.push("## Factors ranked by Shapley value", "");
  out.push(
    ...table(
      [
        "Rank",
        "Factor",
        "Shapley value [95 % interval]",
        "Share of effect",
        "Chance without it",
        "Chance with it alone",
      ],
      ["r", "l", "r", "r", "r", "r"],
      factors.map((f, i) => [
        ranks[i]!,
        cell(f.label),
        estimateText(f.shapley),
        shareOfEffectText(f.shareOfEffect),
        shareText(f.without),
        shareText(f.alone),
      ]),
    ),
    "",
  );
  const sum = input.factors.reduce((s, f) => s + f.shapley.value, 0);
  out.push(
    `All factors present (baseline): ${shareText(input.baseline)}. None present: ${shareText(input.none)}. ` +
      `The Shapley values add up to ${pp(sum)} pp; baseline minus none present is ${pp(totalEffect(input))} pp.`,
    "",
  );

  out.push("## What each factor switches off", "");
  for (const f of factors) {
    out.push(`- **${inline(f.label)}**${f.off.length === 0 ? ": no assignments" : ""}`);
    for (const a of f.off) out.push(`  - ${code(a.path)} set to ${code(valueText(a.value))}`);
  }
  out.push("");

  out.push("## Mechanisms and sources", "");
  factors.forEach((f, i) => {
    out.push(`### ${i + 1}. ${inline(f.label)}`, "");
    if (f.description.trim()) out.push(inline(f.description), "");
    for (const m of f.mechanisms) {
      out.push(`- **${inline(m.title)}** (${code(m.id)}): ${inline(m.description)}`);
      for (const e of m.evidence) out.push(`  - ${inline(e.note)} [${inline(e.source)}]`);
    }
    if (f.mechanisms.length === 0) out.push("- No mechanisms recorded.");
    if (f.sources.length > 0) {
      out.push("", `Further sources: ${f.sources.map((s) => `[${inline(s.key)}]`).join(", ")}`);
    }
    out.push("");
  });

  out.push("## Every combination of factors", "");
  out.push(
    ...table(
      ["Factors present", "Chance [95 % interval]", "Runs"],
      ["l", "r", "r"],
      orderedCombinations(input).map((c) => [
        c.present.length === 0
          ? "none"
          : c.present.length === n
            ? "all factors"
            : c.present.map((id) => cell(labelOf(input, id))).join(", "),
        shareText(c.chance),
        String(c.chance.n),
      ]),
    ),
    "",
  );

  out.push("## Outcomes in the baseline", "");
  out.push(
    ...table(
      ["Outcome", "Share of runs [95 % interval]", "Runs"],
      ["l", "r", "r"],
      input.outcomes.map((o) => [cell(o.label), shareText(o.share), String(o.share.n)]),
    ),
    "",
  );

  out.push("## How it was computed", "");
  for (const line of methodLines(input)) out.push(`- ${inline(line)}`);
  out.push("");

  out.push("## Caveats", "");
  if (input.caveats.length === 0) out.push("- None recorded.");
  for (const c of input.caveats) out.push(`- ${inline(c)}`);
  out.push("");

  out.push("## Sources", "");
  const sources = allSources(input);
  if (sources.length === 0) out.push("- None cited.");
  for (const s of sources) out.push(`- **${inline(s.key)}**: ${inline(s.citation)}`);
  out.push("");

  return out.join("\n");
}
