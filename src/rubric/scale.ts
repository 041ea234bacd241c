/**
 * Ordered scales and weighted criteria, as pure rules. A *scale* is a list of levels from lowest
 * to highest (the IRM's completion, potential for results and "did it open government"; next the
 * kelurahan programmes' stages and classes), each with its code, OGP's own English label and its
 * message key for the pages. *Criteria with weights* roll up into one score (milestones into a
 * commitment, commitments into a plan, criteria into a programme's assessment).
 */

/** The codes of a scale, as a type. */
export type ScaleCode<S> = S extends Scale<infer C> ? C : never;

export interface Scale<C extends string> {
  readonly codes: readonly [C, ...C[]];
  has(code: string | null | undefined): code is C;
  /** 0 for the lowest level; -1 for a code not on the scale. */
  rank(code: C): number;
  weight(code: C): number;
  label(code: C): string;
  messageKey(code: C): string;
  /** Whether `code` is at or above `threshold`. */
  atLeast(code: C, threshold: C): boolean;
  /** The highest of these levels (codes not on the scale and empty answers are skipped), or null. */
  highest(codes: ReadonlyArray<string | null | undefined>): C | null;
  /**
   * The level a score falls in: `bands` list where levels start, from the lowest score up; a score
   * below the first band gets the first band's level.
   */
  fromScore(score: number, bands: ReadonlyArray<{ from: number; level: C }>): C;
}

/**
 * A scale from its message-key prefix (keys are `${prefix}.${code}`, in a *.messages.ts) and its
 * levels, lowest first, each code with its label in the methodology's own words (OGP's English
 * names for the IRM). `weights` say what each level is worth; by default they are evenly spaced
 * from 0 (the lowest) to 1 (the highest).
 */
export function defineScale<const L extends Record<string, string>>(
  messagePrefix: string,
  labels: L,
  weights?: Record<keyof L & string, number>,
): Scale<keyof L & string> {
  type C = keyof L & string;
  // Object keys keep their written order unless they look like integers (those go first, sorted),
  // so the written order is the scale's and integer codes are refused.
  const codes = Object.keys(labels) as unknown as readonly [C, ...C[]];
  if (!codes.length || codes.some((c) => /^\d+$/.test(c)))
    throw new Error(`scale ${messagePrefix}: needs levels, with codes that are not integers`);
  const ranks = new Map<string, number>(codes.map((c, i) => [c, i]));
  const has = (code: string | null | undefined): code is C => code != null && ranks.has(code);
  const rank = (code: C) => ranks.get(code) ?? -1;
  return {
    codes,
    has,
    rank,
    weight: (code) => weights?.[code] ?? (codes.length > 1 ? rank(code) / (codes.length - 1) : 1),
    label: (code) => labels[code],
    messageKey: (code) => `${messagePrefix}.${code}`,
    atLeast: (code, threshold) => rank(code) >= rank(threshold),
    highest: (candidates) => {
      let best: C | null = null;
      for (const c of candidates) if (has(c) && (best === null || rank(c) > rank(best))) best = c;
      return best;
    },
    fromScore: (score, bands) => {
      let level = bands[0]!.level;
      for (const band of bands) if (score >= band.from) level = band.level;
      return level;
    },
  };
}

/**
 * Weighted mean of percentages, to one decimal (weights below 0 count as 0); 0 when nothing
 * carries weight.
 */
export function rollUp(parts: ReadonlyArray<{ weight: number; percent: number }>): number {
  const total = parts.reduce((s, p) => s + Math.max(0, p.weight), 0);
  if (total <= 0) return 0;
  const value = parts.reduce((s, p) => s + Math.max(0, p.weight) * p.percent, 0) / total;
  return Math.round(value * 10) / 10;
}
