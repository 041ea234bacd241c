import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.js';

const MAX_DELAY_MS = 30;

/** Blocks this thread (and so the app's event loop, which it shares) as a long synchronous render would. */
function blockEventLoop(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Blocks the loop for a second, waits for the overload monitor's next sample to see it, then runs
 * `fn` while that sample stands (until the following one, 200 ms on).
 */
async function whileOverloaded<T>(t: TestApp, fn: () => Promise<T>): Promise<T> {
  blockEventLoop(1000);
  for (let i = 0; i < 200 && t.app.memoryUsage().eventLoopDelay <= MAX_DELAY_MS; i++)
    await new Promise((resolve) => setTimeout(resolve, 2));
  expect(t.app.memoryUsage().eventLoopDelay).toBeGreaterThan(MAX_DELAY_MS);
  return fn();
}

describe.each(DIALECTS)('overload protection (%s)', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: String(MAX_DELAY_MS),
      OVERLOAD_SAMPLE_MS: '200',
      OVERLOAD_RETRY_AFTER_SECONDS: '7',
    });
  });
  afterAll(async () => t?.close());

  it('answers normally while the event loop keeps up', async () => {
    for (let i = 0; i < 500 && t.app.memoryUsage().eventLoopDelay > MAX_DELAY_MS; i++)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await t.app.inject({ url: '/api/v1/home' })).statusCode).toBe(200);
  });

  it('sheds an API request with 503, Retry-After and the JSON error in the reader’s language', async () => {
    const [id, en] = await whileOverloaded(t, () =>
      Promise.all([
        t.app.inject({ url: '/api/v1/home' }),
        t.app.inject({ url: '/api/v1/home', headers: { 'accept-language': 'en' } }),
      ]),
    );
    for (const res of [id, en]) {
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('7');
      expect(res.json().error.code).toBe('OVERLOADED');
    }
    expect(id.json().error.message).toBe(
      'Server sedang sangat sibuk. Permintaan Anda belum diproses; coba lagi dalam 7 detik.',
    );
    expect(en.json().error.message).toBe(
      'The server is very busy and has not handled your request. Try again in 7 seconds.',
    );
  });

  it('sheds a page with an HTML error page, in English for a reader who chose it', async () => {
    const res = await whileOverloaded(t, () =>
      t.app.inject({ url: '/', headers: { accept: 'text/html', cookie: 'terbuka_lang=en' } }),
    );
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('The server is very busy and has not handled your request. Try again in 7 seconds.');
    expect(res.body).toContain('<html lang="en"');
  });

  it('sheds a CKAN API call with 503 in CKAN’s error shape', async () => {
    const res = await whileOverloaded(t, () => t.app.inject({ url: '/api/3/action/package_list' }));
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.json().success).toBe(false);
    expect(res.json().error.__type).toBe('Service Unavailable');
  });

  it('keeps answering /healthz under pressure', async () => {
    const res = await whileOverloaded(t, () => t.app.inject({ url: '/healthz' }));
    expect(res.statusCode).toBe(200);
    expect(res.json().ok).toBe(true);
  });
});

describe.each(DIALECTS)('overload protection: the bounded queue (%s)', (dialect) => {
  let t: TestApp;
  let base: string;
  beforeAll(async () => {
    // Only the bounded queue: a loaded test machine must not trip the event-loop check here.
    t = await createTestApp(dialect, {
      OVERLOAD_MAX_IN_FLIGHT: '1',
      OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: '0',
      OVERLOAD_RETRY_AFTER_SECONDS: '3',
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => t?.close());

  /** Requests (reading each answer whole) until one gets the wanted status, or `stop` says to give up. */
  async function untilStatus(status: number, stop = () => false) {
    for (let i = 0; i < 200 && !stop(); i++) {
      const res = await fetch(`${base}/api/v1/home`);
      const body = await res.text();
      if (res.status === status) return { headers: res.headers, body };
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return null;
  }

  /**
   * A client that sends its headers and then only part of the body: its request stays in flight.
   * Resolves once the server has taken the request in (its 'request' event follows Fastify's own
   * listener, which runs the synchronous onRequest hooks that count it).
   */
  async function heldRequest(): Promise<{ socket: net.Socket; answer: () => string }> {
    const seen = new Promise<void>((resolve) => {
      const onRequest = (request: { method?: string }) => {
        if (request.method !== 'POST') return;
        t.app.server.off('request', onRequest);
        resolve();
      };
      t.app.server.on('request', onRequest);
    });
    const socket = net.connect(Number(new URL(base).port), '127.0.0.1');
    let answered = '';
    socket.on('data', (chunk: Buffer) => {
      answered += chunk.toString();
    });
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    socket.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n');
    socket.write('Content-Length: 200\r\n\r\n{"email":');
    await seen;
    return { socket, answer: () => answered };
  }

  it('refuses a request beyond the limit at once, and accepts again when the held one ends', async () => {
    expect(await untilStatus(200)).not.toBeNull();
    // Lets that answer's 'close' run (the server counts it out then), so the held request is the only one.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const held = await heldRequest();
    try {
      const refused = await fetch(`${base}/api/v1/home`);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('3');
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('OVERLOADED');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(held.answer()).toBe('');
    } finally {
      held.socket.destroy();
    }
    expect(await untilStatus(200)).not.toBeNull();
  });
});
