import { describe, expect, it } from 'vitest';
import { createProcessGuard } from './process-guard.ts';

describe('process guard', () => {
  it('logs a stray exception and keeps serving; a storm shuts down cleanly once', () => {
    let t = 0;
    const logged: string[] = [];
    const shutdowns: string[] = [];
    const guard = createProcessGuard({
      log: { error: (_o, msg) => logged.push(msg) },
      maxExceptions: 3,
      windowMs: 1000,
      now: () => t,
      shutdown: (reason) => shutdowns.push(reason),
    });
    guard.onException(new RangeError('Maximum call stack size exceeded'));
    guard.onRejection(new Error('a plugin promise'));
    expect(shutdowns).toEqual([]);
    t = 5000;
    for (let i = 0; i < 3; i++) guard.onException(new Error('again'));
    expect(shutdowns).toEqual([]);
    guard.onException(new Error('one too many'));
    guard.onException(new Error('and another'));
    expect(shutdowns).toEqual(['uncaught exceptions']);
    expect(logged.filter((m) => m.includes('keeps serving'))).toHaveLength(6);
  });
});
