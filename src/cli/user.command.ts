import { loadConfig } from '../config/config.js';
import { openReadyStorage } from './bootstrap.js';
import { parseFlags } from './args.js';
import { CliError, type Command } from './cli-error.js';
import { ROLES, type Role } from '../actor/actor.js';
import { createUser, grantRole, issueOneTimeToken } from '../features/account/account.service.js';
import { findUserByEmail } from '../features/account/account.repository.js';
import { newSecret } from '../ids.js';
import { urls } from '../urls.js';
import { AppError } from '../errors.js';
import { translator } from '../i18n/i18n.js';

const usage = `Usage: terbuka user create --email EMAIL --role ROLE [--org SLUG] [--name NAME]

Creates an account (or adds the role to an existing one) and prints a one-time link where the
person sets their own password (valid 72 hours). Roles: ${ROLES.join(', ')}.
The link starts with BASE_URL, or http://HOST:PORT when BASE_URL is not set.
  --org SLUG   organisation the role acts for (required for produsen and monitor)`;

export const userCommand: Command = {
  name: 'user',
  summary: 'Create an account with a role (e.g. the first admin)',
  usage,
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === '--help' || sub === '-h' || sub === undefined) return (console.log(usage), sub === undefined ? 2 : 0);
    if (sub !== 'create') throw new CliError(`Unknown user action "${sub}".\n\n${usage}`);
    const { values } = parseFlags(
      rest,
      { email: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' } },
      usage,
    );
    if (values.help) return (console.log(usage), 0);
    if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email))
      throw new CliError(`--email must be an e-mail address.\n\n${usage}`);
    if (!values.role || !ROLES.includes(values.role as Role))
      throw new CliError(`--role must be one of: ${ROLES.join(', ')}.`);
    const config = loadConfig();
    const storage = await openReadyStorage(config);
    try {
      const db = storage.db;
      let orgId: string | null = null;
      if (values.org) {
        const org = await db.selectFrom('organizations').select('id').where('slug', '=', values.org).executeTakeFirst();
        if (!org)
          throw new CliError(`No organisation with slug "${values.org}". Admins list them at /admin/organisasi.`);
        orgId = org.id;
      }
      const actor = { id: null, label: 'cli' };
      let created = false;
      const userId = await db.transaction().execute(async (trx) => {
        const existing = await findUserByEmail(trx, values.email!);
        let id = existing?.id;
        if (!id) {
          id = await createUser(trx, {
            email: values.email!,
            name: values.name ?? values.email!.split('@')[0]!,
            password: newSecret(),
          });
          created = true;
        }
        await grantRole(trx, actor, id, values.role as Role, orgId);
        return id;
      });
      console.log(
        `${created ? 'Created' : 'Updated'} ${values.email} with role ${values.role}${values.org ? ` for ${values.org}` : ''}.`,
      );
      const token = await issueOneTimeToken(db, 'password_reset', userId, 72);
      console.log(`Set the password here (one use, 72 hours):\n  ${config.baseUrl}${urls.passwordReset(token)}`);
      return 0;
    } catch (error) {
      if (error instanceof AppError)
        throw new CliError(
          translator('en')(`error.${error.code}`) + (error.details ? ` ${JSON.stringify(error.details)}` : ''),
          1,
        );
      throw error;
    } finally {
      await storage.close();
    }
  },
};
