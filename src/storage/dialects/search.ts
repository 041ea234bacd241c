import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/**
 * Full-text search over one table, with one interface for both databases:
 * SQLite keeps an FTS5 virtual table `<table>_fts` beside the table; PostgreSQL keeps a weighted
 * `search_vector tsvector` column on the table itself with a GIN index.
 *
 * Both index text that has gone through `searchTokens()` first (lower case, accents folded,
 * split on anything that is not a letter or digit), so a query matches the same documents on
 * either database. Every query word must match; the last word matches as a prefix.
 */
export interface FullTextSpec {
  /** The table holding one row per document. */
  table: string;
  /** Its primary-key column (text). */
  key: string;
}

export interface FullTextDocument {
  /** Weighted higher (titles, names). */
  title: string;
  /** Everything else worth finding. */
  body: string;
}

export interface SearchProvider {
  readonly kind: 'fts5' | 'tsvector';
  /** Creates the index structures (call from a migration after the table exists). */
  createIndex(db: Kysely<any>, spec: FullTextSpec): Promise<void>;
  dropIndex(db: Kysely<any>, spec: FullTextSpec): Promise<void>;
  /** Replaces the indexed text of one document. On PostgreSQL the row must already exist. */
  put(db: Kysely<any>, spec: FullTextSpec, key: string, doc: FullTextDocument): Promise<void>;
  remove(db: Kysely<any>, spec: FullTextSpec, key: string): Promise<void>;
  /**
   * A derived table `(doc_id, doc_rank)` of matching documents, where a lower rank is a better match;
   * null when the query has no searchable words (then everything matches).
   */
  matches(spec: FullTextSpec, query: string): RawBuilder<{ doc_id: string; doc_rank: number }> | null;
  /**
   * The same matches by document handle, the cheapest thing each index returns per match: FTS5's
   * rowid (reading the key column of an FTS5 table reads the whole stored document), the key on
   * PostgreSQL. {@link handles} maps handles to keys; a caller keeps that map between index writes.
   */
  matchHandles(spec: FullTextSpec, query: string): RawBuilder<{ handle: string | number; doc_rank: number }> | null;
  /** Every indexed document's handle and key. */
  handles(spec: FullTextSpec): RawBuilder<{ handle: string | number; doc_id: string }>;
}

/** Lower-cased, accent-folded words of a text: the unit both indexes and queries work in. */
export function searchTokens(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const MAX_QUERY_WORDS = 12;

const normalise = (text: string) => searchTokens(text).join(' ');

const fts5: SearchProvider = {
  kind: 'fts5',
  async createIndex(db, spec) {
    await sql`create virtual table if not exists ${sql.table(spec.table + '_fts')}
      using fts5(${sql.ref(spec.key)} unindexed, title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  },
  async dropIndex(db, spec) {
    await sql`drop table if exists ${sql.table(spec.table + '_fts')}`.execute(db);
  },
  async put(db, spec, key, doc) {
    const fts = sql.table(spec.table + '_fts');
    await sql`delete from ${fts} where ${sql.ref(spec.key)} = ${key}`.execute(db);
    await sql`insert into ${fts} (${sql.ref(spec.key)}, title, body) values (${key}, ${normalise(doc.title)}, ${normalise(doc.body)})`.execute(
      db,
    );
  },
  async remove(db, spec, key) {
    await sql`delete from ${sql.table(spec.table + '_fts')} where ${sql.ref(spec.key)} = ${key}`.execute(db);
  },
  matches(spec, query) {
    const expr = fts5Expression(query);
    if (!expr) return null;
    const fts = sql.table(spec.table + '_fts');
    return sql<{
      doc_id: string;
      doc_rank: number;
    }>`select ${sql.ref(spec.key)} as doc_id, bm25(${fts}, 0, 4.0, 1.0) as doc_rank from ${fts} where ${fts} match ${expr}`;
  },
  matchHandles(spec, query) {
    const expr = fts5Expression(query);
    if (!expr) return null;
    const fts = sql.table(spec.table + '_fts');
    return sql<{
      handle: number;
      doc_rank: number;
    }>`select rowid as handle, bm25(${fts}, 0, 4.0, 1.0) as doc_rank from ${fts} where ${fts} match ${expr}`;
  },
  handles(spec) {
    return sql<{
      handle: number;
      doc_id: string;
    }>`select rowid as handle, ${sql.ref(spec.key)} as doc_id from ${sql.table(spec.table + '_fts')}`;
  },
};

/** The FTS5 query for a user's words: each quoted (operators in user input are just text), the last a prefix. */
function fts5Expression(query: string): string | null {
  const words = searchTokens(query).slice(0, MAX_QUERY_WORDS);
  return words.length ? words.map((w, i) => `"${w}"${i === words.length - 1 ? '*' : ''}`).join(' ') : null;
}

const tsvector: SearchProvider = {
  kind: 'tsvector',
  async createIndex(db, spec) {
    await sql`alter table ${sql.table(spec.table)} add column if not exists search_vector tsvector`.execute(db);
    await sql`create index if not exists ${sql.id(spec.table + '_search_gin')} on ${sql.table(spec.table)} using gin (search_vector)`.execute(
      db,
    );
  },
  async dropIndex(db, spec) {
    await sql`drop index if exists ${sql.id(spec.table + '_search_gin')}`.execute(db);
    await sql`alter table ${sql.table(spec.table)} drop column if exists search_vector`.execute(db);
  },
  async put(db, spec, key, doc) {
    await sql`update ${sql.table(spec.table)} set search_vector =
      setweight(to_tsvector('simple', ${normalise(doc.title)}), 'A') || setweight(to_tsvector('simple', ${normalise(doc.body)}), 'B')
      where ${sql.ref(spec.key)} = ${key}`.execute(db);
  },
  async remove(db, spec, key) {
    await sql`update ${sql.table(spec.table)} set search_vector = null where ${sql.ref(spec.key)} = ${key}`.execute(db);
  },
  matches(spec, query) {
    const words = searchTokens(query).slice(0, MAX_QUERY_WORDS);
    if (!words.length) return null;
    // Tokens are letters and digits only, so they cannot carry tsquery operators.
    const expr = words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
    return sql<{
      doc_id: string;
      doc_rank: number;
    }>`select ${sql.ref(spec.key)} as doc_id, -ts_rank(search_vector, tsq) as doc_rank
      from ${sql.table(spec.table)}, to_tsquery('simple', ${expr}) as tsq where search_vector @@ tsq`;
  },
  matchHandles(spec, query) {
    const matches = this.matches(spec, query);
    return matches && sql<{ handle: string; doc_rank: number }>`select doc_id as handle, doc_rank from (${matches}) m`;
  },
  handles(spec) {
    return sql<{
      handle: string;
      doc_id: string;
    }>`select ${sql.ref(spec.key)} as handle, ${sql.ref(spec.key)} as doc_id from ${sql.table(spec.table)} where search_vector is not null`;
  },
};

/** The search provider for the database behind this Kysely instance (works inside migrations). */
export function searchProviderFor(db: Kysely<any>): SearchProvider {
  return db.getExecutor().adapter instanceof PostgresAdapter ? tsvector : fts5;
}
