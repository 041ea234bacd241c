import { describe, expect, it } from 'vitest';
import { cliTestEnv } from '../../test/helpers/cli-env.js';
import { DIALECTS } from '../../test/helpers/test-env.js';
import { userCommand } from './user.command.js';

describe.each(DIALECTS)('`terbuka user create` prints a set-password link that opens (%s)', (dialect) => {
  const env = cliTestEnv(dialect);
  const link = () => env.out.join('\n').match(/^ {2}(\S+\/atur-sandi\/[\w-]+)$/m)?.[1];

  it('starts the link with BASE_URL when it is set', async () => {
    process.env.BASE_URL = 'https://terbuka.madiunkota.go.id/';
    process.env.PORT = '8080';
    env.out.length = 0;
    expect(await userCommand.run(['create', '--email', 'poc@madiunkota.go.id', '--role', 'admin'])).toBe(0);
    expect(link()).toMatch(/^https:\/\/terbuka\.madiunkota\.go\.id\/atur-sandi\//);
  });

  it('otherwise uses the host and port the server is configured to listen on, not localhost:3000', async () => {
    process.env.BASE_URL = '';
    process.env.PORT = '8080';
    process.env.HOST = '10.20.0.7';
    env.out.length = 0;
    expect(await userCommand.run(['create', '--email', 'walidata@madiunkota.go.id', '--role', 'walidata'])).toBe(0);
    expect(link()).toMatch(/^http:\/\/10\.20\.0\.7:8080\/atur-sandi\//);
    // Listening on every interface: the link names this machine, which a browser can open.
    process.env.HOST = '0.0.0.0';
    env.out.length = 0;
    expect(await userCommand.run(['create', '--email', 'walidata@madiunkota.go.id', '--role', 'walidata'])).toBe(0);
    expect(link()).toMatch(/^http:\/\/localhost:8080\/atur-sandi\//);
  });
});
