/** Option parsers shared by the commands: each rejects a bad value with a message naming it. */
import { InvalidArgumentError } from "commander";

/** Exit codes: 0 fine, 1 usage error (unknown command or option, bad flag value), 2 bad input data. */
export const BAD_INPUT = 2;

export function parseSeed(value: string): number {
  if (!/^\d+$/.test(value))
    throw new InvalidArgumentError(`seed must be a non-negative integer, got "${value}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new InvalidArgumentError(`seed is too large: "${value}" (at most ${Number.MAX_SAFE_INTEGER})`);
  return n;
}

export function parseDate(value: string): string {
  const ms = Date.parse(`${value}T00:00:00Z`);
  // Round-trip the date: Date.parse rolls impossible days (Feb 30) over into the next month.
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(ms) ||
    new Date(ms).toISOString().slice(0, 10) !== value
  ) {
    throw new InvalidArgumentError(`date must be a real calendar date written YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

export function collectSet(value: string, previous: string[]): string[] {
  if (!value.includes("=")) throw new InvalidArgumentError(`--set needs path=value, got "${value}"`);
  return [...previous, value];
}

/** A parser for a whole number in [min, max], naming the option in its message. */
export function wholeNumber(what: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}, got "${value}"`);
    return n;
  };
}
