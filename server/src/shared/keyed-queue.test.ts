/** One task at a time per key, in order; a failed task does not hold up the next; keys run side by side. */
import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue.ts';

/** A task that logs its start and end, finishing when `release` is called (or failing). */
function gated(log: string[], name: string, fail = false) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const task = async () => {
    log.push(`start ${name}`);
    await gate;
    log.push(`end ${name}`);
    if (fail) throw new Error(`${name} failed`);
    return name;
  };
  return { task, release: () => release() };
}

const turns = () => new Promise((resolve) => setImmediate(resolve));

describe('keyed queue', () => {
  it('runs the tasks of one key one at a time, in order, past a failure', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const a = gated(log, 'a', true);
    const b = gated(log, 'b');
    const first = queue.run('issue', a.task);
    const second = queue.run('issue', b.task);
    await turns();
    expect(log).toEqual(['start a']);
    a.release();
    await expect(first).rejects.toThrow('a failed');
    await turns();
    expect(log).toEqual(['start a', 'end a', 'start b']);
    b.release();
    expect(await second).toBe('b');
    // Idle again: a new task of the key starts without waiting for anything.
    const c = gated(log, 'c');
    const third = queue.run('issue', c.task);
    await turns();
    expect(log.at(-1)).toBe('start c');
    c.release();
    expect(await third).toBe('c');
  });

  it('runs tasks of different keys side by side', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const a = gated(log, 'a');
    const b = gated(log, 'b');
    const done = [queue.run('one', a.task), queue.run('two', b.task)];
    await turns();
    expect(log).toEqual(['start a', 'start b']);
    b.release();
    a.release();
    expect(await Promise.all(done)).toEqual(['a', 'b']);
  });
});
