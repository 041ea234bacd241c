/**
 * Escapes `\`, `%` and `_` for a LIKE/ILIKE pattern used with `escape '\'`. The same rule holds on
 * SQLite and PostgreSQL, so it lives outside the dialect adapters and features may use it.
 */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => '\\' + c);
}
