import type { DatastoreField } from './ingest.table.js';

export type IssueKind =
  | 'total_row'
  | 'blank_row'
  | 'ragged_row'
  | 'type_mismatch'
  | 'duplicate_row'
  | 'unknown_wilayah'
  | 'preamble_row'
  | 'duplicate_header'
  /** A number column whose cells read two ways (36.896: thousands or decimal); see number-style.ts. */
  | 'ambiguous_number';

export interface QualityIssue {
  kind: IssueKind;
  /** Row number in the file (1 = first line), as a spreadsheet shows it. */
  row?: number;
  column?: string;
  value?: string;
  /** For ambiguous_number: `value` as read, then as the other number style would read it. */
  readings?: [number, number];
}

export interface QualityColumn extends DatastoreField {
  /** How a number column's cells were read: 1.234,56 (id) or 1,234.56 (en). */
  numberLocale?: 'id' | 'en';
  missing: number;
  mismatches: number;
}

/**
 * What a load found in the file: the engine's part of the data-quality report (the datastore adds
 * the privacy findings, datastore/quality-report.ts).
 */
export interface LoadReport {
  format: string;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  numberLocale: 'id' | 'en';
  headerRow: number;
  rowsRead: number;
  rowsLoaded: number;
  rowsExcluded: number;
  columns: QualityColumn[];
  wilayahColumn: string | null;
  counts: Partial<Record<IssueKind, number>>;
  /** The first issues found (capped); `counts` holds the totals. */
  issues: QualityIssue[];
  issuesTruncated: boolean;
}

export const MAX_REPORTED_ISSUES = 500;

export class IssueLog {
  readonly counts: Partial<Record<IssueKind, number>> = {};
  readonly issues: QualityIssue[] = [];
  truncated = false;
  /** A log continuing from another one's state (e.g. passed to a worker thread and back). */
  static from(state: Pick<IssueLog, 'counts' | 'issues' | 'truncated'>): IssueLog {
    const log = new IssueLog();
    Object.assign(log.counts, state.counts);
    log.issues.push(...state.issues);
    log.truncated = state.truncated;
    return log;
  }
  /** Takes over another log's state (the inverse of {@link IssueLog.from}). */
  replaceWith(state: Pick<IssueLog, 'counts' | 'issues' | 'truncated'>): void {
    for (const k of Object.keys(this.counts) as IssueKind[]) delete this.counts[k];
    Object.assign(this.counts, state.counts);
    this.issues.length = 0;
    this.issues.push(...state.issues);
    this.truncated = state.truncated;
  }
  add(issue: QualityIssue): void {
    this.counts[issue.kind] = (this.counts[issue.kind] ?? 0) + 1;
    if (this.issues.length < MAX_REPORTED_ISSUES) this.issues.push(issue);
    else this.truncated = true;
  }
  /**
   * Adds issues found after the rest (the duplicate rows, found at the end of the load): the list
   * keeps the first issues by row among all of them, as if each had been added in its place.
   */
  merge(more: QualityIssue[]): void {
    if (more.length === 0) return;
    for (const issue of more) this.counts[issue.kind] = (this.counts[issue.kind] ?? 0) + 1;
    if (this.issues.length + more.length > MAX_REPORTED_ISSUES) this.truncated = true;
    const all = inRowOrder([...this.issues, ...more.slice(0, MAX_REPORTED_ISSUES)]);
    this.issues.length = 0;
    this.issues.push(...all.slice(0, MAX_REPORTED_ISSUES));
  }
  /** Whether further issues are only counted (the list is at its cap). */
  get full(): boolean {
    return this.issues.length >= MAX_REPORTED_ISSUES;
  }
  /** Counts an issue without listing it; only once the list is full. */
  tally(kind: IssueKind): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    this.truncated = true;
  }
}

/** The listed issues by row (stable; issues of the whole file, without a row, first). */
export function inRowOrder(issues: QualityIssue[]): QualityIssue[] {
  return [...issues].sort((x, y) => (x.row ?? 0) - (y.row ?? 0));
}
