// Baseline: a bare node:http server that reads the same wilayah row from the same SQLite file with
// one prepared statement and sends the same JSON document as the full app.
import http from 'node:http';
import Database from 'better-sqlite3';
import { wilayahDocument } from '../../src/features/wilayah/wilayah.presenter.js';

const db = new Database(process.env.BENCH_DB!, { readonly: true });
const statement = db.prepare('select * from wilayah where kode = ?');
const server = http.createServer((req, res) => {
  const kode = decodeURIComponent((req.url ?? '').slice('/api/v1/wilayah/'.length));
  const row = statement.get(kode) as Parameters<typeof wilayahDocument>[0] | undefined;
  if (!row) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end('{"ok":false}');
    return;
  }
  const body = wilayahDocument(row);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => process.exit(0));
