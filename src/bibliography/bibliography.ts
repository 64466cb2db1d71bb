/**
 * Full references behind a scenario's source keys: a data file per scenario
 * (`bibliography/<scenario-id>.yaml`) says what each short key stands for, so scenario, factor, target and
 * record files can go on citing keys. Pure: the Node side reads the file, the dashboard gets it parsed.
 */
import { z } from "zod";
import { DataFileError, schemaIssue } from "../scenario/fileError.ts";
import { isMapping, type LocatedIssue, readYaml } from "../scenario/yamlText.ts";

/** Version of the bibliography file format. */
export const BIBLIOGRAPHY_SCHEMA_VERSION = 1;

export const referenceSchema = z.strictObject({
  author: z.string().min(1, "must name an author, an editor or the body that published it"),
  title: z.string().min(1, "must give the title"),
  in: z.string().min(1).optional().describe("the work, site or newspaper that holds it"),
  publisher: z.string().min(1).optional(),
  year: z.union([z.number().int(), z.string().min(1)]).optional(),
  url: z.url({ protocol: /^https?$/, message: "must be an http(s) link" }).optional(),
  note: z.string().min(1).optional(),
});
export type Reference = z.infer<typeof referenceSchema>;

export const bibliographyFileSchema = z.strictObject({
  schemaVersion: z.literal(BIBLIOGRAPHY_SCHEMA_VERSION, {
    message: `must be ${BIBLIOGRAPHY_SCHEMA_VERSION} (the bibliography format this Apparat reads)`,
  }),
  scenario: z.string().min(1),
  references: z.record(z.string().min(1), referenceSchema),
});
export type Bibliography = z.infer<typeof bibliographyFileSchema>;

/** Thrown when a bibliography file cannot be used; its message lists every issue with file, line and field. */
export class BibliographyError extends DataFileError {
  constructor(file: string, issues: LocatedIssue[], headline?: string) {
    super("bibliography file", file, issues, headline);
    this.name = "BibliographyError";
  }
}

/**
 * Parses and checks a bibliography file (YAML or JSON).
 *
 * @example
 * const bib = parseBibliography(readFileSync(path, "utf8"), path);
 * formatReference(bib.references["W-Test"]!);
 */
export function parseBibliography(text: string, file = "<bibliography>"): Bibliography {
  const yaml = readYaml(text);
  if (yaml.syntax.length > 0) throw new BibliographyError(file, yaml.syntax);
  if (!isMapping(yaml.data))
    throw new BibliographyError(file, [{ path: "", message: "the file must hold one object (a mapping)" }]);
  const result = bibliographyFileSchema.safeParse(yaml.data);
  if (!result.success)
    throw new BibliographyError(
      file,
      result.error.issues.map(schemaIssue).map(({ path, message }) => yaml.locate(path, message)),
    );
  return result.data;
}

/** Text closed with a full stop, unless it already ends in one, a question or an exclamation mark. */
export const closed = (text: string): string => (/[.?!]$/.test(text) ? text : `${text}.`);

/** The year as printed: the year given, or "n.d." (no date) where the source gives none. */
export const yearText = (r: Reference): string => (r.year === undefined ? "n.d." : String(r.year));

/**
 * One reference as a line of plain text: author (year), title, where it appeared, publisher, link, note.
 *
 * @example
 * formatReference({ author: "A. Author", title: "A Book", publisher: "Press", year: 2001 });
 * // "A. Author (2001). A Book. Press."
 */
export function formatReference(r: Reference): string {
  const parts = [`${r.author} (${yearText(r)}).`, closed(r.title)];
  if (r.in) parts.push(`In: ${closed(r.in)}`);
  if (r.publisher) parts.push(closed(r.publisher));
  if (r.url) parts.push(r.url);
  if (r.note) parts.push(`(${r.note})`);
  return parts.join(" ");
}

/** Source keys in a "; "-separated list, in order, without repeats. */
export function splitKeys(source: string | null | undefined): string[] {
  return [
    ...new Set(
      (source ?? "")
        .split(";")
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** A cited key with its full reference where the bibliography has one, else the short citation given. */
export interface CitedSource {
  key: string;
  citation: string;
  reference: Reference | null;
}

/** Resolves keys against a bibliography (may be null), falling back to a short citation per key. */
export function citeKeys(
  keys: Iterable<string>,
  bibliography: Bibliography | null,
  short: (key: string) => string,
): CitedSource[] {
  return [...keys].map((key) => {
    const reference =
      bibliography && Object.hasOwn(bibliography.references, key) ? bibliography.references[key]! : null;
    return { key, citation: reference ? formatReference(reference) : short(key), reference };
  });
}
