/** One line of `npm run bench`: a measurement against a baseline run in the same bench run. */
export interface BenchResult {
  name: string;
  measured: string;
  baseline: string;
  /** measured ÷ baseline in the direction the target is stated (higher-is-better throughput, or time ratio). */
  ratio: number | null;
  target: string;
  pass: boolean;
}
