/**
 * Personnel files. Every official's file may hold something compromising; the card index adds compromising
 * facts to members' files over time. Who can use them depends on office (the files capability): a reader
 * among a motion's proposers frightens voters whose files hold something, compromised secretaries are easier
 * to replace, purges fall on compromised members once the platform's sympathisers are gone, and the reader
 * presses named officials outside his network into it.
 */
import { yearsPerTick } from "../calendar.ts";
import type { PatronChangeEvent } from "../events.ts";
import { FLOW_WEEKS } from "../influence.ts";
import { capability, followedLeader, strongestHolder } from "../power.ts";
import { inCommittee } from "../seats.ts";
import { emit, personId, type World } from "../world.ts";
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
    press(w, reader, dt);
  },
};

/**
 * The reader presses named officials who are not his men and whose files hold something: each goes over to
 * him with a chance per year of pressPerYear × his reach into the files × how compromising the file is.
 * Officials who hold a post or a seat are the ones worth pressing.
 */
function press(w: World, reader: number, dt: number): void {
  const rate = w.sc.params.files.pressPerYear;
  if (rate <= 0) return;
  const reach = capability(w, reader, "files");
  const rng = w.streams.get("files:press");
  w.people.forEach((q, i) => {
    if (w.sc.people[i]!.isLeader || !q.alive || q.rung > 0 || i === reader) return;
    if (q.patron === reader || followedLeader(w, i) === reader || q.kompromat <= 0) return;
    if (!inCommittee(w, i) && !w.officeHolder.includes(i)) return;
    if (!rng.chance(1 - Math.exp(-rate * reach * q.kompromat * dt))) return;
    const before = q.patron;
    q.patron = reader;
    emit<PatronChangeEvent>(w, {
      type: "patron-change",
      person: personId(w, i),
      from: before >= 0 ? personId(w, before) : null,
      to: personId(w, reader),
      cause: "pressure",
    });
  });
}
