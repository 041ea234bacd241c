import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PostgresAdapter } from './postgres.js';
import { quoteIdent } from './dialect.js';

/**
 * COPY streams run side by side, each on its own connection: one server process parses and
 * stores rows on one core, so two of them take about half the time on a multi-core server.
 * More did not help on two cores (the ingesting process needs one too).
 */
const STREAMS = 2;

interface Lane {
  client: pg.PoolClient;
  stream: Writable;
  done: Promise<void>;
}

/**
 * Loads chunks of COPY text (whole rows each) into a table that has no index yet, spreading them
 * over {@link STREAMS} connections, then adds the `_id` primary key: building the index once
 * from sorted keys costs a fraction of maintaining it row by row. The table is brand new and
 * not referenced by anything, so the caller only has to drop it if this fails.
 */
export async function postgresLoad(dialect: PostgresAdapter, table: string, columns: string[], chunks: AsyncIterable<Buffer>): Promise<void> {
  const statement = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(',')}) FROM STDIN`;
  const lanes: Lane[] = [];
  let failure: unknown;
  try {
    // Never more lanes than half the pool (a pool of one or two must still serve other requests).
    const poolMax = (dialect.pool as unknown as { options: { max?: number } }).options.max ?? 10;
    const streams = Math.max(1, Math.min(STREAMS, Math.floor(poolMax / 2)));
    for (let i = 0; i < streams; i++) {
      const client = await dialect.pool.connect();
      const stream = client.query(copyFrom(statement));
      const lane: Lane = { client, stream, done: finished(stream) };
      // Keeps a failed lane from being an unhandled rejection before the end is awaited.
      lane.done.catch(() => undefined);
      lanes.push(lane);
    }
    let next = 0;
    for await (const chunk of chunks) {
      if (chunk.length === 0) continue;
      // Round robin, but skip a lane whose server is behind while another one has room.
      let lane = lanes[next]!;
      if (lane.stream.writableNeedDrain) {
        const free = lanes.find((l) => !l.stream.writableNeedDrain);
        if (free) lane = free;
      }
      next = (lanes.indexOf(lane) + 1) % lanes.length;
      if (!lane.stream.write(chunk)) await Promise.race([once(lane.stream, 'drain'), lane.done]);
      if (lane.stream.errored) throw lane.stream.errored;
    }
    for (const lane of lanes) lane.stream.end();
    await Promise.all(lanes.map((l) => l.done));
    await lanes[0]!.client.query(`ALTER TABLE ${quoteIdent(table)} ADD PRIMARY KEY (${quoteIdent(columns[0]!)})`);
  } catch (error) {
    failure = error;
    for (const lane of lanes) if (!lane.stream.destroyed) lane.stream.destroy(error instanceof Error ? error : new Error(String(error)));
    throw error;
  } finally {
    // A connection whose COPY was aborted is discarded rather than returned to the pool.
    for (const lane of lanes) lane.client.release(failure ? true : undefined);
  }
}
