import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines } from './lines.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function file(content: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'baton-lines-'));
  dirs.push(dir);
  const path = join(dir, 'f.jsonl');
  writeFileSync(path, content);
  return path;
}

describe('readLines', () => {
  it('reports every line with its number and byte offset across chunk boundaries and long lines', async () => {
    // Lines of every length up to 3 MiB (longer than the 1 MiB read buffer), with multi-byte
    // characters so byte offsets and character counts differ.
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) lines.push(`${i}:${'é€x'.repeat((i * 7919) % 3000)}`);
    lines.push('y'.repeat(3 * 1024 * 1024 + 17), '', 'last');
    const path = await file(`${lines.join('\n')}\n`);
    const read = [...readLines(path)];
    expect(read.map((l) => l.text)).toEqual(lines);
    expect(read.map((l) => l.number)).toEqual(lines.map((_, i) => i + 1));
    let offset = 0;
    for (const [i, line] of read.entries()) {
      expect(line.start, `line ${i + 1}`).toBe(offset);
      expect(line.terminated).toBe(true);
      offset += Buffer.byteLength(lines[i]!) + 1;
    }
  });

  it('reports an unterminated last line (a torn write) with where it starts, even mid-character', async () => {
    const head = Buffer.from('{"a":1}\n{"b":"ü"}\n');
    const torn = Buffer.from('{"c":"€');
    const path = await file(Buffer.concat([head, torn.subarray(0, torn.length - 1)]));
    const read = [...readLines(path)];
    expect(read).toHaveLength(3);
    expect(read[2]).toMatchObject({ number: 3, start: head.length, terminated: false });
  });

  it('reads an empty file as no lines', async () => {
    expect([...readLines(await file(''))]).toEqual([]);
  });
});
