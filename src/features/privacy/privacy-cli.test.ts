import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliTestEnv } from '../../../test/helpers/cli-env.js';
import { DIALECTS } from '../../../test/helpers/test-env.js';
import { importCommand } from '../../cli/import.command.js';
import { people, residentCsv } from './privacy.fixtures.js';
import { parseQuality } from '../datastore/quality-report.js';

describe.each(DIALECTS)('personal data through `terbuka import` (%s)', (dialect) => {
  const env = cliTestEnv(dialect);

  it('flags the columns in the report it prints and stores, and closes the original to the public', async () => {
    const file = path.join(env.t.config.dataDir, 'warga.csv');
    fs.writeFileSync(file, residentCsv(people(33, 7)));
    expect(await importCommand.run([file, '--dataset', 'warga-cli', '--org', 'kelurahan-klegen'])).toBe(0);
    const text = env.out.join('\n');
    expect(text).toContain('personal data (cannot be published as it is');
    expect(text).toContain('nik: nik (33 of 33)');
    expect(text).toContain('no_hp: phone (33 of 33)');
    const row = await env.t.storage.db
      .selectFrom('resources')
      .innerJoin('datastore_tables', 'datastore_tables.resource_id', 'resources.id')
      .select(['resources.original_file', 'datastore_tables.quality_json'])
      .executeTakeFirstOrThrow();
    expect(
      parseQuality(row.quality_json)
        ?.personalData?.map((f) => f.column)
        .sort(),
    ).toEqual(['email', 'nama', 'nik', 'no_hp', 'no_kk']);
    const closed = await env.t.storage.db.selectFrom('private_originals').select('original_file').execute();
    expect(closed.map((r) => r.original_file)).toEqual([row.original_file]);
  });
});
