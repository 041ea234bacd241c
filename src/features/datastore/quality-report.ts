import type { LoadReport } from '../ingest/quality.js';
import type { PrivacyFinding } from '../privacy/findings.js';

/** The data-quality report a datastore table keeps (`quality_json`), shown to the producer and to the walidata before approval. */
export interface QualityReport extends LoadReport {
  /** Columns with personal data or small counts of people (privacy/); absent in older reports. */
  personalData?: PrivacyFinding[];
}

export function parseQuality(json: string | null | undefined): QualityReport | null {
  if (!json) return null;
  try {
    const q = JSON.parse(json) as QualityReport;
    return q && Array.isArray(q.columns) ? q : null;
  } catch {
    return null;
  }
}
