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
