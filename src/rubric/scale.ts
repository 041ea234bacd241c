/**
 * Ordered scales and weighted criteria, as pure rules. A *scale* is a list of levels from lowest
 * to highest (the IRM's completion, potential for results and "did it open government"; next the
 * kelurahan programmes' stages and classes), each with its code, OGP's own English label and its
 * message key for the pages. *Criteria with weights* roll up into one score (milestones into a
 * commitment, commitments into a plan, criteria into a programme's assessment).
 */

export interface ScaleDefinition<C extends string> {
  /** Codes from the lowest level to the highest. */
  codes: readonly [C, ...C[]];
  /** The label in the methodology's own words (OGP's English names for the IRM). */
  labels: Record<C, string>;
  /** Message keys are `${messagePrefix}.${code}` (in a *.messages.ts). */
  messagePrefix: string;
  /** What each level is worth (0–1); by default evenly spaced, the lowest 0 and the highest 1. */
  weights?: Record<C, number>;
}

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

export function defineScale<C extends string>(definition: ScaleDefinition<C>): Scale<C> {
  const { codes, labels, messagePrefix } = definition;
  const ranks = new Map<string, number>(codes.map((c, i) => [c, i]));
  const has = (code: string | null | undefined): code is C => code != null && ranks.has(code);
  const rank = (code: C) => ranks.get(code) ?? -1;
  return {
    codes,
    has,
    rank,
    weight: (code) => definition.weights?.[code] ?? (codes.length > 1 ? rank(code) / (codes.length - 1) : 1),
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
