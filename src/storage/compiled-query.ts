import type { CompiledQuery, Compilable, Kysely } from 'kysely';
import { committedReader } from './database.js';

/**
 * A query compiled once and executed with fresh parameters. Building and compiling a Kysely
 * query tree costs more than a primary-key read itself; for the hottest lookups we compile
 * once per database with placeholder values and swap in the real parameters, in order.
 * Outside a transaction on SQLite the rows come back synchronously (see `readCommittedNow`);
 * otherwise as a promise. Callers either `await` the result or use {@link whenReady}.
 */
export function compiledOnce<DB, Row, P extends unknown[]>(
  build: (db: Kysely<DB>, ...placeholders: P) => Compilable<Row>,
  placeholders: P,
) {
  const cache = new WeakMap<Kysely<DB>, CompiledQuery<Row>>();
  return (db: Kysely<DB>, ...params: P): Row[] | Promise<Row[]> => {
    let compiled = cache.get(db);
    if (!compiled) {
      compiled = build(db, ...placeholders).compile();
      if (compiled.parameters.length !== params.length)
        throw new Error('compiledOnce: parameter count differs from the built query');
      cache.set(db, compiled);
    }
    const readNow = committedReader(db as never);
    if (readNow) return readNow(compiled.sql, params) as Row[];
    return db.executeQuery<Row>({ ...compiled, parameters: params }).then((result) => result.rows);
  };
}

/** Applies `fn` at once to a value that is already there, or when a promised one arrives. */
export function whenReady<T, R>(value: T | Promise<T>, fn: (value: T) => R): R | Promise<Awaited<R>> {
  return value instanceof Promise ? (value.then(fn) as Promise<Awaited<R>>) : fn(value);
}
