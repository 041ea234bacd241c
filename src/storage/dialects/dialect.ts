import type { Kysely, Dialect as KyselyDialect, RawBuilder } from 'kysely';

/**
 * Everything that differs between SQLite and PostgreSQL lives behind this interface.
 * Feature code asks for a capability; it never asks which database it is on.
 */
export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  readonly kyselyDialect: KyselyDialect;
  /** Case-insensitive "contains" on a text expression. */
  containsInsensitive(column: string, needle: string): RawBuilder<boolean>;
  /** Whether an error is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  /** Whether an error is a foreign-key violation. */
  isForeignKeyViolation(error: unknown): boolean;
  /** Online backup of the whole database to a file; PostgreSQL points to pg_dump instead. */
  backup(db: Kysely<any>, targetFile: string): Promise<void>;
  /** Human-readable location, with any password removed. */
  describe(): string;
  close(): Promise<void>;
}
