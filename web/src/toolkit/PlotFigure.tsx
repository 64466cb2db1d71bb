// A chart of the modeller's toolkit in the page: the SVG drawn by the same functions as the reports, sized to
// its box, with its title as caption, buttons to save it as SVG or PNG, and its data as a table for readers
// who cannot see it (the SVG also carries a title and description for screen readers).
import { type ReactNode, useMemo, useRef, useState } from "react";
import { useElementSize } from "../useElementSize.ts";
import { savePng, saveSvg } from "./download.ts";

interface Props {
  /** Draws the chart at a width, into the page's document. */
  draw: (width: number) => string;
  /** File name without extension for downloads. */
  file: string;
  /** The data as a table (or any text alternative). */
  alternative: ReactNode;
  testId?: string;
}

export function PlotFigure({ draw, file, alternative, testId }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementSize(box);
  const [error, setError] = useState<string | null>(null);
  // Charts are drawn for widths in steps of 10 px, so a resize does not redraw for every pixel.
  const w = Math.max(300, Math.floor(Math.min(width || 720, 960) / 10) * 10);
  const svg = useMemo(() => {
    try {
      return draw(w);
    } catch (e) {
      const text = (e instanceof Error ? e.message : String(e)).replace(
        /[&<>"]/g,
        (c) => `&#${c.charCodeAt(0)};`,
      );
      return `<p class="error">${text}</p>`;
    }
  }, [draw, w]);
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1] ?? file;
  return (
    <figure className="tk-figure" data-testid={testId}>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: the SVG is drawn by Plot from the API's numbers and labels, and Plot escapes every text it writes */}
      <div className="tk-chart" ref={box} dangerouslySetInnerHTML={{ __html: svg }} />
      <figcaption>
        <span className="tk-caption">{title.replace(/&amp;/g, "&")}</span>
        <span className="tk-actions">
          <button type="button" onClick={() => saveSvg(`${file}.svg`, svg)}>
            Save SVG
          </button>
          <button
            type="button"
            onClick={() => {
              setError(null);
              savePng(`${file}.png`, svg).catch((e: unknown) =>
                setError(e instanceof Error ? e.message : String(e)),
              );
            }}
          >
            Save PNG
          </button>
        </span>
      </figcaption>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <details className="tk-alt">
        <summary>The chart's figures as a table</summary>
        {alternative}
      </details>
    </figure>
  );
}
