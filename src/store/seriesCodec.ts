/**
 * The stored form of a run's series: a small JSON header (dates, and each line's measure and leader) followed by
 * every value as a little-endian float64, the whole deflated. Float64 keeps every value exactly as the run made
 * it; deflate takes care of the long runs of repeated small integers most series are (seats, offices, votes).
 * A weekly run of 400 ticks keeps each line in a few hundred bytes.
 */
import { deflateRawSync, inflateRawSync } from "node:zlib";
import type { RunSeries } from "../experiments/types.ts";

const FORMAT = 1;

interface Header {
  v: number;
  dates: string[];
  lines: { measure: string; leader: string | null; n: number }[];
}

/**
 * A run's series as bytes.
 *
 * @example
 * decodeSeries(encodeSeries(series)); // deep-equal to series
 */
export function encodeSeries(s: RunSeries): Uint8Array {
  const header: Header = {
    v: FORMAT,
    dates: s.dates,
    lines: s.lines.map((l) => ({ measure: l.measure, leader: l.leader, n: l.values.length })),
  };
  const head = Buffer.from(JSON.stringify(header), "utf8");
  const count = s.lines.reduce((n, l) => n + l.values.length, 0);
  const body = Buffer.alloc(4 + head.length + 8 * count);
  body.writeUInt32LE(head.length, 0);
  head.copy(body, 4);
  let at = 4 + head.length;
  for (const l of s.lines)
    for (const v of l.values) {
      body.writeDoubleLE(v, at);
      at += 8;
    }
  return new Uint8Array(deflateRawSync(body));
}

/** The series stored as {@link encodeSeries} wrote them; throws on bytes it did not write. */
export function decodeSeries(bytes: Uint8Array): RunSeries {
  const body = inflateRawSync(bytes);
  const length = body.readUInt32LE(0);
  const header = JSON.parse(body.subarray(4, 4 + length).toString("utf8")) as Header;
  if (header.v !== FORMAT)
    throw new Error(`series stored in format ${header.v}, this version reads ${FORMAT}`);
  let at = 4 + length;
  const lines = header.lines.map((l) => {
    const values = new Array<number>(l.n);
    for (let i = 0; i < l.n; i++) {
      values[i] = body.readDoubleLE(at);
      at += 8;
    }
    return { measure: l.measure, leader: l.leader, values };
  });
  if (at !== body.length) throw new Error(`series record has ${body.length - at} bytes past its values`);
  return { dates: header.dates, lines };
}
