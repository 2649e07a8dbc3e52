import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, SETTINGS } from './config.ts';

describe('configuration', () => {
  it('documents every setting in the README with its default', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    for (const s of SETTINGS)
      expect(readme).toContain(`| \`${s.env}\` | \`${s.default}\` | ${s.description} |`);
  });

  it('has working defaults', () => {
    const config = loadConfig({}, '/srv/baton');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/baton/data',
      demo: true,
      fsync: 'interval',
    });
  });

  it('names the variable when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be an integer');
    expect(() => loadConfig({ BATON_FSYNC: 'sometimes' })).toThrow('BATON_FSYNC');
    expect(() => loadConfig({ BATON_RETRIEVAL_THREAD: 'yes' })).toThrow('BATON_RETRIEVAL_THREAD');
  });

  it('keeps the retrieval index on its own thread when the process has two cores, unless told', () => {
    expect(loadConfig({}).retrievalThread).toBe(availableParallelism() >= 2);
    expect(loadConfig({ BATON_RETRIEVAL_THREAD: '0' }).retrievalThread).toBe(false);
    expect(loadConfig({ BATON_RETRIEVAL_THREAD: '1' }).retrievalThread).toBe(true);
  });
});
