// The About tab and footer: what the model is, how to read the charts, and where the API is documented.
import type { ScenarioDetail } from "../../src/server/contract.ts";
import { api } from "./api.ts";

export function About({ detail }: { detail: ScenarioDetail | null }) {
  return (
    <div className="about panel" data-testid="about-view">
      <h2>About this model</h2>
      <p>
        Apparat is an agent-based simulation of how administrative power becomes absolute power in a
        party-state. Leaders hold offices; whoever controls appointments places clients as regional
        secretaries; the secretaries' conferences send delegates to congresses, which elect the committee that
        elects the executive. On top of that the leaders form and break alliances, judging each other's power
        only as far as votes reveal it. Nothing in the data says who allies with whom or who wins: it all
        comes out of the mechanisms, and chance. Every number in the scenario carries a source and a range.
      </p>
      {detail && (
        <p>
          <b>This scenario:</b> {detail.scenario.title}. {detail.scenario.description}
        </p>
      )}
      <h3>How to read the dashboard</h3>
      <ul>
        <li>
          <b>Seed.</b> One seed is one roll of the dice: the same seed always gives exactly the same history.
          Try several seeds to see what is chance and what is structure.
        </li>
        <li>
          <b>Timeline.</b> Drag the slider or press Play; the narrative, the charts and the network all follow
          the week shown. Marks on the track are congresses (blue), deaths (black), removals (red) and the
          moment one leader meets the sole-leadership test (gold).
        </li>
        <li>
          <b>Power over time.</b> One line per leader, in the same colour everywhere. “Power” compares a
          leader's real strength (solid) with what his rivals believe it is (dashed): a gap means he is
          underestimated. The dashed vertical line is the week on the timeline.
        </li>
        <li>
          <b>Patronage network.</b> Big circles are leaders (bigger = more real power), small circles are
          regional party organisations (bigger = more members). A line joins a region to the leader its
          secretary answers to; the darker the line, the more of its delegates follow him.
        </li>
        <li>
          <b>Intervals.</b> Results over many runs come with a 95% interval: the range the true chance
          probably lies in, given the number of runs. More runs give narrower intervals.
        </li>
      </ul>
      <p>
        Programmers: the server's API is described in the <a href={api.openApiUrl}>OpenAPI document</a>.
      </p>
    </div>
  );
}
