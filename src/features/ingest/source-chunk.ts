/**
 * A piece of the source for the load pass: records as string cells, or (UTF-8 CSV/TSV) complete
 * lines `bytes[start, end)` that are valid UTF-8 and contain no quote character. The bytes are
 * only valid until the next piece is requested. (Its own file: row sources and the CSV byte
 * reader both use it, and neither should import the other for it.)
 */
export type SourceChunk = { rows: string[][] } | { bytes: Buffer; start: number; end: number; delimiter: number };
