// A cited source as a reader needs it: author (year), the title in italics, where it appeared, and a link,
// with the short key the data files use in brackets. Sources the bibliography lacks show their short text.
import { closed, type Reference } from "../../src/bibliography/bibliography.ts";

interface Source {
  key: string;
  citation: string;
  reference?: Reference | null;
}

export function ReferenceText({ source }: { source: Source }) {
  const r = source.reference;
  if (!r)
    return (
      <>
        <b>{source.key}</b>: {source.citation}
      </>
    );
  return (
    <span className="reference">
      {r.author} ({r.year ?? "n.d."}). <cite>{r.title}</cite>
      {closed(r.title).slice(r.title.length)}
      {r.in && <> In: {closed(r.in)}</>}
      {r.publisher && <> {closed(r.publisher)}</>}{" "}
      {r.url && (
        <a href={r.url} target="_blank" rel="noreferrer noopener">
          {r.url}
        </a>
      )}
      {r.note && <span className="muted"> ({r.note})</span>}{" "}
      <span className="source-key">[{source.key}]</span>
    </span>
  );
}
