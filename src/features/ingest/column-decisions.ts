import { K, decideType, localeEvidence, readNumber, type ColumnProfile, type NumberLocale } from './cell-types.js';
import type { DatastoreField, FieldType } from './ingest.table.js';
import {
  canonicalNumberStyle,
  countColumnStyle,
  decideNumberStyle,
  fileLeaning,
  type NumberStyle,
} from './number-style.js';
import type { PeriodKind } from './period.js';
import type { IssueLog } from './quality.js';

/** Headers of year columns: a column of plain years under one of them is a period column. */
export const YEAR_HEADER = /^(tahun|thn|year|periode|period)([^a-z]|$)/i;

export function isYearCell(v: string): boolean {
  if (v.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const y = Number(v);
  return y >= 1800 && y <= 2200;
}

export interface ColumnEvidence {
  labels: string[];
  ids: string[];
  profiles: ColumnProfile[];
  wilayahIndex: number | null;
  ambiguousSamples: Array<string | null>;
  yearLike: boolean[];
  periods: Array<Set<PeriodKind>>;
  indonesianMonths: boolean;
  delimiter: string | null;
  canonical: boolean;
  log: IssueLog;
}

const NUMERIC: ReadonlySet<FieldType> = new Set(['int', 'float']);

/**
 * The fields of a table from its profiled sample: each column's number style (from its own cells,
 * its header and the rest of the file), its type, its unit (IDR for currency cells) and, for a
 * period column, its granularity. Number columns the evidence leaves ambiguous go in the log.
 */
export function decideFields(e: ColumnEvidence): {
  fields: DatastoreField[];
  locales: NumberLocale[];
  locale: NumberLocale;
} {
  let id = 0;
  let en = 0;
  let countColumnsId = 0;
  let countColumnsEn = 0;
  e.profiles.forEach((p, i) => {
    if (i === e.wilayahIndex) return;
    const own = localeEvidence(p);
    id += own.id;
    en += own.en;
    const counted = countColumnStyle(p, e.labels[i]!);
    if (counted === 'id') countColumnsId++;
    else if (counted === 'en') countColumnsEn++;
  });
  const leaning = fileLeaning({
    id,
    en,
    countColumnsId,
    countColumnsEn,
    indonesianMonths: e.indonesianMonths,
    delimiter: e.delimiter,
  });
  const locales: NumberLocale[] = [];
  const numberStyles: NumberLocale[] = [];
  const fields = e.labels.map((label, i): DatastoreField => {
    const p = e.profiles[i]!;
    const style: NumberStyle = e.canonical ? canonicalNumberStyle(p) : decideNumberStyle(p, label, leaning);
    locales.push(style.locale);
    const field: DatastoreField = { id: e.ids[i]!, label: label || e.ids[i]!, type: 'text' };
    if (i === e.wilayahIndex) return field;
    field.type = decideType(p, style.locale).type;
    if (field.type === 'int' && e.yearLike[i] && p.nonMissing > 0) field.type = 'period';
    if (field.type === 'period') {
      const kinds = e.yearLike[i] ? new Set<PeriodKind>([...e.periods[i]!, 'year']) : e.periods[i]!;
      field.period = kinds.size === 1 ? [...kinds][0]! : 'mixed';
    }
    if (!NUMERIC.has(field.type)) return field;
    numberStyles.push(style.locale);
    if (p.count(K.CURRENCY) > 0) field.unit = 'IDR';
    const sample = e.ambiguousSamples[i];
    if (style.ambiguous && sample) {
      const other: NumberLocale = style.locale === 'id' ? 'en' : 'id';
      const reading = readNumber(sample, style.locale);
      const alternative = readNumber(sample, other);
      if (reading !== undefined && alternative !== undefined)
        e.log.add({ kind: 'ambiguous_number', column: field.id, value: sample, readings: [reading, alternative] });
    }
    return field;
  });
  const idColumns = numberStyles.filter((l) => l === 'id').length;
  const enColumns = numberStyles.length - idColumns;
  const locale: NumberLocale = e.canonical
    ? 'en'
    : idColumns !== enColumns
      ? idColumns > enColumns
        ? 'id'
        : 'en'
      : (leaning ?? 'en');
  return { fields, locales, locale };
}
