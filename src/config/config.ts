import path from 'node:path';
import v8 from 'node:v8';
import { z } from 'zod';
import { SETTINGS, type SettingName } from './defaults.js';
import { trustProxySetting, type TrustProxy } from './trust-proxy.js';
import { canonicalTimeZone, setTimeZone, timeZone } from '../time/local-time.js';
import { siteBaseUrl } from '../urls.js';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  PORT: int(0, 65535),
  HOST: z.string().min(1),
  TERBUKA_DATA_DIR: z.string().min(1),
  DATABASE_URL: z.string().refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v), 'must start with postgres://'),
  FILE_STORE: z.enum(['', 'local', 'database']),
  PG_POOL_SIZE: int(1, 100),
  BASE_URL: z.string().refine((v) => v === '' || /^https?:\/\//.test(v), 'must start with http:// or https://'),
  TRUST_PROXY: trustProxySetting,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  LOG_REQUESTS: bool,
  SLOW_REQUEST_MS: int(1, 600_000),
  DEFAULT_LOCALE: z.enum(['id', 'en']),
  SITE_NAME: z.string().min(1),
  SESSION_TTL_HOURS: int(1, 24 * 365),
  LOGIN_MAX_ATTEMPTS: int(1, 1000),
  LOGIN_LOCK_MINUTES: int(1, 24 * 60),
  LOGIN_RATE_PER_MINUTE: int(1, 100_000),
  SMTP_URL: z.string(),
  MAIL_FROM: z.string().min(3),
  MAX_BODY_KB: int(1, 1024 * 1024),
  MAX_UPLOAD_MB: int(1, 10_000),
  EVIDENCE_MAX_MB: int(1, 1000),
  OGP_JURISDICTION_CODE: z.string().regex(/^[A-Z]{4,8}$/, 'must be 4–8 capital letters, e.g. IDMDN'),
  SUPPRESSION_THRESHOLD: int(0, 1000),
  PRIVACY_MASK_SECRET: z.string().refine((v) => v === '' || v.length >= 32, 'at least 32 characters'),
  AUDIT_SECRET: z.string().refine((v) => v === '' || v.length >= 32, 'at least 32 characters'),
  CSRF_SECRET: z.string().refine((v) => v === '' || v.length >= 32, 'at least 32 characters'),
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: int(0, 600_000),
  OVERLOAD_MAX_HEAP_MB: z.union([z.literal(''), int(0, 1024 * 1024)]),
  OVERLOAD_MAX_IN_FLIGHT: int(0, 1_000_000),
  OVERLOAD_SAMPLE_MS: int(10, 60_000),
  OVERLOAD_RETRY_AFTER_SECONDS: int(1, 3600),
  PAGE_CACHE_SECONDS: int(0, 3600),
  PAGE_CACHE_MAX_ENTRIES: int(1, 1_000_000),
  JOB_LEASE_SECONDS: int(1, 3600),
  JOB_POLL_MS: int(10, 600_000),
  JOB_SWEEP_MINUTES: int(1, 24 * 60),
  JOB_SWEEP_FILE_GRACE_MINUTES: int(0, 7 * 24 * 60),
  TIME_ZONE: z
    .string()
    .refine(
      (v) => canonicalTimeZone(v) !== null,
      'must be an IANA time zone name, e.g. Asia/Jakarta, Asia/Makassar or Asia/Jayapura',
    ),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  /** Where uploaded files live: the local disk or the database (files/file-store-choice.ts). */
  readonly fileStore: 'local' | 'database';
  readonly pgPoolSize: number;
  /** BASE_URL, or where the server listens (HOST:PORT) when it is not set. */
  readonly baseUrl: string;
  /** BASE_URL as set, or null: `serve` on port 0 then links to the port it was given. */
  readonly baseUrlSetting: string | null;
  /** false, a hop count, or the proxies' addresses/CIDRs (Fastify's trustProxy). */
  readonly trustProxy: TrustProxy;
  readonly logLevel: string;
  readonly logRequests: boolean;
  readonly slowRequestMs: number;
  readonly defaultLocale: 'id' | 'en';
  readonly siteName: string;
  readonly sessionTtlHours: number;
  readonly loginMaxAttempts: number;
  readonly loginLockMinutes: number;
  readonly loginRatePerMinute: number;
  readonly smtpUrl: string | null;
  readonly mailFrom: string;
  readonly maxBodyBytes: number;
  readonly maxUploadBytes: number;
  readonly evidenceMaxBytes: number;
  readonly ogpJurisdictionCode: string;
  readonly suppressionThreshold: number;
  readonly privacyMaskSecret: string | null;
  readonly auditSecret: string | null;
  readonly csrfSecret: string | null;
  /** Overload protection (http/overload.ts); 0 turns a check off. */
  readonly overload: OverloadSettings;
  /** The cache of hot public answers (http/page-cache.ts); 0 seconds turns it off. */
  readonly pageCache: { readonly seconds: number; readonly maxEntries: number };
  /** The job queue (src/jobs/): lease length, poll interval, sweep interval, file grace, in ms. */
  readonly jobs: { leaseMs: number; pollMs: number; sweepMinutes: number; fileGraceMs: number };
  /** IANA name; also set as the process's zone for the date helpers (time/local-time.ts). */
  readonly timeZone: string;
}

