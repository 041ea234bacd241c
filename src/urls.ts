/** Every URL the app makes comes from here, so links and routes cannot drift apart. */
export const urls = {
  home: () => '/',
  wilayahIndex: () => '/wilayah',
  wilayah: (kode: string) => `/wilayah/${encodeURIComponent(kode)}`,
  wilayahJson: (kode: string) => `/api/v1/wilayah/${encodeURIComponent(kode)}`,
  wilayahListJson: (query = '') => `/api/v1/wilayah${query}`,
  login: (next?: string) => (next ? `/masuk?next=${encodeURIComponent(next)}` : '/masuk'),
  logout: () => '/keluar',
  register: () => '/daftar',
  passwordForgot: () => '/lupa-sandi',
  passwordReset: (token: string) => `/atur-sandi/${encodeURIComponent(token)}`,
  account: () => '/akun',
  setup: (token: string) => `/setup/${encodeURIComponent(token)}`,
  admin: () => '/admin',
  adminUsers: () => '/admin/pengguna',
  adminUser: (id: string) => `/admin/pengguna/${encodeURIComponent(id)}`,
  adminOrganizations: () => '/admin/organisasi',
  adminOrganization: (id: string) => `/admin/organisasi/${encodeURIComponent(id)}`,
  adminOutbox: () => '/admin/outbox',
  adminAudit: () => '/admin/audit',
  language: (locale: string, next: string) => `/bahasa/${locale}?next=${encodeURIComponent(next)}`,
  apiDocs: () => '/api/docs',
  openapi: () => '/api/openapi.json',
  healthz: () => '/healthz',
};

/** Only same-site relative paths may be used as redirect targets. */
export function safeNext(next: unknown, fallback = '/'): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
    ? next
    : fallback;
}

/** Addresses that mean "every interface": fine to bind to, but no browser can open them. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);

/**
 * The site's public root for links printed, mailed and put in feeds: BASE_URL when set (without a
 * trailing slash), else where the server listens, so a link never names a port or interface
 * nobody serves on. A wildcard bind becomes `localhost`; an IPv6 address gets its brackets.
 */
export function siteBaseUrl(baseUrl: string | null, host: string, port: number): string {
  if (baseUrl) return baseUrl.replace(/\/+$/, '');
  const name = WILDCARD_HOSTS.has(host)
    ? 'localhost'
    : host.includes(':') && !host.startsWith('[')
      ? `[${host}]`
      : host;
  return `http://${name}:${port}`;
}
