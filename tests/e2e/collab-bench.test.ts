/**
 * `npm run bench -- collab` runs end to end (scaled down: 20 clients over 4 documents for 2 s) and
 * prints its JSON line last.
 */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/server.ts';

it('prints the collab benchmark JSON line', { timeout: 120_000 }, async () => {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/run.ts',
      'collab',
      '--clients',
      '20',
      '--docs',
      '4',
      '--warmup',
      '1',
      '--seconds',
      '2',
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  expect(code, stderr).toBe(0);
  const last = JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
  expect(last).toMatchObject({ bench: 'collab', clients: 20, docs: 4, lost: 0, refLost: 0 });
  for (const key of ['p99Ms', 'updatesPerSec', 'refUpdatesPerSec', 'ratio', 'kbPerDoc']) {
    expect(typeof last[key], key).toBe('number');
  }
  // 20 clients × 2 updates/s, each delivered to the 4 other clients of its document, for 2 s.
  expect(last.updatesPerSec).toBe(160);
  expect(last.refUpdatesPerSec).toBe(160);
});
