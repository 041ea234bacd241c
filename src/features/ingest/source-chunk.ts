/* A leaf of its own: row-sources.ts makes these pieces and csv-byte-chunks.ts (which row-sources.ts uses) yields them. */

/**
 * A piece of the source for the load pass: records as string cells, or (UTF-8 CSV/TSV) complete
 * lines `bytes[start, end)` that are valid UTF-8 and contain no quote character. The bytes are
 * only valid until the next piece is requested.
 */
export type SourceChunk = { rows: string[][] } | { bytes: Buffer; start: number; end: number; delimiter: number };
