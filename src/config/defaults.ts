/**
 * Every setting Terbuka reads, with its default. docs/configuration.md documents each one;
 * a test fails when the two drift apart.
 */
export const SETTINGS = {
  PORT: { default: '3000', description: 'TCP port the HTTP server listens on (also `terbuka serve --port`).' },
  HOST: {
    default: '127.0.0.1',
    description:
      'Interface the HTTP server binds to (also `--host`). Only this machine by default, for a reverse proxy' +
      ' in front; `0.0.0.0` listens on every interface (a container, or no proxy).',
  },
  TERBUKA_DATA_DIR: { default: './data', description: 'Folder for the SQLite database, uploaded files and backups.' },
  DATABASE_URL: { default: '', description: 'When set to `postgres://…`, PostgreSQL is used instead of SQLite.' },
  FILE_STORE: {
    default: '',
    description:
      'Where uploaded originals, evidence and forum documents are kept: `local` (under the data folder) or `database`' +
      ' (in the database, in 1 MiB chunks, streamed; every app process on the database sees every file). Empty' +
      ' (default): `database` on PostgreSQL, `local` on SQLite. No S3-compatible store (none could be tested here).',
  },
  PG_POOL_SIZE: {
    default: '4',
    description: 'Connections per app process in the PostgreSQL pool (2–4 suits 2 cores).',
  },
  BASE_URL: {
    default: '',
    description:
      'Public URL of the portal (e.g. `https://data.madiunkota.go.id`); used in links, feeds, mails and the links' +
      ' the CLI prints. Defaults to http://HOST:PORT (localhost when HOST is 0.0.0.0).',
  },
  TRUST_PROXY: {
    default: 'false',
    description:
      'Behind a load balancer or reverse proxy: the number of proxies in front (e.g. `1`), or a comma list of their' +
      ' addresses or CIDR ranges (e.g. `127.0.0.1,10.0.0.0/8`; `loopback`, `linklocal` and `uniquelocal` name the' +
      ' private ranges). Client IPs and HTTPS are then read from the X-Forwarded-* headers those proxies add.' +
      ' `false` (default) reads none; `true` is refused, as it would let a client choose its own IP.',
  },
  LOG_LEVEL: { default: 'info', description: 'pino log level: fatal, error, warn, info, debug, trace or silent.' },
  LOG_REQUESTS: {
    default: 'false',
    description: 'Log one line per request (`true`). Errors and slow requests are always logged.',
  },
  SLOW_REQUEST_MS: { default: '1000', description: 'Requests slower than this are logged at warn level.' },
  DEFAULT_LOCALE: { default: 'id', description: 'Language for visitors who have not chosen one: `id` or `en`.' },
  SITE_NAME: { default: 'Terbuka Kota Madiun', description: 'Name shown in the page header and feeds.' },
  SESSION_TTL_HOURS: { default: '336', description: 'How long a login session lasts without use (hours).' },
  LOGIN_MAX_ATTEMPTS: { default: '5', description: 'Failed logins before an account is locked.' },
  LOGIN_LOCK_MINUTES: { default: '15', description: 'How long a locked account stays locked.' },
  LOGIN_RATE_PER_MINUTE: {
    default: '10',
    description: 'Login, registration and password-reset posts accepted per client IP per minute (per app process).',
  },
  SMTP_URL: {
    default: '',
    description: 'SMTP server (`smtp://user:pass@host:587`). Without it, mails go to the outbox admins read in the UI.',
  },
  MAIL_FROM: { default: 'Terbuka <noreply@localhost>', description: 'Sender address of outgoing mail.' },
  MAX_BODY_KB: {
    default: '1024',
    description: 'Largest form or JSON body accepted (KB); uploads have their own limit.',
  },
  MAX_UPLOAD_MB: { default: '100', description: 'Largest dataset file accepted for upload (MB).' },
  EVIDENCE_MAX_MB: { default: '10', description: "Largest evidence file for a milestone (MB), as in OGP's own form." },
  OGP_JURISDICTION_CODE: {
    default: 'IDMDN',
    description: 'Prefix of generated OGP commitment IDs (country + place, e.g. IDMDN0001).',
  },
  SUPPRESSION_THRESHOLD: {
    default: '5',
    description: 'Counts of people below this are suppressed in every public page, export and API.',
  },
  TIME_ZONE: {
    default: 'Asia/Jakarta',
    description:
      'Local time zone (IANA name) for calendars, due dates and displayed times: `Asia/Jakarta` (WIB), ' +
      '`Asia/Makassar` (WITA), `Asia/Jayapura` (WIT) or any other, e.g. `Europe/Madrid`.',
  },
  PRIVACY_MASK_SECRET: {
    default: '',
    description:
      'Key (32+ characters) for the keyed hash that masks NIK and KK numbers. ' +
      'Empty: a random key is made once in the data folder (`privacy-mask.key`); keep it with backups.',
  },
  AUDIT_SECRET: {
    default: '',
    description:
      'Key (32+ characters) of the HMAC that chains the audit log and signs its checkpoints. ' +
      'Empty: a random key is made once in the data folder (`audit-chain.key`); keep it outside the database.',
  },
  CSRF_SECRET: {
    default: '',
    description:
      'Key (32+ characters) of the HMAC that binds CSRF tokens to sessions. Empty: a random key is made once in the' +
      ' data folder (`csrf.key`). Every app process behind one load balancer needs the same key: share the data' +
      ' folder or set this.',
  },
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: {
    default: '200',
    description:
      'Overload protection: while the mean event-loop delay over the last sample exceeds this (ms), new requests' +
      " are shed with 503 and Retry-After (an error page or JSON error in the reader's language); `/healthz` is" +
      ' exempt. `0` turns this check off.',
  },
  OVERLOAD_MAX_HEAP_MB: {
    default: '',
    description:
      'Overload protection: shed new requests while the V8 heap in use exceeds this (MB). Empty: 90 % of the' +
      ' heap limit of the process; `0` turns this check off.',
  },
  OVERLOAD_MAX_IN_FLIGHT: {
    default: '1000',
    description:
      'Overload protection, the bounded queue: requests one app process holds at once (being read, waiting for' +
      ' the database or being answered); one more is shed with 503 at once instead of waiting. `0` turns it off.',
  },
  OVERLOAD_SAMPLE_MS: {
    default: '500',
    description: 'How often the event-loop delay and heap are sampled for overload protection (ms, at least 10).',
  },
  OVERLOAD_RETRY_AFTER_SECONDS: {
    default: '10',
    description: 'The Retry-After (seconds) of a request shed by overload protection.',
  },
  PAGE_CACHE_SECONDS: {
    default: '5',
    description:
      'How long a hot public answer (home, catalogue, dataset page and its JSON, datastore_search) rendered for' +
      ' a signed-out visitor is reused (seconds). Any write this process makes drops every such answer at once;' +
      ' this bounds how long a write by another app process, or a time-dependent label, can lag. `0` turns it off.',
  },
  PAGE_CACHE_MAX_ENTRIES: {
    default: '1000',
    description: 'Answers the page cache keeps per app process (the least recently used go first).',
  },
  JOB_LEASE_SECONDS: {
    default: '30',
    description:
      'How long a background job (an ingest load, a mail, a sweep) holds its lease without a heartbeat; the running' +
      ' process renews it every third of that. A job whose holder died is retried or failed once it lapses.',
  },
  JOB_POLL_MS: { default: '1000', description: 'How often each `serve` process looks for due jobs in the queue.' },
  JOB_SWEEP_MINUTES: {
    default: '10',
    description:
      'Interval of the sweep (a scheduled job, also run at start) that fails dead jobs and removes their leftovers.',
  },
  JOB_SWEEP_FILE_GRACE_MINUTES: {
    default: '60',
    description:
      'The sweep removes unreferenced uploaded originals only when they are older than this (an upload may be under way).',
  },
} as const satisfies Record<string, { default: string; description: string }>;

export type SettingName = keyof typeof SETTINGS;
