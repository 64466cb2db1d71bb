/**
 * Bodies and votes. Every body that sits this tick takes up the motions tabled since its last session and
 * decides them by its members' votes (src/kernel/sessions.ts); the congress's business is taken up when it
 * meets (circular flow). Switched off, members who are bound to no side weigh only the line, standing and
 * files (no reading of who is winning, no personal fear, no coalition discipline), and there are no appeals
 * and no extraordinary sessions: the plain voting of the first versions.
 */
import { holdSession } from "../sessions.ts";
import { meetsNow } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

export const bodies: Mechanism = {
  id: "bodies",
  title: "Bodies and votes",
  description:
    "Bodies decide motions by their members' votes: patron, interest, line, fear of the files, and who seems to be winning; decisions can be appealed to the electing body, which can be convened early.",

  step(w) {
    for (let b = 0; b < w.sc.bodies.length; b++) {
      if (b !== w.sc.congress && meetsNow(w, b)) holdSession(w, b);
    }
  },
};
