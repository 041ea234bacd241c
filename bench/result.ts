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

/** The middle value (upper middle for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Milliseconds one call takes. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
