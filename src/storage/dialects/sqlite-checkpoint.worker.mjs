// Background checkpoint of a SQLite database in WAL mode (see BackgroundCheckpoints in
// sqlite-checkpoints.ts): copies the write-ahead log into the database file on its own connection, off the
// thread that serves requests. Plain JavaScript, so the thread needs no TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file, { fileMustExist: true });
try {
  db.pragma('busy_timeout = 5000');
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage(result);
} finally {
  db.close();
}
