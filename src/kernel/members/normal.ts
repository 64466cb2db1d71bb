/** Normal distribution helpers shared by both member fidelities. */

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf), accurate to about 1e-7. */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x / Math.SQRT2));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? 0.5 * (1 + y) : 0.5 * (1 - y);
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);
}

/**
 * Where lines drawn from a normal(mean, sd) clamped to [-1, 1] fall, by slot: slot 0 holds the draws clamped
 * at exactly -1, slots 1..bins the draws inside each bin, slot bins + 1 those clamped at exactly +1. Gives each
 * slot's probability and the mean line of its draws (the truncated normal's mean inside a bin).
 */
export function slotLaw(mean: number, sd: number, bins: number): { probs: number[]; means: number[] } {
  const probs = new Float64Array(bins + 2);
  const means = new Float64Array(bins + 2);
  slotLawInto(mean, sd, bins, probs, means);
  return { probs: [...probs], means: [...means] };
}

/** {@link slotLaw} written into the caller's arrays (of length bins + 2), for callers in a loop. */
export function slotLawInto(
  mean: number,
  sd: number,
  bins: number,
  probs: Float64Array,
  means: Float64Array,
): void {
  means[0] = -1;
  means[bins + 1] = 1;
  if (!(sd > 0)) {
    for (let b = 0; b < bins; b++) {
      const lo = -1 + (2 * b) / bins;
      probs[b + 1] = mean > -1 && mean < 1 && mean >= lo && (mean < lo + 2 / bins || b === bins - 1) ? 1 : 0;
      means[b + 1] = Math.min(lo + 2 / bins, Math.max(lo, mean));
    }
    probs[0] = mean <= -1 ? 1 : 0;
    probs[bins + 1] = mean >= 1 ? 1 : 0;
    return;
  }
  probs[0] = normalCdf((-1 - mean) / sd);
  for (let b = 0; b < bins; b++) {
    const lo = -1 + (2 * b) / bins;
    const hi = lo + 2 / bins;
    const a = (lo - mean) / sd;
    const z = (hi - mean) / sd;
    const mass = Math.max(0, normalCdf(z) - normalCdf(a));
    // E[X; lo < X < hi] for X ~ N(mean, sd), over the mass: the mean inside the bin.
    const inside = mass > 1e-9 ? (mean * mass + sd * (normalPdf(a) - normalPdf(z))) / mass : (lo + hi) / 2;
    probs[b + 1] = mass;
    means[b + 1] = Math.min(hi, Math.max(lo, inside));
  }
  probs[bins + 1] = Math.max(0, 1 - normalCdf((1 - mean) / sd));
}
