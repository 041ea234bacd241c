import { pino, type Logger } from 'pino';
import type { Config } from '../config/config.js';

/** The process's logger; credentials in request headers never reach the log. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] });
}
