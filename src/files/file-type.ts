import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';

/**
 * What an uploaded file really is, from its first bytes (the `file-type` package), checked against
 * its extension: a renamed program or web page is refused even when it is called "notulen.pdf".
 *
 * `file-type` cannot do two cases, so they are checked here:
 * - plain text (CSV, TXT) has no magic bytes: it passes when its first 8 KB hold no NUL byte;
 * - ZIP-based office documents: `file-type` names a DOCX/XLSX/ODS… by the entries it finds first,
 *   and calls documents written by other tools (or with their entries in another order) a plain
 *   ZIP. A ZIP is therefore accepted for any ZIP-based extension, as before; a file it identifies
 *   as a different ZIP-based type (a .xlsx that is a .docx) is still refused. The dataset ingest
 *   checks its XLSX archives itself, entry by entry (ingest/zip-inspect.ts).
 */

type Content = 'pdf' | 'png' | 'jpg' | 'zip' | 'text';

interface KnownType {
  mediaType: string;
  content: Content;
}

const OFFICE = 'application/vnd.openxmlformats-officedocument';

/** Every extension an upload form accepts somewhere, with the media type it is served as. */
const KNOWN_TYPES: Record<string, KnownType> = {
  pdf: { mediaType: 'application/pdf', content: 'pdf' },
  png: { mediaType: 'image/png', content: 'png' },
  jpg: { mediaType: 'image/jpeg', content: 'jpg' },
  jpeg: { mediaType: 'image/jpeg', content: 'jpg' },
  docx: { mediaType: `${OFFICE}.wordprocessingml.document`, content: 'zip' },
  xlsx: { mediaType: `${OFFICE}.spreadsheetml.sheet`, content: 'zip' },
  pptx: { mediaType: `${OFFICE}.presentationml.presentation`, content: 'zip' },
  odt: { mediaType: 'application/vnd.oasis.opendocument.text', content: 'zip' },
  ods: { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', content: 'zip' },
  csv: { mediaType: 'text/csv; charset=utf-8', content: 'text' },
  txt: { mediaType: 'text/plain; charset=utf-8', content: 'text' },
};

/** Forum documents and assessment evidence: PDF, images and office documents (not text). */
export const DOCUMENT_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'docx', 'xlsx', 'pptx', 'odt', 'ods'] as const;
/** The list shown on document forms (.jpeg is accepted without being advertised). */
export const DOCUMENT_EXTENSIONS_HINT = DOCUMENT_EXTENSIONS.filter((e) => e !== 'jpeg')
  .map((e) => `.${e}`)
  .join(', ');

/** What `file-type` may call each kind of content (an Illustrator file is a PDF, an APNG a PNG). */
const DETECTED_AS: Record<Exclude<Content, 'text'>, readonly string[]> = {
  pdf: ['pdf', 'ai'],
  png: ['png', 'apng'],
  jpg: ['jpg'],
  zip: ['zip'],
};

/** The extension in lower case, without its dot ("" when there is none). */
export const extensionOf = (fileName: string): string => path.extname(fileName).slice(1).toLowerCase();

export type TypeCheck = { ok: true; mediaType: string } | { ok: false; reason: 'extension' | 'content' };

/**
 * Whether a file with this name and content is one of the `accepted` extensions and its first
 * bytes agree; on success, the media type to store and serve it with.
 */
export async function checkFileType(fileName: string, data: Buffer, accepted: readonly string[]): Promise<TypeCheck> {
  const ext = extensionOf(fileName);
  const known = accepted.includes(ext) ? KNOWN_TYPES[ext] : undefined;
  if (!known) return { ok: false, reason: 'extension' };
  return (await contentIs(known.content, ext, data))
    ? { ok: true, mediaType: known.mediaType }
    : { ok: false, reason: 'content' };
}

async function contentIs(content: Content, ext: string, data: Buffer): Promise<boolean> {
  if (content === 'text') return !data.subarray(0, 8192).includes(0);
  const detected = (await fileTypeFromBuffer(data))?.ext;
  if (!detected) return false;
  if (content === 'zip' && detected === ext) return true;
  return DETECTED_AS[content].includes(detected);
}

/** The media type of an accepted document, or null when its name or content is not one. */
export async function documentType(fileName: string, data: Buffer): Promise<string | null> {
  const check = await checkFileType(fileName, data, DOCUMENT_EXTENSIONS);
  return check.ok ? check.mediaType : null;
}
