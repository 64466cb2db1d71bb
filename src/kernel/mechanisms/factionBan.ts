/**
 * The ban on factions. Organising around a platform outside official channels is factionalism; the ruling
 * coalition, which sets the line, charges the platform's leaders. Charged leaders meet a hostile floor in
 * every vote and go down the ladder faster; the platform's rank-and-file sympathisers are expelled.
 */
import type { ChargeEvent } from "../events.ts";
import { emit, personId } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

export const factionBan: Mechanism = {
  id: "factionBan",
  title: "The ban on factions",
  description:
    "Platforms are factionalism: whoever sets the line charges their leaders, who then lose votes and fall faster; supporters are purged.",

  step(w) {
    // A platform issued this tick is answered with a charge, if a coalition holds the line.
    if (w.platformTick !== w.tick || w.ruling.length === 0) return;
    const against = w.platformLeaders.filter((i) => !w.people[i]!.charged && !w.ruling.includes(i));
    if (against.length === 0) return;
    for (const i of against) w.people[i]!.charged = true;
    const rng = w.streams.get("factionBan");
    let expelled = 0;
    for (let r = 0; r < w.regions.length; r++) {
      expelled += w.members.purge(
        r,
        Math.round(w.members.sympathisers(r) * w.sc.params.factionBan.purgeShare),
        rng,
      );
      w.members.demobilise(r, w.sc.params.factionBan.recantShare, rng);
    }
    w.left += expelled;
    emit<ChargeEvent>(w, {
      type: "factionalism-charge",
      by: w.ruling.map((i) => personId(w, i)),
      against: against.map((i) => personId(w, i)),
      expelled,
    });
  },
};
