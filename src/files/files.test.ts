import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalFileStore } from './file-store.js';
import { STORE_FOLDERS } from './store-folders.js';
import { documentKey, evidenceKey, readDocument, storeDocument, uploadKey } from './file-layouts.js';
import { checkFileType, documentType, DOCUMENT_EXTENSIONS_HINT } from './file-type.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'terbuka-files-'));
const outside = path.join(path.dirname(root), `outside-${path.basename(root)}.txt`);
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(outside, { force: true });
});

const PDF = Buffer.from('%PDF-1.4\n% uji\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const ZIP = Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00somecompressedbytes');

describe('the file store', () => {
  const store = new LocalFileStore(root, STORE_FOLDERS);

  it('stores bytes under a key and reads them back, with their hash and size', async () => {
    const stored = await store.put(Buffer.from('isi'), 'evidence/abc');
    expect(stored).toMatchObject({ key: 'evidence/abc', bytes: 3 });
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await store.read('evidence/abc')).toString()).toBe('isi');
    expect(await store.exists('evidence/abc')).toBe(true);
    await expect(store.put(Buffer.from('lain'), 'evidence/abc')).rejects.toThrow();
    await store.remove('evidence/abc');
    expect(await store.exists('evidence/abc')).toBe(false);
    expect(await store.open('evidence/abc')).toBeNull();
    await store.remove('evidence/abc');
  });

  it('keeps content-addressed files once, for buffers and streams alike', async () => {
    const a = await store.put(Buffer.from('sama'), documentKey);
    const b = await store.put(Readable.from([Buffer.from('sa'), Buffer.from('ma')]), documentKey);
    expect(b).toEqual(a);
    expect(a.key).toBe(`files/${a.sha256.slice(0, 2)}/${a.sha256}`);
    expect(fs.readdirSync(path.join(root, 'files', a.sha256.slice(0, 2)))).toEqual([a.sha256]);
  });

  it("refuses a stream over the limit with the caller's error and leaves nothing behind", async () => {
    const key = uploadKey('../../besar data.csv');
    expect(key).toMatch(/^uploads\/\d{4}-\d{2}\/[0-9a-f-]{36}-besar_data\.csv$/);
    const tooLarge = () => new Error('terlalu besar');
    await expect(
      store.put(Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), key, { maxBytes: 10, tooLarge }),
    ).rejects.toThrow('terlalu besar');
    expect(await store.exists(key)).toBe(false);
  });

  it('never leaves its folder: keys with .. or absolute paths are not there', async () => {
    fs.writeFileSync(outside, 'x');
    const name = path.basename(outside);
    for (const key of [`../${name}`, outside, `a/../../${name}`, '']) {
      expect(await store.localCopy(key)).toBeNull();
      expect(await store.exists(key)).toBe(false);
      await expect(store.put(Buffer.from('x'), key)).rejects.toThrow('bad file key');
      await store.remove(key);
    }
    expect(fs.existsSync(outside)).toBe(true);
  });

  it('finds files written before the store existed, at their old paths', async () => {
    const hash = (await store.put(Buffer.from('lama'), documentKey)).sha256;
    fs.mkdirSync(path.join(root, 'evidence'), { recursive: true });
    fs.writeFileSync(path.join(root, 'evidence', 'e1'), 'bukti lama');
    expect((await readDocument(root, hash)).toString()).toBe('lama');
    expect((await store.read(evidenceKey('e1'))).toString()).toBe('bukti lama');
    expect(await storeDocument(root, Buffer.from('lama'))).toBe(hash);
  });
});

describe('the type sniffer', () => {
  it('accepts a file whose first bytes match its extension, with the media type to serve', async () => {
    expect(await documentType('notulen.PDF', PDF)).toBe('application/pdf');
    expect(await documentType('foto.png', PNG)).toBe('image/png');
    expect(await documentType('laporan.docx', ZIP)).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(await checkFileType('data.csv', Buffer.from('a,b\n1,2\n'), ['csv'])).toEqual({
      ok: true,
      mediaType: 'text/csv; charset=utf-8',
    });
  });

  it('refuses a program or a web page under a document name, and names it a content mismatch', async () => {
    expect(await documentType('setup.pdf', Buffer.from('MZ\x90\x00binary'))).toBeNull();
    expect(await checkFileType('palsu.pdf', Buffer.from('bukan pdf'), ['pdf'])).toEqual({
      ok: false,
      reason: 'content',
    });
    expect(await checkFileType('foto.png', PDF, ['png'])).toEqual({ ok: false, reason: 'content' });
    expect(await checkFileType('teks.txt', Buffer.from([0x61, 0, 0x62]), ['txt'])).toEqual({
      ok: false,
      reason: 'content',
    });
  });

  it('refuses extensions the form does not accept', async () => {
    expect(await checkFileType('virus.exe', Buffer.from('MZ'), ['pdf'])).toEqual({ ok: false, reason: 'extension' });
    expect(await checkFileType('data.csv', Buffer.from('a,b'), ['pdf'])).toEqual({ ok: false, reason: 'extension' });
    expect(await documentType('tanpa-ekstensi', PDF)).toBeNull();
    expect(DOCUMENT_EXTENSIONS_HINT).toBe('.pdf, .png, .jpg, .docx, .xlsx, .pptx, .odt, .ods');
  });
});
