/**
 * `plugin new`, as an integrator uses it: scaffold a plugin, run its own tests with the SDK's test
 * kit (a real vitest run in a separate process), and see Baton's host load it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPluginFolder } from '@baton/plugin-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../plugins/host.ts';
import { runCli } from '../cli.ts';
import type { CliIo } from '../io.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baton-scaffold-'));
  // The scaffolded folder resolves @baton/plugin-sdk and vitest as a folder of plugins/ does.
  await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: {},
    cwd: dir,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

function vitest(folder: string): Promise<{ code: number; output: string }> {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', folder, '--reporter', 'default'],
      { cwd: folder, env: { ...env, NODE_ENV: 'test', NO_COLOR: '1' }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === 'number' ? error.code : 1) : 0,
          // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping terminal colours
          output: (stdout + stderr).replace(/\x1b\[[0-9;]*m/g, ''),
        }),
    );
  });
}

describe('plugin new', () => {
  it('scaffolds a notifier whose own test passes with the kit, and which the host loads', async () => {
    const res = await cli(['plugin', 'new', 'acme-pager', '--dir', '.']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Created notifier plugin acme-pager');
    const folder = join(dir, 'acme-pager');
    for (const file of ['plugin.json', 'package.json', 'README.md', 'src/index.ts', 'src/index.test.ts']) {
      expect(existsSync(join(folder, file)), file).toBe(true);
    }
    const manifest = JSON.parse(await readFile(join(folder, 'plugin.json'), 'utf8'));
    expect(manifest).toMatchObject({
      name: 'acme-pager',
      capabilities: [{ kind: 'notifier', channel: 'acme-pager' }],
    });

    const loaded = await loadPluginFolder(folder);
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);

    const run = await vitest(folder);
    expect(run.output).toMatch(/Tests\s+3 passed/);
    expect(run.code, run.output).toBe(0);
  }, 120_000);

  it('scaffolds a signed ingest webhook with --kind ingest, whose test passes too', async () => {
    const res = await cli(['plugin', 'new', 'acme-forms', '--kind', 'ingest', '--dir', '.']);
    expect(res.code, res.stderr).toBe(0);
    const folder = join(dir, 'acme-forms');
    const loaded = await loadPluginFolder(folder);
    expect(loaded.ok && loaded.manifest.capabilities).toEqual([
      { kind: 'ingest', routes: [{ method: 'POST', path: '/events', summary: 'One inbound message' }] },
    ]);
    const run = await vitest(folder);
    expect(run.output).toMatch(/Tests\s+3 passed/);
    expect(run.code, run.output).toBe(0);
  }, 120_000);

  it('refuses a bad name, an unknown kind and an existing folder', async () => {
    expect((await cli(['plugin', 'new', 'Bad_Name'])).code).toBe(2);
    expect((await cli(['plugin', 'new', 'fine', '--kind', 'teleporter'])).code).toBe(2);
    expect((await cli(['plugin', 'new'])).code).toBe(2);
    await cli(['plugin', 'new', 'twice', '--dir', '.']);
    const again = await cli(['plugin', 'new', 'twice', '--dir', '.']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
  });
});
