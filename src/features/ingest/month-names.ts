/** Month names and abbreviations, Indonesian and English, lower-case → month number. */
export const MONTHS: Record<string, number> = {
  januari: 1,
  jan: 1,
  january: 1,
  februari: 2,
  feb: 2,
  february: 2,
  maret: 3,
  mar: 3,
  march: 3,
  april: 4,
  apr: 4,
  mei: 5,
  may: 5,
  juni: 6,
  jun: 6,
  june: 6,
  juli: 7,
  jul: 7,
  july: 7,
  agustus: 8,
  agu: 8,
  agt: 8,
  aug: 8,
  august: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  okt: 10,
  oct: 10,
  october: 10,
  november: 11,
  nov: 11,
  desember: 12,
  des: 12,
  dec: 12,
  december: 12,
};

/** Month words only Indonesian uses (evidence that the file is written the Indonesian way). */
const INDONESIAN_ONLY_MONTHS = new Set([
  'januari',
  'februari',
  'maret',
  'mei',
  'juni',
  'juli',
  'agustus',
  'agu',
  'agt',
  'oktober',
  'okt',
  'desember',
  'des',
]);

/** Whether a date or period label names a month the Indonesian way (Januari, Mei, Agt…). */
export function namesIndonesianMonth(s: string): boolean {
  const words = s.toLowerCase().match(/[a-z]+/g);
  return words !== null && words.some((w) => INDONESIAN_ONLY_MONTHS.has(w));
}
