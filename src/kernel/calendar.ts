/** Calendar arithmetic on whole UTC days, so dates print the same in Node and in a browser. */

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 for an ISO date (YYYY-MM-DD). */
export function dayOf(iso: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: "${iso}" (expected YYYY-MM-DD)`);
  return Math.round(ms / MS_PER_DAY);
}

/** ISO date (YYYY-MM-DD) of a day number. */
export function isoOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The run's clock: tick t covers the days [start + t·tickDays, start + (t+1)·tickDays). */
export interface Clock {
  readonly startDay: number;
  readonly endDay: number;
  readonly tickDays: number;
  /** Number of ticks in the run. */
  readonly ticks: number;
}

export function makeClock(start: string, end: string, tickDays: number): Clock {
  const startDay = dayOf(start);
  const endDay = dayOf(end);
  return { startDay, endDay, tickDays, ticks: Math.max(1, Math.ceil((endDay - startDay) / tickDays)) };
}

/** The tick containing a date (may be negative or past the end). */
export function tickOf(clock: Clock, day: number): number {
  return Math.floor((day - clock.startDay) / clock.tickDays);
}

export function dateOfTick(clock: Clock, tick: number): string {
  // Every tick's row and event asks for its date: each clock's dates are formatted once.
  if (!Number.isSafeInteger(tick) || tick < 0 || tick > MAX_CACHED_TICK)
    return isoOf(clock.startDay + tick * clock.tickDays);
  let dates = tickDates.get(clock);
  if (!dates) {
    dates = [];
    tickDates.set(clock, dates);
  }
  let date = dates[tick];
  if (date === undefined) {
    date = isoOf(clock.startDay + tick * clock.tickDays);
    dates[tick] = date;
  }
  return date;
}

/** Dates already formatted, by clock and tick (the clock's fields never change). */
const tickDates = new WeakMap<Clock, string[]>();
/** Ticks past this are formatted each time (a century of weeks is far below it). */
const MAX_CACHED_TICK = 100_000;

/** Length of a tick in years, for converting yearly rates. */
export function yearsPerTick(clock: Clock): number {
  return clock.tickDays / 365.25;
}
