/**
 * Node's per-encoding Buffer methods: public in every Node release but missing from the type
 * definitions. They skip `toString`/`write`'s encoding dispatch, which counts on ingest hot paths.
 */
interface EncodingMethods {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
  latin1Write(s: string, offset: number): number;
  utf8Write(s: string, offset: number): number;
}

export const encodingMethods = (b: Buffer): EncodingMethods => b as unknown as EncodingMethods;

/** The text of `buf[start, end)`: Latin-1 when the caller knows it is all ASCII (faster), else UTF-8. */
export const textOf = (buf: Buffer, start: number, end: number, ascii: boolean): string =>
  ascii ? encodingMethods(buf).latin1Slice(start, end) : encodingMethods(buf).utf8Slice(start, end);
