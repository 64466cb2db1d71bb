// The About tab and footer: what the model is, how to read each chart (in plain words, for teachers and
// students), and where the API is documented. Names of bodies and offices come from the scenario's data.
import type { ScenarioDetail } from "../../src/server/contract.ts";
import { api } from "./api.ts";
import { bodyNames } from "./people.ts";

/** "the <office>" that holds the strongest appointment power in the scenario, or a generic phrase. */
function appointer(detail: ScenarioDetail | null): string {
  const offices = detail?.scenario.offices ?? [];
  // A capability is a number or an estimate with its value.
  const appoint = (o: (typeof offices)[number]) => {
    const c = o.capabilities.appoint;
    return c === undefined ? 0 : typeof c === "number" ? c : c.value;
  };
  const best = [...offices].sort((a, b) => appoint(b) - appoint(a))[0];
  return best && appoint(best) > 0 ? `the ${best.name}` : "the leader who holds appointment power";
}

export function About({ detail }: { detail: ScenarioDetail | null }) {
  const b = detail
    ? bodyNames(detail.scenario)
    : { committee: "Committee", executive: "Executive", congress: "Congress" };
  const who = appointer(detail);
  return (
    <div className="about panel" data-testid="about-view">
      <h2>About this model</h2>
      <p>
        Apparat is an agent-based simulation of how administrative power becomes absolute power in a
        party-state. Leaders hold offices; whoever controls appointments places clients as regional
        secretaries; the secretaries' conferences send delegates to congresses, which elect the committee that
        elects the executive. On top of that the leaders form and break alliances, judging each other's power
        only as far as votes reveal it. Nothing in the data says who allies with whom or who wins: it all
        comes out of the mechanisms, and chance. Every number in the scenario carries a source and a range
        (see the Mechanisms &amp; sources tab).
      </p>
      {detail && (
        <p>
          <b>This scenario:</b> {detail.scenario.title}. {detail.scenario.description}
        </p>
      )}
      <p className="about-note">
        Every history shown here is <b>one possible</b> course of events that the model produces, not a record
        of what happened. Compare it with the sources, and ask why it turned out the same or differently.
      </p>

      <h3>Replay: one history, week by week</h3>
      <dl className="about-list">
        <dt>Seed</dt>
        <dd>
          One seed is one roll of the dice: the same seed always gives exactly the same history. Try several
          seeds to see what is chance and what is structure.
        </dd>
        <dt>Timeline</dt>
        <dd>
          Drag the slider or press Play; the narrative, the charts and the network all follow the week shown.
          Marks on the track: <span className="mark-swatch mark-swatch-congress" /> congresses,{" "}
          <span className="mark-swatch mark-swatch-death" /> deaths,{" "}
          <span className="mark-swatch mark-swatch-removal" /> removals from office or the party, and{" "}
          <span className="mark-swatch mark-swatch-sole" /> the week one leader becomes sole leader (he rules
          without needing anyone's consent, no rival keeps a full seat in the {b.executive}, and his
          supporters hold majorities in the {b.executive} and the {b.committee}); a hollow mark{" "}
          <span className="mark-swatch mark-swatch-lapse" /> is a week he stops being sole leader. Under the
          slider, rings <span className="mark-swatch mark-swatch-record" /> mark the dates of the historical
          record (red rings: this run departs from it there). Click a mark to jump to it.
        </dd>
        <dt>What happened</dt>
        <dd>
          The narrative lists the events of this history in order. Events up to the week shown are in black,
          later ones in grey. Click an event to move the timeline to it. Entries marked “the historical
          record” (with a rule on their left) are what really happened, at their real dates, each with how
          this run compares: the same month, so many months earlier or later, or not at all. Above the
          timeline, one line says where this run first leaves the record. An event counts as close to the
          record within six months; events the scenario itself schedules (strokes, deaths, congresses) always
          are, so only the events the model must produce are counted.
        </dd>
        <dt>Power over time</dt>
        <dd>
          One line per leader, in the same colour in every chart. Pick what the lines measure:
          <ul>
            <li>
              <b>{b.committee} votes</b>: how many votes in the {b.committee} follow each leader. A majority
              there decides who sits in the {b.executive}.
            </li>
            <li>
              <b>{b.congress} delegates</b>: delegates expected to follow him at the next congress.
            </li>
            <li>
              <b>{b.executive} seat</b>: 2 = full member, 1 = candidate member (attends, without a full vote),
              0 = no seat. A fall to 0 means he has lost his seat.
            </li>
            <li>
              <b>Clients</b>: officials who owe him their post, and so are likely to vote with him.
            </li>
            <li>
              <b>Power</b>: his real strength (solid line) and what his rivals believe it is (dashed). Rivals
              see a leader's standing, but his machine of appointees only as far as votes have revealed it.
              When the dashed line sits below the solid one he is underestimated: his rivals do not see the
              danger and do not unite against him in time. Watch for this with {who}, whose machine grows out
              of sight.
            </li>
          </ul>
        </dd>
        <dt>Patronage network</dt>
        <dd>
          <ul>
            <li>
              <b>Small circles</b> are regional party organisations: the bigger the circle, the more party
              members in the region. It takes the colour of the leader its secretary answers to.
            </li>
            <li>
              <b>Big circles</b> are leaders: the bigger, the more real power.
            </li>
            <li>
              <b>Lines</b> join a region to its leader: the stronger the line, the more firmly the region's
              conference follows its secretary, and so the more of its delegates vote his way.
            </li>
            <li>
              <b>A grey leader with †</b> has died.
            </li>
            <li>
              <b>A grey region on a grey dashed line</b> has a secretary who answers to no leader; these
              regions gather in the corner marked “answering to no leader”.
            </li>
          </ul>
          Click a leader to pick out his regions; hover over any circle for details.
        </dd>
      </dl>

      <h3>Counterfactuals: what if?</h3>
      <dl className="about-list">
        <dt>Your changes</dt>
        <dd>
          Switch a mechanism off, remove or add chance to a scheduled event, change who holds an office at the
          start, or move a leader's traits within the range the sources allow.
        </dd>
        <dt>One history</dt>
        <dd>
          Runs the seed of the Replay tab twice, as in the scenario and with your changes, and shows both
          endings side by side. A single history can change by luck alone, so do not read too much into one.
        </dd>
        <dt>Many histories</dt>
        <dd>
          Runs many seeds on the server, each twice (with and without your changes, on the same seeds, so the
          same luck falls on both sides), and compares how often each ending happens. A difference then comes
          from your change, not from different luck.
        </dd>
        <dt>95% interval</dt>
        <dd>
          A share measured over a limited number of runs is not exact. The interval is the range in which the
          true share lies, with 95% confidence: if it is narrow, the result is firm; if it includes zero, the
          change may make no difference. More runs give narrower intervals.
        </dd>
      </dl>

      <h3>Experiments: how much did each factor matter?</h3>
      <dl className="about-list">
        <dt>Monte Carlo</dt>
        <dd>Many histories of the unchanged scenario: how often each ending happens, with 95% intervals.</dd>
        <dt>Factor attribution</dt>
        <dd>
          Runs the model with every combination of the factors present or removed. Each factor's{" "}
          <b>Shapley value</b> is how many points it adds to the chance of the outcome, averaged over every
          order in which the factors could be added, so the shares add up to the whole effect.
        </dd>
      </dl>

      <p className="muted small">
        Programmers: the server's API is described in the <a href={api.openApiUrl}>OpenAPI document</a>.
      </p>
    </div>
  );
}
