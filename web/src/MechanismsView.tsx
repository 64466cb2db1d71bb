// The Mechanisms & sources tab: every mechanism of the model as the scenario configures it, with its
// parameters (value, range, source), the evidence passages behind it and the full citations.
import type { ScenarioDetail } from "../../src/server/contract.ts";
import { valueText } from "./format.ts";

export function MechanismsView({ detail }: { detail: ScenarioDetail }) {
  return (
    <div className="mechanisms" data-testid="mechanisms-view">
      <nav className="toc panel" aria-label="Mechanisms">
        <h2>Mechanisms</h2>
        <ul>
          {detail.mechanisms.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="link"
                onClick={() => {
                  document.getElementById(`mech-${m.id}`)?.scrollIntoView({ behavior: "smooth" });
                }}
              >
                {m.title}
              </button>{" "}
              <span className={`badge ${m.enabled ? "on" : "off"}`}>{m.enabled ? "on" : "off"}</span>
            </li>
          ))}
        </ul>
      </nav>
      <div className="mech-cards">
        {detail.mechanisms.map((m) => (
          <article key={m.id} id={`mech-${m.id}`} className="panel mech" data-mechanism={m.id}>
            <header className="panel-head">
              <h2>{m.title}</h2>
              <span className={`badge ${m.enabled ? "on" : "off"}`}>
                {m.enabled ? "switched on" : "switched off"}
              </span>
            </header>
            <p>{m.description}</p>
            <p className="muted small">
              Switch: <code>{m.switch}</code>
            </p>
            {m.parameters.length > 0 && (
              <table className="table">
                <thead>
                  <tr>
                    <th>Parameter</th>
                    <th>Value</th>
                    <th>Range</th>
                    <th>Source</th>
                  </tr>
                </thead>
                <tbody>
                  {m.parameters.map((p) => (
                    <tr key={p.name}>
                      <td>
                        <code>{p.name}</code>
                        {p.description && <div className="small muted">{p.description}</div>}
                        {p.note && <div className="small">{p.note}</div>}
                      </td>
                      <td className="num">{valueText(p.value)}</td>
                      <td className="num">
                        {p.range ? `${valueText(p.range[0])} – ${valueText(p.range[1])}` : "—"}
                      </td>
                      <td>{p.source ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {m.evidence.length > 0 && (
              <>
                <h3>Evidence</h3>
                <ul className="evidence">
                  {m.evidence.map((e) => (
                    <li key={`${e.source}:${e.note}`}>
                      <blockquote>{e.note}</blockquote>
                      <cite>
                        [{e.source}] {e.citation}
                      </cite>
                    </li>
                  ))}
                </ul>
              </>
            )}
            {m.sources.length > 0 && (
              <>
                <h3>Sources</h3>
                <ul className="sources small">
                  {m.sources.map((src) => (
                    <li key={src.key}>
                      <b>{src.key}</b>: {src.citation}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </article>
        ))}
      </div>
    </div>
  );
}
