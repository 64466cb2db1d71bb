/**
 * Personnel files. Every official's file may hold something compromising; the card index adds compromising
 * facts to members' files over time. Who can use them depends on office (the files capability): a reader
 * among a motion's proposers turns uncommitted votes, compromised secretaries are easier to replace, and
 * purges fall on compromised members once the platform's sympathisers are gone.
 */
import { yearsPerTick } from "../calendar.ts";
import { FLOW_WEEKS } from "../influence.ts";
import { capability, strongestHolder } from "../power.ts";
import type { Mechanism } from "./mechanism.ts";

export const files: Mechanism = {
  id: "files",
  title: "Personnel files",
  description:
    "Dossiers with compromising facts: whoever may read them can coerce votes, ease out secretaries and aim purges.",

  setup(w) {
    const rng = w.streams.get("files:setup");
    const share = w.sc.params.files.compromisedShare;
    for (const p of w.people) p.kompromat = Math.min(1, rng.float() * 2 * share);
  },

  step(w) {
    const every = Math.max(1, Math.round((FLOW_WEEKS * 7) / w.sc.clock.tickDays));
    if (w.tick % every !== 0) return;
    const reader = strongestHolder(w, "files");
    if (reader < 0) return;
    const rng = w.streams.get("files");
    const dt = every * yearsPerTick(w.sc.clock);
    const p = 1 - Math.exp(-w.sc.params.files.compilePerYear * capability(w, reader, "files") * dt);
    for (let r = 0; r < w.regions.length; r++) w.members.compile(r, p, rng);
  },
};
