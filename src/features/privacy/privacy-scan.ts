import type { DbOrTrx } from '../../storage/database.js';
import type { DatastoreField } from '../ingest/ingest.table.js';
import { detectColumn } from './personal-data.js';
import { smallCountColumns } from './people-counts.js';
import type { PrivacyFinding } from './findings.js';

/** Lower-cased names of every wilayah (a column of kelurahan names is not a column of people). */
async function placeNames(db: DbOrTrx): Promise<Set<string>> {
  const rows = await db.selectFrom('wilayah').select('nama').execute();
  return new Set(rows.map((r) => r.nama.toLowerCase()));
}

/**
 * The privacy findings of a freshly loaded table: personal data from the analysed sample (never
 * per row while loading), then small counts of people (the sample, else one aggregate query).
 * Runs after the load and before the table is registered, on every door (web, API, CLI, staged).
 */
export async function scanLoadedTable(
  db: DbOrTrx,
  input: { table: string; fields: DatastoreField[]; samples: string[][]; threshold: number; rows: number },
): Promise<PrivacyFinding[]> {
  const { fields } = input;
  const options = { placeNames: await placeNames(db) };
  const findings: PrivacyFinding[] = [];
  fields.forEach((f, i) => {
    // The file's header first; the field id (normalised) catches headers with odd spelling.
    const values = input.samples[i] ?? [];
    const p = detectColumn(f.label, values, options) ?? (f.id !== f.label ? detectColumn(f.id, values, options) : null);
    if (p)
      findings.push({
        column: f.id,
        label: f.label,
        kind: p.kind,
        matches: p.matches,
        sampled: p.sampled,
        byHeader: p.byHeader,
      });
  });
  const flagged = new Set(findings.map((f) => f.column));
  // Columns already flagged as personal data are left out (their samples stay aligned by index).
  const rest = fields.map((f) => (flagged.has(f.id) ? { ...f, type: 'text' as const } : f));
  const counts = await smallCountColumns(db, input.table, rest, input.threshold, {
    values: input.samples,
    rows: input.rows,
  });
  for (const c of counts) {
    const f = fields.find((x) => x.id === c.column)!;
    findings.push({ column: f.id, label: f.label, kind: 'small_counts', matches: c.small, sampled: c.cells });
  }
  return findings;
}
