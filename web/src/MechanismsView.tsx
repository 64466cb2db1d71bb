// The Mechanisms & sources tab: an overview of every mechanism of the model as the scenario configures it
// (title, on/off, what it does), then one collapsible section per mechanism with its parameters (value, range,
// source), the evidence passages behind it and the full citations. Sections start closed; the overview opens
// one and scrolls to it, and two buttons open or close them all.
import { useState } from "react";
import type { Reference } from "../../src/bibliography/bibliography.ts";
import type { ScenarioDetail } from "../../src/server/contract.ts";
import { valueText } from "./format.ts";
import { ReferenceText } from "./ReferenceText.tsx";

type Mechanism = ScenarioDetail["mechanisms"][number];

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function counts(m: Mechanism): string {
  return [
    plural(m.parameters.length, "parameter", "parameters"),
    plural(m.evidence.length, "passage", "passages"),
    plural(m.sources.length, "source", "sources"),
  ].join(" · ");
}

export function MechanismsView({ detail }: { detail: ScenarioDetail }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set());
  const all = detail.mechanisms;
  const setOne = (id: string, isOpen: boolean) =>
    setOpen((prev) => {
      if (prev.has(id) === isOpen) return prev;
      const next = new Set(prev);
      if (isOpen) next.add(id);
      else next.delete(id);
      return next;
    });
  const show = (id: string) => {
    setOne(id, true);
    // Scroll once the section has opened.
    requestAnimationFrame(() => {
      document.getElementById(`mech-${id}`)?.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  };
  const on = all.filter((m) => m.enabled).length;

  return (
    <div className="mechanisms" data-testid="mechanisms-view">
      <section className="panel mech-overview" aria-labelledby="mech-overview-title">
        <header className="panel-head">
          <h2 id="mech-overview-title">Mechanisms &amp; sources</h2>
          <span className="muted small">
            {on} of {all.length} switched on
          </span>
        </header>
        <p className="small">
          The model is built from these mechanisms. Each one names the historical process it stands for, the
          numbers it uses (every number with a plausible range and a source) and the passages from the sources
          that support it. Click a title to open its details; switch mechanisms off on the Counterfactuals tab
          to see what the history looks like without them.
        </p>
        <div className="table-scroll">
          <table className="table mech-index">
            <thead>
              <tr>
                <th>Mechanism</th>
                <th>Status</th>
                <th>What it does</th>
              </tr>
            </thead>
            <tbody>
              {all.map((m) => (
                <tr key={m.id}>
                  <td className="mech-index-title">
                    <button type="button" className="link" onClick={() => show(m.id)}>
                      {m.title}
                    </button>
                  </td>
                  <td>
                    <span className={`badge ${m.enabled ? "on" : "off"}`}>{m.enabled ? "on" : "off"}</span>
                  </td>
                  <td className="small">{m.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <div className="mech-toolbar">
        <button type="button" onClick={() => setOpen(new Set(all.map((m) => m.id)))}>
          Expand all
        </button>
        <button type="button" onClick={() => setOpen(new Set())}>
          Collapse all
        </button>
        <span className="muted small">Parameters, evidence and sources of each mechanism</span>
      </div>

      <div className="mech-cards">
        {all.map((m) => (
          <details
            key={m.id}
            id={`mech-${m.id}`}
            className="panel mech"
            data-mechanism={m.id}
            open={open.has(m.id)}
            onToggle={(e) => setOne(m.id, e.currentTarget.open)}
          >
            <summary>
              <h3 className="mech-title">{m.title}</h3>
              <span className={`badge ${m.enabled ? "on" : "off"}`}>
                {m.enabled ? "switched on" : "switched off"}
              </span>
              <span className="muted small mech-counts">{counts(m)}</span>
            </summary>
            <div className="mech-body">
              <p>{m.description}</p>
              <p className="muted small">
                Switch: <code>{m.switch}</code>
              </p>
              {m.parameters.length > 0 && (
                <>
                  <h4>Parameters</h4>
                  <div className="table-scroll">
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
                            <td>
                              <SourceKeys source={p.source} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              )}
              {m.evidence.length > 0 && (
                <>
                  <h4>Evidence</h4>
                  <ul className="evidence">
                    {m.evidence.map((e) => (
                      <li key={`${e.source}:${e.note}`}>
                        <blockquote>{e.note}</blockquote>
                        <cite>
                          <SourceKeys source={e.source} /> {e.citation}
                        </cite>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {m.sources.length > 0 && (
                <>
                  <h4>Sources</h4>
                  <ul className="sources small">
                    {m.sources.map((src) => (
                      <li key={src.key} data-source={src.key}>
                        <ReferenceText source={src} />
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </div>
          </details>
        ))}
      </div>

      {detail.bibliography && <BibliographyList references={detail.bibliography.references} />}
    </div>
  );
}

/** Source keys as links to their entries in the bibliography below. */
function SourceKeys({ source }: { source: string | null }) {
  const keys = (source ?? "")
    .split(";")
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0) return <>—</>;
  return (
    <>
      {keys.map((k, i) => (
        <span key={k}>
          {i > 0 && "; "}
          <a href={`#ref-${k}`} className="source-link">
            {k}
          </a>
        </span>
      ))}
    </>
  );
}

/** Every reference of the scenario, by key: what the short keys above stand for. */
function BibliographyList({ references }: { references: Record<string, Reference> }) {
  const keys = Object.keys(references).sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" }));
  return (
    <section className="panel bibliography" aria-labelledby="bibliography-title" data-testid="bibliography">
      <header className="panel-head">
        <h2 id="bibliography-title">Bibliography</h2>
        <span className="muted small">{keys.length} sources</span>
      </header>
      <p className="small">
        Every source the scenario, its factors, its targets and its historical record cite, by the short key
        used above.
      </p>
      <ol className="bibliography-list small">
        {keys.map((k) => (
          <li key={k} id={`ref-${k}`}>
            <ReferenceText source={{ key: k, citation: "", reference: references[k] }} />
          </li>
        ))}
      </ol>
    </section>
  );
}
