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

/** Probability of each ideology bin for a normal(mean, sd) clamped to [-1, 1]. */
export function binProbabilities(mean: number, sd: number, bins: number): number[] {
  const out: number[] = [];
  let prev = 0;
  for (let b = 0; b < bins; b++) {
    const edge = -1 + (2 * (b + 1)) / bins;
    const c = b === bins - 1 ? 1 : sd > 0 ? normalCdf((edge - mean) / sd) : edge > mean ? 1 : 0;
    out.push(Math.max(0, c - prev));
    prev = c;
  }
  return out;
}

/** Standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);
}

/**
 * Mean line of the members falling in each bin, for lines drawn from a normal(mean, sd) clamped to [-1, 1]: the
 * truncated normal's mean inside the bin, with the mass beyond ±1 sitting at ±1 in the end bins. A bin the
 * distribution cannot reach gets its edge nearer the mean.
 */
export function binMeans(mean: number, sd: number, bins: number): number[] {
  const out: number[] = [];
  const m = Math.max(-1, Math.min(1, mean));
  for (let b = 0; b < bins; b++) {
    const lo = -1 + (2 * b) / bins;
    const hi = lo + 2 / bins;
    const nearer = Math.min(hi, Math.max(lo, m));
    if (!(sd > 0)) {
      out.push(nearer);
      continue;
    }
    const a = (lo - mean) / sd;
    const z = (hi - mean) / sd;
    let mass = normalCdf(z) - normalCdf(a);
    // E[X; lo < X < hi] for X ~ N(mean, sd).
    let sum = mean * mass + sd * (normalPdf(a) - normalPdf(z));
    if (b === 0) {
      const below = normalCdf(a);
      mass += below;
      sum -= below;
    }
    if (b === bins - 1) {
      const above = 1 - normalCdf(z);
      mass += above;
      sum += above;
    }
    out.push(mass > 1e-9 ? Math.min(hi, Math.max(lo, sum / mass)) : nearer);
  }
  return out;
}
