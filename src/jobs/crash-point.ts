/**
 * Deterministic kill points for the crash tests: with TERBUKA_TEST_CRASH_AT=<stage> the process
 * kills itself with SIGKILL (no handler, no cleanup: `kill -9`) when it reaches that stage, so a
 * test need not race a timer. Unset in production; a stage name is a plain string.
 */
export function crashPoint(stage: string): void {
  if (process.env.TERBUKA_TEST_CRASH_AT === stage) process.kill(process.pid, 'SIGKILL');
}
