import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Db } from '../../storage/database.js';
import { newId, nowIso } from '../../ids.js';

/** A bare draft dataset of Kelurahan Oro-oro Ombo, straight in the database, for load tests that need none of the workflow. */
export async function insertBareDataset(db: Db, name: string): Promise<string> {
  const org = await db
    .selectFrom('organizations')
    .select('id')
    .where('slug', '=', 'kelurahan-oro-oro-ombo')
    .executeTakeFirstOrThrow();
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('datasets')
    .values({ id, name, title: name, organization_id: org.id, created_at: now, metadata_modified: now } as never)
    .execute();
  return id;
}

/** The rows a load stored for a resource, in load order, with the table that holds them. */
export async function loadedRows(
  db: Db,
  resourceId: string,
): Promise<{ store: { table_name: string }; rows: Array<Record<string, unknown>> }> {
  const store = await db
    .selectFrom('datastore_tables')
    .selectAll()
    .where('resource_id', '=', resourceId)
    .executeTakeFirstOrThrow();
  const rows = (await db
    .selectFrom(store.table_name as never)
    .selectAll()
    .orderBy('_id' as never)
    .execute()) as Array<Record<string, unknown>>;
  return { store, rows };
}

/** A bare uploaded-resource row of the dataset, to load a file into. */
export async function insertBareResource(db: Db, datasetId: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('resources')
    .values({
      id,
      dataset_id: datasetId,
      name: 'r',
      format: 'CSV',
      url_type: 'upload',
      created_at: now,
      metadata_modified: now,
    } as never)
    .execute();
  return id;
}

/**
 * The corpus of messy files the ingest tests run on, written into a folder. Test-only (like the
 * helpers above): the running app never imports this.
 */
export async function writeCorpus(dir: string): Promise<Record<string, string>> {
  fs.mkdirSync(dir, { recursive: true });
  const files: Record<string, string> = {};
  const put = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    files[name] = file;
  };

  // A kelurahan spreadsheet exported with Indonesian settings: title rows, semicolons,
  // 1.234,56 numbers, a Jumlah row, a blank row and a ragged row.
  put(
    'penduduk-semicolon.csv',
    [
      'Jumlah Penduduk per RW Kelurahan Oro-oro Ombo;;;;',
      'Sumber: Kelurahan;;;;',
      ';;;;',
      'RW;Kode Wilayah;Jumlah Penduduk;Luas (ha);Tanggal Pendataan',
      '01;35.77.01.1001;1.234;12,5;31/12/2024',
      '02;35.77.01.1001;2.345;7,25;2024-12-30',
      '03;35.77.01.1001;987;3,75;1 Desember 2024',
      ';;;;',
      '04;35.77.01.1001;1.001;10,0',
      'Jumlah;;4.566;33,5;',
    ].join('\r\n') + '\r\n',
  );

  put(
    'windows-1252.csv',
    iconv.encode('nama,keterangan\nCafé Madiun,“Pecel” khas\nToko Señor,harga ± 10\n', 'win1252'),
  );
  put('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('kode,nilai\nA,1\nB,2\n')]));
  put('data.tsv', 'kategori\tjumlah\tpersen\tterverifikasi\npertanian\t1,234\t12.5\tya\njasa\t56\t3.25\ttidak\n');
  put(
    'english-numbers.csv',
    'item,amount,share,active,when\nA,"1,234.50",0.5,true,2024-01-31\nB,"12,000.75",0.25,false,2024-02-29\nC,3.5,0.25,true,2024-03-01\n',
  );
  put('duplicates.csv', 'Nama,Nama,Umur,umur\nAni,Budi,30,31\nAni,Budi,30,31\nCici,Dodi,40,41\n');
  put('wilayah-unknown.csv', 'kode_wilayah,jumlah\n35.77.01.1001,5\n35.77.99.9999,7\n');
  put(
    'mismatch.csv',
    ['no,nilai', ...Array.from({ length: 40 }, (_, i) => `${i + 1},${i * 2}`), '41,n.a.x'].join('\n') + '\n',
  );
  // Multi-byte characters everywhere, over many read chunks (UTF-8 split across chunk borders).
  put(
    'multibyte.csv',
    'nama,catatan\n' +
      Array.from({ length: 12_000 }, (_, i) => `Café ${i},“ñ” 😀 ${'é'.repeat(i % 7)}`).join('\n') +
      '\n',
  );
  put(
    'records.json',
    JSON.stringify([
      { kelurahan: 'Klegen', umkm: 120, aktif: true },
      { kelurahan: 'Sukosari', umkm: 85.5, aktif: false, catatan: 'baru' },
    ]),
  );
  put('wrapped.json', JSON.stringify({ data: [{ a: 1 }, { a: 2 }] }));
  put('not-array.json', JSON.stringify({ a: 1 }));
  put('broken.json', '[{"a": 1},');

  // Bad input.
  put('empty.csv', '');
  put('header-only.csv', 'a,b,c\n');
  put('unknown-encoding.csv', Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x81, 0x8d, 0xe9, 0x2c, 0x31, 0x0a]));
  put('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n1,2\n', 'utf16le')]));
  put(
    'wide.csv',
    Array.from({ length: 10_000 }, (_, i) => `k${i}`).join(',') +
      '\n' +
      Array.from({ length: 10_000 }, () => '1').join(',') +
      '\n',
  );
  const longLine = path.join(dir, 'long-line.csv');
  const fd = fs.openSync(longLine, 'w');
  const block = Buffer.alloc(1024 * 1024, 0x61);
  for (let i = 0; i < 50; i++) fs.writeSync(fd, block);
  fs.writeSync(fd, '\n');
  fs.closeSync(fd);
  files['long-line.csv'] = longLine;
  put(
    'really-html.csv',
    '<!DOCTYPE html>\n<html><head><title>Login</title></head><body><table><tr><td>a</td></tr></table></body></html>\n',
  );
  put('broken.xlsx', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(2000, 7)]));
  put('bomb.xlsx', zipBomb());

  const wb = new ExcelJS.Workbook();
  const s1 = wb.addWorksheet('Ringkasan');
  s1.addRow(['Catatan']);
  s1.addRow(['Lihat lembar Data']);
  const s2 = wb.addWorksheet('Data');
  s2.addRow(['Kelurahan', 'Jumlah UMKM', 'Rata-rata omzet', 'Tanggal']);
  s2.addRow(['Klegen', 120, 15.5, new Date(Date.UTC(2024, 11, 31))]);
  s2.addRow(['Sukosari', 85, 9.25, new Date(Date.UTC(2024, 0, 15))]);
  s2.addRow(['Jumlah', 205, null, null]);
  const xlsx = path.join(dir, 'two-sheets.xlsx');
  await wb.xlsx.writeFile(xlsx);
  files['two-sheets.xlsx'] = xlsx;
  return files;
}

/** An XLSX-looking zip whose one sheet inflates from ~50 KB to 60 MB of zeros. */
function zipBomb(): Buffer {
  const entries: Array<{ name: string; data: Buffer; size: number }> = [
    {
      name: 'xl/workbook.xml',
      data: zlib.deflateRawSync(
        Buffer.from('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
      ),
      size: 80,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: zlib.deflateRawSync(Buffer.alloc(60 * 1024 * 1024)),
      size: 60 * 1024 * 1024,
    },
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.data);
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
