import type { CompiledQuery, Compilable, Kysely } from 'kysely';

/**
 * A query compiled once and executed with fresh parameters. Building and compiling a Kysely
 * query tree costs more than a primary-key read itself; for the hottest lookups we compile
 * once per database with placeholder values and swap in the real parameters, in order.
 */
export function compiledOnce<DB, Row, P extends unknown[]>(build: (db: Kysely<DB>, ...placeholders: P) => Compilable<Row>, placeholders: P) {
  const cache = new WeakMap<Kysely<DB>, CompiledQuery<Row>>();
  return async (db: Kysely<DB>, ...params: P): Promise<Row[]> => {
    let compiled = cache.get(db);
    if (!compiled) {
      compiled = build(db, ...placeholders).compile();
      if (compiled.parameters.length !== params.length) throw new Error('compiledOnce: parameter count differs from the built query');
      cache.set(db, compiled);
    }
    const result = await db.executeQuery<Row>({ ...compiled, parameters: params });
    return result.rows;
  };
}
