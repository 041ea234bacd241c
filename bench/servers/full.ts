// The full Terbuka app as in production (pino logging at info, every hook and plugin on), on SQLite.
import { loadConfig } from '../../src/config/config.js';
import { createDatabase } from '../../src/storage/database.js';
import { buildApp } from '../../src/app/build-app.js';

const config = loadConfig(process.env, { LOG_LEVEL: 'info' });
const storage = createDatabase(config);
const app = await buildApp({ config, storage });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`PORT ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => process.exit(0));
