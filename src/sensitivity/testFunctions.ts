/**
 * Test functions of sensitivity analysis with known indices, on the unit cube: the Ishigami function
 * (Ishigami & Homma 1990) and Sobol's G-function (Saltelli & Sobol' 1995). Used to check the estimators
 * end to end. Pure.
 */

/** Ishigami's f(x) = sin x1 + a sin² x2 + b x3⁴ sin x1 with x in [-π, π]³, given as u in [0, 1]³. */
export function ishigami(u: readonly number[], a = 7, b = 0.1): number {
  const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v) as [number, number, number];
  return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
}

/** Analytic first-order and total indices of the Ishigami function. */
export function ishigamiIndices(a = 7, b = 0.1): { first: number[]; total: number[] } {
  const pi4 = Math.PI ** 4;
  const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const v2 = a ** 2 / 8;
  const v13 = (b ** 2 * Math.PI ** 8 * 8) / 225;
  const v = v1 + v2 + v13;
  return { first: [v1 / v, v2 / v, 0], total: [(v1 + v13) / v, v2 / v, v13 / v] };
}

/** Coefficients of the G-function used in the literature's test: two important factors, then fading ones. */
export const G_COEFFICIENTS = [0, 1, 4.5, 9, 99, 99, 99, 99];

/** Sobol's G(x) = Π (|4 x_i - 2| + a_i) / (1 + a_i) on [0, 1]^k. */
export function gFunction(x: readonly number[], a: readonly number[] = G_COEFFICIENTS): number {
  let g = 1;
  for (let i = 0; i < a.length; i++) g *= (Math.abs(4 * x[i]! - 2) + a[i]!) / (1 + a[i]!);
  return g;
}

/** Analytic first-order and total indices of the G-function. */
export function gFunctionIndices(a: readonly number[] = G_COEFFICIENTS): {
  first: number[];
  total: number[];
} {
  const vi = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const product = vi.reduce((p, v) => p * (1 + v), 1);
  const v = product - 1;
  return { first: vi.map((x) => x / v), total: vi.map((x) => (x * product) / (1 + x) / v) };
}
