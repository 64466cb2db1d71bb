/** Plain-text rendering of a game for `apparat play`: the status panel, the menu, the end screen. */
import type { Choice } from "../kernel/decisions/legal.ts";
import type { LeaderView } from "../kernel/decisions/view.ts";

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** What the leader knows at his turn, in a few lines. */
export function panelText(v: LeaderView): string[] {
  const lines = [
    `── ${v.date} · ${v.name} ${"─".repeat(Math.max(0, 60 - v.name.length - v.date.length))}`,
    `Offices: ${v.offices.join(", ") || "none"}`,
    `Seats: ${v.seats.join(", ") || "none"}${v.rung > 0 ? ` · pushed ${v.rung} step(s) down the ladder` : ""}`,
    `Votes you can count on: ${v.committeeVotes.yours} of ${v.committeeVotes.total} in the committee, ${v.topBody.yours} of ${v.topBody.total} in the top body`,
    `Your power as you read it: ${pct(v.perceived)}${v.inRuling ? " · in the ruling coalition" : ""}`,
    `Allies: ${v.allies.join(", ") || "none"}${v.backers.length ? ` · backed by ${v.backers.join(", ")}` : ""}`,
    `Threats: ${v.threats.join("; ") || "no motion against you"}`,
    "Rivals as you read them:",
    ...v.rivals
      .filter((r) => r.perceived >= 0.005 || r.ruling)
      .map(
        (r) =>
          `  ${r.name.padEnd(24)} ${pct(r.perceived).padStart(4)}${r.ruling ? "  ruling" : ""}${
            r.rung > 0 ? `  ${r.rung} step(s) down` : ""
          }${r.dossier !== null ? `  file ${pct(r.dossier)} compromising` : ""}${r.backs ? `  backs ${r.backs}` : ""}`,
      ),
    `Coming: ${
      v.meetings
        .slice(0, 6)
        .map((m) => `${m.body} ${m.date}${m.extraordinary ? " (extraordinary)" : ""}`)
        .join("; ") || "no session in the next three months"
    }`,
  ];
  if (v.papers)
    lines.push(`${v.papers} controls the papers: what votes reveal of his machine reaches you slowly.`);
  if (!v.files) lines.push("Your offices do not reach the personnel files: you see no dossiers.");
  return lines;
}

/** The numbered menu: label, odds as he reads them, and the one-line explanation. */
export function menuText(choices: Choice[]): string[] {
  return choices.flatMap((c, k) => [
    `${String(k + 1).padStart(2)}. ${c.label}${c.odds !== null ? `  [${pct(c.odds)}]` : ""}`,
    `      ${c.explain}`,
  ]);
}

export const HELP = [
  "Type the number of an action, or:",
  "  help         this text",
  "  save FILE    save the game (scenario, seed, leader and your moves) as JSON",
  "  load FILE    load a saved game: its moves are replayed to the same state",
  "  quit         end the game now (the end screen shows the real state)",
  "Your action holds for the coming politics round (four weeks in the shipped scenarios). Odds in brackets",
  "are as you read them: for a motion, the share of the body's votes you count on; for an alliance, the share",
  "of partners who would gain by it. Rivals' strength is what votes have shown you, not the truth.",
];
