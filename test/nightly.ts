/**
 * Sizes of the hostile-input batteries: a seeded slice in `npm test`, the full size in the nightly run
 * (`npm run test:nightly`, which sets APPARAT_NIGHTLY=1). Each size can also be set on its own, e.g.
 * APPARAT_FUZZ_SCENARIOS=50000.
 */
export const NIGHTLY = process.env.APPARAT_NIGHTLY === "1";

/** The size named `env`: its variable if set, else the nightly or the quick size. */
export function batterySize(env: string, quick: number, nightly: number): number {
  const set = Number(process.env[env]);
  return Number.isSafeInteger(set) && set > 0 ? set : NIGHTLY ? nightly : quick;
}

/** Prints a battery's figures on one line, for docs/reliability.md. */
export function report(battery: string, figures: Record<string, unknown>): void {
  console.log(`[battery] ${battery}: ${JSON.stringify(figures)}`);
}
