import path from 'node:path';

/**
 * The layout of a backup archive (one tar file):
 *   terbuka-backup.json      what it is: format version, database kind, applied migrations, audit head
 *   database/…               the database (storage/dialects/archive-*.ts)
 *   store/<key>              every stored file (uploaded originals, evidence, forum documents)
 *   audit-checkpoints/…      the signed audit checkpoints
 *   secrets/<name>.key       the server keys of the data folder (audit chain, CSRF, privacy masks)
 *   manifest.json            last: the sha256 and size of every other member
 */
export const META_MEMBER = 'terbuka-backup.json';
export const MANIFEST_MEMBER = 'manifest.json';
export const DATABASE_PREFIX = 'database/';
export const STORE_PREFIX = 'store/';
export const CHECKPOINTS_PREFIX = 'audit-checkpoints/';
export const SECRETS_PREFIX = 'secrets/';
export const ARCHIVE_FORMAT = 'terbuka-backup';
export const ARCHIVE_VERSION = 1;

export interface BackupMeta {
  format: typeof ARCHIVE_FORMAT;
  version: number;
  createdAt: string;
  database: 'sqlite' | 'postgres';
  /** Migrations applied to the database when it was dumped, in order. */
  migrations: string[];
  /** The audit head signed just before the dump. */
  auditHead: { count: number; headHash: string };
}

export interface ManifestEntry {
  name: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  members: ManifestEntry[];
}

/** The database store's own tables: their content is archived as `store/` members instead. */
export const FILE_STORE_TABLES = ['stored_files', 'stored_file_chunks'] as const;

/** Migration bookkeeping is rebuilt by the migrations a restore runs. */
export const MIGRATION_TABLES = ['schema_migrations', 'schema_migrations_lock'] as const;

/** A member name is a relative path of plain segments (no `..`, nothing absolute). */
export function safeMemberName(name: string): boolean {
  const parts = name.split('/');
  return (
    !!name &&
    !path.isAbsolute(name) &&
    !name.includes('\\') &&
    !name.includes('\0') &&
    parts.every((p) => p !== '' && p !== '.' && p !== '..')
  );
}
