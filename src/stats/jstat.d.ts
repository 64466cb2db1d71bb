// The part of jStat (https://github.com/jstat/jstat) this project uses; the package ships no types.
declare module "jstat" {
  interface StudentT {
    /** Quantile function of Student's t distribution: the value below which a share p of it lies. */
    inv(p: number, dof: number): number;
  }
  const jstat: { jStat: { studentt: StudentT } };
  export default jstat;
}
