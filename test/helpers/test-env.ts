/** Which databases the suite runs on: both by default; DIALECTS=sqlite narrows a local run. */
export type DialectName = 'sqlite' | 'postgres';
export const DIALECTS: DialectName[] = (process.env.DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean) as DialectName[];

/** An admin connection to the PostgreSQL server (trust auth on these machines). */
export const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function pgUrlFor(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = '/' + database;
  return url.toString();
}
