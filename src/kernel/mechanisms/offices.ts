/**
 * Offices as the scenario lays them out. Offices are created and abolished on their dates (a new office may
 * take over from those it succeeds: a split or a merger); scheduled resignations and transfers happen on
 * theirs; and at each session of the body that appoints to an office, a vacancy is filled by a vote on a
 * nominee: the strongest member of the leadership puts forward an eligible client, himself, an ally's client
 * or the eligible person nearest his line, and the body votes. Capabilities are read through power.ts. When
 * off, offices grant nothing and stay as they are.
 */
import { appointToOffice, eligible, nominee, strongestOf } from "../appointments.ts";
import type { OfficeChangeEvent, TransferEvent } from "../events.ts";
import { leadership } from "../players.ts";
import type { Sides } from "../votes.ts";
import { emitVote, vote } from "../votes.ts";
import { emit, meetsNow, personId, type World } from "../world.ts";
import type { Mechanism } from "./mechanism.ts";

/** Creates and abolishes offices whose dates have come: creations first, so a successor created on the day its
 * predecessor is abolished (a split or a merger) is taken over by the predecessor's holder. */
function lifecycle(w: World): void {
  w.sc.offices.forEach((o, k) => {
    if (o.fromTick === w.tick && w.tick > 0 && w.officeLive[k] === 0) {
      w.officeLive[k] = 1;
      // The holder of an office it succeeds takes it over, if he may hold it.
      let heir = -1;
      for (const from of o.inherits) {
        const h = w.officeHolder[from]!;
        if (h >= 0 && eligible(w, h, k)) {
          heir = h;
          break;
        }
      }
      if (heir < 0 && o.holder >= 0 && eligible(w, o.holder, k)) heir = o.holder;
      w.officeHolder[k] = heir;
      emit<OfficeChangeEvent>(w, {
        type: "office-created",
        office: o.id,
        person: heir >= 0 ? personId(w, heir) : null,
      });
    }
  });
  w.sc.offices.forEach((o, k) => {
    if (o.untilTick === w.tick && w.officeLive[k] === 1) {
      const holder = w.officeHolder[k]!;
      w.officeLive[k] = 0;
      w.officeHolder[k] = -1;
      emit<OfficeChangeEvent>(w, {
        type: "office-abolished",
        office: o.id,
        person: holder >= 0 ? personId(w, holder) : null,
      });
    }
  });
}

/** Scheduled resignations and transfers. */
function transfers(w: World): void {
  w.sc.transfers.forEach((t, k) => {
    if (w.transferTicks[k] !== w.tick || w.officeLive[t.office] === 0) return;
    const from = w.officeHolder[t.office]!;
    const to = t.to >= 0 && w.people[t.to]!.alive ? t.to : -1;
    if (from >= 0) w.barred[t.office]!.push(from);
    w.officeHolder[t.office] = to;
    emit<TransferEvent>(w, {
      type: "transfer",
      office: w.sc.offices[t.office]!.id,
      from: from >= 0 ? personId(w, from) : null,
      to: to >= 0 ? personId(w, to) : null,
      label: t.label,
    });
  });
}

/** Fills the vacancies of offices this body appoints to, by a vote on each nominee. */
function fillVacancies(w: World, body: number): void {
  const leaders = leadership(w);
  if (leaders.length === 0) return;
  // The chooser is worked out at the first vacancy (before any appointment): most sessions have none.
  let chooser = -2;
  const rng = w.streams.get("offices:votes");
  w.sc.offices.forEach((o, k) => {
    if (o.appointedBy !== body || w.officeLive[k] === 0 || w.officeHolder[k]! >= 0) return;
    if (chooser === -2) chooser = strongestOf(w, leaders);
    const person = nominee(w, chooser, k, leaders);
    if (person < 0) return;
    const sides: Sides = { sponsors: leaders, target: -1, opponents: w.opposition };
    const outcome = vote(w, rng, body, sides);
    emitVote(w, body, `appoint:${o.id}`, person, outcome, leaders);
    if (outcome.passed) appointToOffice(w, k, person, chooser, body);
  });
}

export const offices: Mechanism = {
  id: "offices",
  title: "Offices and bodies",
  description:
    "Offices grant capabilities (appoint, agenda, files, inspect, papers, press, force) that combine across posts; offices are created, abolished and transferred on their dates, and vacancies are filled by a vote of the appointing body among eligible candidates.",

  step(w) {
    lifecycle(w);
    transfers(w);
    for (let b = 0; b < w.sc.bodies.length; b++) if (meetsNow(w, b)) fillVacancies(w, b);
  },
};
