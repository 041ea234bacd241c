// Baseline: a bare node:http server that reads the same wilayah row from the same database (a
// prepared statement on the SQLite file BENCH_DB, or a pg pool of 4 on BENCH_PG_URL) and sends the
// same JSON document as the full app.
import http from 'node:http';
import Database from 'better-sqlite3';
import pg from 'pg';
import { wilayahDocument } from '../../src/features/wilayah/wilayah.presenter.js';

type Row = Parameters<typeof wilayahDocument>[0];
const read: (kode: string) => Promise<Row | undefined> | Row | undefined = process.env.BENCH_PG_URL
  ? (() => {
      const pool = new pg.Pool({ connectionString: process.env.BENCH_PG_URL, max: 4 });
      pool.on('error', () => {}); // a dropped connection is replaced on the next query
      return async (kode: string) => (await pool.query('select * from wilayah where kode = $1', [kode])).rows[0];
    })()
  : (() => {
      const statement = new Database(process.env.BENCH_DB!, { readonly: true }).prepare(
        'select * from wilayah where kode = ?',
      );
      return (kode: string) => statement.get(kode) as Row | undefined;
    })();

function send(res: http.ServerResponse, row: Row | undefined): void {
  if (!row) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"ok":false}');
    return;
  }
  const body = wilayahDocument(row);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const row = read(decodeURIComponent((req.url ?? '').slice('/api/v1/wilayah/'.length)));
  if (row instanceof Promise)
    row.then(
      (r) => send(res, r),
      () => res.writeHead(500).end(),
    );
  else send(res, row);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
