/** One file part; `field` defaults to "file", `type` to application/octet-stream. */
export interface MultipartFile {
  field?: string;
  name: string;
  type?: string;
  content: Buffer | string;
}

/**
 * A multipart/form-data body for app.inject: the text fields, then the files. The result carries
 * the content type both as `headers` (to spread into a request) and as `contentType`.
 */
export function multipart(fields: Record<string, string>, files?: MultipartFile | MultipartFile[] | null) {
  const boundary = '----terbukaTest' + Math.random().toString(16).slice(2);
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  for (const file of files ? (Array.isArray(files) ? files : [files]) : []) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content), Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const contentType = `multipart/form-data; boundary=${boundary}`;
  return { payload: Buffer.concat(parts), headers: { 'content-type': contentType }, contentType };
}
