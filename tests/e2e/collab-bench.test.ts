/**
 * `npm run bench -- collab` runs end to end (scaled down: 20 clients over 4 documents, two rate
 * steps of 2 s, a p99 limit no loaded machine misses) and prints its JSON line last.
 */
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/server.ts';

it('prints the collab benchmark JSON line', { timeout: 300_000 }, async () => {
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
      '--rate',
      '2',
      '--step',
      '2',
      '--steps',
      '2',
      '--p99',
      '5000',
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
  expect(last).toMatchObject({
    bench: 'collab',
    clients: 20,
    docs: 4,
    saturated: false,
    refSaturated: false,
  });
  for (const key of [
    'ratio',
    'deliveriesPerSec',
    'refDeliveriesPerSec',
    'cpuUsPerDelivery',
    'refCpuUsPerDelivery',
  ]) {
    expect(typeof last[key], key).toBe('number');
  }
  // At the top step: 20 clients × 4 entries/s, each delivered to the 4 other clients of its document.
  expect(last.deliveriesPerSec).toBe(320);
  expect(last.refDeliveriesPerSec).toBe(320);
  expect(last.ratio).toBe(1);
});
