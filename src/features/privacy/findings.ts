import type { PersonalKind } from './personal-data.js';

/** What a finding is about: a kind of personal data, or small counts of people. */
export type FindingKind = PersonalKind | 'small_counts';

/**
 * How a finding was resolved: the producer dropped or masked the column, or the walidata
 * confirmed (with a reason) that the column is not personal data / the counts may be public.
 * Restricting the dataset (datasets.private) is not per finding: it keeps the whole dataset away.
 */
export interface FindingResolution {
  action: 'drop' | 'mask' | 'override';
  /** User id and name of who resolved it. */
  by: string;
  byName: string;
  at: string;
  reason?: string;
}

/** One finding of the quality report's `personalData` list. */
export interface PrivacyFinding {
  column: string;
  /** The column's label as in the file. */
  label: string;
  kind: FindingKind;
  /** Matching sampled values (personal data) or small cells in the whole table (small counts). */
  matches: number;
  /** Sampled non-empty values (personal data) or non-empty cells in the table (small counts). */
  sampled: number;
  byHeader?: boolean;
  resolution?: FindingResolution;
}

export const isUnresolved = (f: PrivacyFinding): boolean => !f.resolution;

/** Findings still open, from a parsed quality report (reports older than the detector have none). */
export function unresolvedFindings(report: { personalData?: PrivacyFinding[] } | null | undefined): PrivacyFinding[] {
  return (report?.personalData ?? []).filter(isUnresolved);
}

/** Whether a report has findings other than false positives (then its original file is never public). */
export function hadFindings(report: { personalData?: PrivacyFinding[] } | null | undefined): boolean {
  // Only a walidata's override (a false positive) takes a finding back; a drop or mask does not.
  return (report?.personalData ?? []).some((f) => f.resolution?.action !== 'override');
}

/**
 * Whether to show the public a link to a table's original file (the download route checks
 * `private_originals` itself; this only spares visitors a link that answers 404).
 */
export function originalLinkIsPublic(qualityJson: string | null | undefined): boolean {
  if (!qualityJson || !qualityJson.includes('"personalData"')) return true;
  try {
    return !hadFindings(JSON.parse(qualityJson) as { personalData?: PrivacyFinding[] });
  } catch {
    return true;
  }
}
