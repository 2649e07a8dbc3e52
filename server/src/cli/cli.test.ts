import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../services.ts';
import { systemClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';
import { runCli } from './cli.ts';
import type { CliIo } from './io.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const FIXTURE = join(ROOT, 'server/src/importer/fixtures/tickets-small.csv');

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'baton-cli-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Runs the real entry point, as `npm run baton -- …` does. */
function baton(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, BATON_DATA_DIR: dataDir, BATON_DEMO: '1' };
  delete env.MONGODB_URI;
  delete env.BATON_ADMIN_TOKEN;
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/main.ts', ...args],
      { cwd: ROOT, env, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Runs the dispatcher in-process with captured output (no store needed for these). */
async function inProcess(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { BATON_DATA_DIR: dataDir },
    cwd: ROOT,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

describe('baton CLI (spawned)', () => {
  it('imports tickets and prints the summary as one JSON line; a second run creates nothing', async () => {
    const first = await baton(['import', 'tickets', FIXTURE, '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const summary = JSON.parse(lines[0] as string);
    expect(summary).toMatchObject({
      file: FIXTURE,
      rows: 11,
      created: 6,
      alreadyImported: 0,
      skipped: 5,
      withoutAnswer: 2,
      prioritiesMapped: { very_low: 2 },
    });
    expect(summary.skippedRows.map((r: { line: number }) => r.line)).toEqual([6, 7, 8, 11, 14]);

    const second = await baton(['import', 'tickets', FIXTURE, '--json']);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ created: 0, alreadyImported: 6, skipped: 5 });
  });

  it('prints a readable summary without --json', async () => {
    const { code, stdout } = await baton(['import', 'tickets', FIXTURE]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/created\s+6/);
    expect(stdout).toMatch(/priorities mapped\s+2 {2}\(very_low → low: 2\)/);
    expect(stdout).toContain('line 8: priority must be one of low, medium, high, critical (got "urgent")');
    expect(stdout).toContain('line 14: unterminated quoted field');
  });

  it('fails with a clear message, not a stack, when a running server holds the store', async () => {
    const store = await openStore({ dataDir });
    try {
      const { code, stdout, stderr } = await baton(['import', 'tickets', FIXTURE, '--json']);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/^error: the store in .* is in use, probably by a running Baton server/);
      expect(stderr).toContain('Stop the server');
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      await store.close();
    }
  });

  it('rotates the admin token and prints only the token on stdout', async () => {
    const { code, stdout, stderr } = await baton(['admin-token', 'rotate']);
    expect(code).toBe(0);
    const token = stdout.trim();
    expect(token).not.toContain('\n');
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(stderr).toContain('not shown again');

    const store = await openStore({ dataDir });
    try {
      const services = await createServices({ store, clock: systemClock, log: { error: () => {} } });
      expect(await services.auth.bootstrapAdminToken(undefined)).toEqual({ source: 'stored' });
      expect(await services.auth.authenticate(token)).toMatchObject({ kind: 'adminToken', roles: ['admin'] });
    } finally {
      await store.close();
    }
  });
});

describe('baton CLI usage', () => {
  it('lists the commands with help, and exits 2 without a command', async () => {
    const help = await inProcess(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('import tickets');
    expect(help.stdout).toContain('admin-token rotate');
    const none = await inProcess([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage:');
  });

  it('shows the options of one command', async () => {
    for (const args of [
      ['help', 'import', 'tickets'],
      ['import', 'tickets', '--help'],
    ]) {
      const { code, stdout } = await inProcess(args);
      expect(code).toBe(0);
      expect(stdout).toContain('Usage: npm run baton -- import tickets FILE.csv [--json]');
    }
  });

  it.each([
    [['frobnicate'], /unknown command: frobnicate/],
    [['import'], /import needs a subcommand: import tickets/],
    [['import', 'tickets'], /name the CSV file to import/],
    [['import', 'tickets', 'a.csv', 'b.csv'], /expected one file, got 2/],
    [['import', 'tickets', 'no-such-file.csv'], /no such file: no-such-file.csv/],
    [['import', 'tickets', 'server'], /server is not a file/],
    [['import', 'tickets', FIXTURE, '--verbose'], /Unknown option '--verbose'/],
    [['admin-token', 'rotate', 'now'], /takes no arguments/],
  ])('exits 2 on a wrong command line: %j', async (args, message) => {
    const { code, stdout, stderr } = await inProcess(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });

  it('exits 1 with the reason when the file cannot be imported as a whole', async () => {
    const { code, stderr } = await inProcess(['import', 'tickets', 'package.json']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: the header row must name the columns subject and body/);
  });

  it('exits 1 on a configuration error', async () => {
    let stderr = '';
    const code = await runCli(['admin-token', 'rotate'], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      env: { BATON_DATA_DIR: dataDir, BATON_FSYNC: 'sometimes' },
      cwd: ROOT,
    });
    expect(code).toBe(1);
    expect(stderr).toBe('error: configuration: BATON_FSYNC must be "always" or "interval"\n');
  });
});
