import http from 'node:http';

/** The app's JSON envelope, loosely typed: a check reads the fields it asserts. */
export interface ApiBody {
  ok: boolean;
  data: Record<string, unknown>;
  error: { code: string; message: string };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The backend that answered, from the load balancer's `X-Terbuka-Backend` header. */
  backend: string | undefined;
  json<T = ApiBody>(): T;
  text(): string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** A JSON body (sent as application/json), or raw bytes with their own content type in `headers`. */
  body?: unknown;
  /**
   * The local address to connect from (any of 127.0.0.0/8): a client with an IP of its own, as
   * the app sees it through X-Forwarded-For. Checks of per-IP limits use one each.
   */
  from?: string;
}

/**
 * One HTTP request on a fresh connection (node:http, not fetch, for `from`). A connection the
 * server drops (a killed backend) rejects, like a browser's network error.
 */
export function send(base: string, method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
  const url = new URL(path, base);
  const raw = Buffer.isBuffer(options.body);
  const payload =
    options.body === undefined ? undefined : raw ? (options.body as Buffer) : Buffer.from(JSON.stringify(options.body));
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (payload && !raw) headers['content-type'] = 'application/json';
  if (payload) headers['content-length'] = String(payload.length);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers,
        agent: false,
        ...(options.from ? { localAddress: options.from } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const backend = res.headers['x-terbuka-backend'];
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            backend: Array.isArray(backend) ? backend[0] : backend,
            json: () => JSON.parse(body.toString('utf8')),
            text: () => body.toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The `name=value` pairs of a reply's Set-Cookie headers, as a Cookie header. */
export function cookiesOf(reply: Reply): string {
  return (reply.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
}
