import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { AppError } from '../../errors.js';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Limits on what an XLSX may expand to, checked from the central directory before any parsing. */
export const XLSX_LIMITS = {
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 10 * 1024 * 1024,
};

/** Reads the zip central directory (end record in the last 64 KB). Throws INGEST_XLSX_INVALID. */
export function listZipEntries(file: string): ZipEntry[] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLen = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLen);
    fs.readSync(fd, tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new AppError('INGEST_XLSX_INVALID', 422, { reason: 'no_zip_directory' });
    const count = tail.readUInt16LE(eocd + 10);
    const dirSize = tail.readUInt32LE(eocd + 12);
    const dirOffset = tail.readUInt32LE(eocd + 16);
    if (dirOffset + dirSize > size) throw new AppError('INGEST_XLSX_INVALID', 422, { reason: 'bad_directory' });
    const dir = Buffer.alloc(dirSize);
    fs.readSync(fd, dir, 0, dirSize, dirOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50)
        throw new AppError('INGEST_XLSX_INVALID', 422, { reason: 'bad_entry' });
      const nameLen = dir.readUInt16LE(p + 28);
      const extraLen = dir.readUInt16LE(p + 30);
      const commentLen = dir.readUInt16LE(p + 32);
      entries.push({
        name: dir.toString('utf8', p + 46, p + 46 + nameLen),
        method: dir.readUInt16LE(p + 10),
        compressedSize: dir.readUInt32LE(p + 20),
        uncompressedSize: dir.readUInt32LE(p + 24),
        localHeaderOffset: dir.readUInt32LE(p + 42),
      });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    fs.closeSync(fd);
  }
}

/** Rejects archives that would expand beyond the limits (zip bombs) or are not spreadsheets. */
export function checkXlsxArchive(entries: ZipEntry[]): void {
  if (!entries.some((e) => e.name === 'xl/workbook.xml'))
    throw new AppError('INGEST_XLSX_INVALID', 422, { reason: 'no_workbook' });
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const ratio = e.compressedSize > 0 ? e.uncompressedSize / e.compressedSize : e.uncompressedSize > 0 ? Infinity : 0;
    if (
      e.uncompressedSize > XLSX_LIMITS.maxEntryBytes ||
      (e.uncompressedSize > XLSX_LIMITS.ratioFloorBytes && ratio > XLSX_LIMITS.maxRatio)
    ) {
      throw new AppError('INGEST_XLSX_TOO_LARGE', 422, { entry: e.name, uncompressedBytes: e.uncompressedSize });
    }
  }
  if (total > XLSX_LIMITS.maxTotalBytes) throw new AppError('INGEST_XLSX_TOO_LARGE', 422, { uncompressedBytes: total });
}

/** Inflates one small entry (e.g. xl/workbook.xml), capped at 8 MB. */
export function readZipEntry(file: string, entry: ZipEntry): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(30);
    fs.readSync(fd, header, 0, 30, entry.localHeaderOffset);
    if (header.readUInt32LE(0) !== 0x04034b50)
      throw new AppError('INGEST_XLSX_INVALID', 422, { reason: 'bad_local_header' });
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const data = Buffer.alloc(entry.compressedSize);
    fs.readSync(fd, data, 0, entry.compressedSize, start);
    if (entry.method === 0) return data;
    try {
      return zlib.inflateRawSync(data, { maxOutputLength: 8 * 1024 * 1024 });
    } catch {
      throw new AppError('INGEST_XLSX_INVALID', 422, { reason: 'bad_deflate' });
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Streams one entry's text, inflated and decoded as UTF-8 across chunk boundaries (a character
 * split between two chunks stays whole). Sizes come from the central directory, which is
 * authoritative even when the entry has a trailing data descriptor.
 */
export function zipEntryText(file: string, entry: ZipEntry): Readable {
  const fd = fs.openSync(file, 'r');
  const header = Buffer.alloc(30);
  try {
    fs.readSync(fd, header, 0, 30, entry.localHeaderOffset);
  } finally {
    fs.closeSync(fd);
  }
  if (header.readUInt32LE(0) !== 0x04034b50)
    throw new AppError('INGEST_XLSX_INVALID', 422, { reason: 'bad_local_header' });
  const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  // createReadStream's `end` is inclusive, so an empty entry cannot be a range.
  if (entry.compressedSize === 0) return Readable.from([]);
  const raw = fs.createReadStream(file, { start, end: start + entry.compressedSize - 1 });
  const text = entry.method === 0 ? raw : raw.pipe(zlib.createInflateRaw());
  if (text !== raw) raw.on('error', (e) => text.destroy(e));
  text.setEncoding('utf8');
  return text;
}

/** Sheet names in workbook order. */
export function xlsxSheetNames(file: string): string[] {
  const entries = listZipEntries(file);
  checkXlsxArchive(entries);
  const xml = readZipEntry(file, entries.find((e) => e.name === 'xl/workbook.xml')!).toString('utf8');
  const names: string[] = [];
  for (const m of xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)) names.push(decodeXml(m[1]!));
  return names;
}

function decodeXml(s: string): string {
  return s.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!,
  );
}