export interface OverloadSettings {
  readonly maxEventLoopDelayMs: number;
  readonly maxHeapBytes: number;
  readonly maxInFlight: number;
  readonly sampleMs: number;
  readonly retryAfterSeconds: number;
}

export class ConfigError extends Error {}

/** Reads settings from the environment once, validates them, and returns a frozen object. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<Record<SettingName, string>> = {},
): Config {
  const raw: Record<string, string> = {};
  for (const [name, setting] of Object.entries(SETTINGS)) {
    raw[name] = overrides[name as SettingName] ?? env[name] ?? setting.default;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const s = parsed.data;
  setTimeZone(s.TIME_ZONE);
  const dataDir = path.resolve(s.TERBUKA_DATA_DIR);
  return Object.freeze({
    port: s.PORT,
    host: s.HOST,
    dataDir,
    databaseUrl: s.DATABASE_URL || null,
    fileStore: s.FILE_STORE || (s.DATABASE_URL ? 'database' : 'local'),
    pgPoolSize: s.PG_POOL_SIZE,
    baseUrl: siteBaseUrl(s.BASE_URL || null, s.HOST, s.PORT),
    baseUrlSetting: s.BASE_URL || null,
    trustProxy: s.TRUST_PROXY,
    logLevel: s.LOG_LEVEL,
    logRequests: s.LOG_REQUESTS,
    slowRequestMs: s.SLOW_REQUEST_MS,
    defaultLocale: s.DEFAULT_LOCALE,
    siteName: s.SITE_NAME,
    sessionTtlHours: s.SESSION_TTL_HOURS,
    loginMaxAttempts: s.LOGIN_MAX_ATTEMPTS,
    loginLockMinutes: s.LOGIN_LOCK_MINUTES,
    loginRatePerMinute: s.LOGIN_RATE_PER_MINUTE,
    smtpUrl: s.SMTP_URL || null,
    mailFrom: s.MAIL_FROM,
    maxBodyBytes: s.MAX_BODY_KB * 1024,
    maxUploadBytes: s.MAX_UPLOAD_MB * 1024 * 1024,
    evidenceMaxBytes: s.EVIDENCE_MAX_MB * 1024 * 1024,
    ogpJurisdictionCode: s.OGP_JURISDICTION_CODE,
    suppressionThreshold: s.SUPPRESSION_THRESHOLD,
    privacyMaskSecret: s.PRIVACY_MASK_SECRET || null,
    auditSecret: s.AUDIT_SECRET || null,
    csrfSecret: s.CSRF_SECRET || null,
    overload: Object.freeze({
      maxEventLoopDelayMs: s.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
      maxHeapBytes:
        s.OVERLOAD_MAX_HEAP_MB === ''
          ? Math.floor(v8.getHeapStatistics().heap_size_limit * 0.9)
          : s.OVERLOAD_MAX_HEAP_MB * 1024 * 1024,
      maxInFlight: s.OVERLOAD_MAX_IN_FLIGHT,
      sampleMs: s.OVERLOAD_SAMPLE_MS,
      retryAfterSeconds: s.OVERLOAD_RETRY_AFTER_SECONDS,
    }),
    pageCache: Object.freeze({ seconds: s.PAGE_CACHE_SECONDS, maxEntries: s.PAGE_CACHE_MAX_ENTRIES }),
    jobs: {
      leaseMs: s.JOB_LEASE_SECONDS * 1000,
      pollMs: s.JOB_POLL_MS,
      sweepMinutes: s.JOB_SWEEP_MINUTES,
      fileGraceMs: s.JOB_SWEEP_FILE_GRACE_MINUTES * 60_000,
    },
    timeZone: timeZone(),
  });
}
