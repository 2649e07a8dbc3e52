import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Clock, ManualClock, systemClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';
import { type Timer, TimerService } from './service.ts';

let dataDir: string;
let store: Store;
let clock: ManualClock;
const services: TimerService[] = [];

async function timerService(options: ConstructorParameters<typeof TimerService>[2] = {}, c: Clock = clock) {
  const service = new TimerService(store, c, { poll: false, ...options });
  await service.init();
  services.push(service);
  return service;
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'baton-timers-'));
  store = await openStore({ dataDir });
  clock = new ManualClock('2026-01-05T09:00:00.000Z');
});
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('timers', () => {
  it('fire once when due, in due order, and not before', async () => {
    const timers = await timerService();
    const fired: string[] = [];
    timers.handle('test', (t) => void fired.push(String(t.payload.name)));
    await timers.schedule('test', '2026-01-05T09:10:00.000Z', { name: 'second' });
    await timers.schedule('test', '2026-01-05T09:05:00.000Z', { name: 'first' });
    expect(await timers.runDue()).toBe(0);
    clock.advance(5 * 60_000);
    expect(await timers.runDue()).toBe(1);
    clock.advance(60 * 60_000);
    expect(await timers.runDue()).toBe(1);
    expect(await timers.runDue()).toBe(0);
    expect(fired).toEqual(['first', 'second']);
  });

  it('are idempotent by key and can be cancelled by id or key', async () => {
    const timers = await timerService();
    const fired: Timer[] = [];
    timers.handle('test', (t) => void fired.push(t));
    const a = await timers.schedule('test', clock.now(), { n: 1 }, { key: 'run:1' });
    const again = await timers.schedule('test', clock.now(), { n: 2 }, { key: 'run:1' });
    expect(again.id).toBe(a.id);
    const b = await timers.schedule('test', clock.now(), {}, { key: 'run:2' });
    const c = await timers.schedule('test', clock.now());
    expect(await timers.cancel('run:2')).toBe(true);
    expect(await timers.cancel(c.id)).toBe(true);
    expect(await timers.cancel(c.id)).toBe(false);
    expect(await timers.runDue()).toBe(1);
    expect(fired.map((t) => t.payload)).toEqual([{ n: 1 }]);
    expect((await timers.get(b.id))?.status).toBe('cancelled');
    expect((await timers.get('run:1'))?.status).toBe('done');
  });

  it('keeps one timer when schedules of the same key race', async () => {
    const timers = await timerService();
    const raced = await Promise.all(
      Array.from({ length: 5 }, (_, n) => timers.schedule('test', clock.now(), { n }, { key: 'race:1' })),
    );
    expect(new Set(raced.map((t) => t.id)).size).toBe(1);
    expect(raced.every((t) => t.payload.n === 0)).toBe(true); // the first one's, as stored
  });

  it('two services on one store claim each timer exactly once', async () => {
    const one = await timerService();
    const two = await timerService();
    const fired = new Map<string, string[]>();
    for (const [name, service] of [
      ['one', one],
      ['two', two],
    ] as const) {
      service.handle('race', async (t) => {
        await new Promise((r) => setImmediate(r));
        fired.set(t.id, [...(fired.get(t.id) ?? []), name]);
      });
    }
    for (let i = 0; i < 60; i++) await one.schedule('race', clock.now(), { i });
    const [a, b] = await Promise.all([one.runDue(), two.runDue()]);
    expect(a + b).toBe(60);
    expect(fired.size).toBe(60);
    expect([...fired.values()].every((by) => by.length === 1)).toBe(true);
    // Both did work: the claims interleaved rather than one instance taking all.
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(0);
  });

  it('retry a failing handler with backoff, then mark the timer failed', async () => {
    const timers = await timerService({ maxAttempts: 3 });
    let calls = 0;
    timers.handle('flaky', () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    const t = await timers.schedule('flaky', clock.now());
    expect(await timers.runDue()).toBe(1);
    expect(await timers.runDue()).toBe(0); // backing off 1 s
    clock.advance(1000);
    expect(await timers.runDue()).toBe(1);
    clock.advance(1999);
    expect(await timers.runDue()).toBe(0); // backing off 2 s
    clock.advance(1);
    expect(await timers.runDue()).toBe(1);
    clock.advance(60_000);
    expect(await timers.runDue()).toBe(0);
    expect(calls).toBe(3);
    expect(await timers.get(t.id)).toMatchObject({ status: 'failed', lastError: 'boom 3', attempts: 3 });
  });

  it('a timer whose instance died mid-handler is claimed again once its lease expires', async () => {
    const dead = await timerService({ leaseMs: 30_000 });
    dead.handle('job', () => new Promise<void>(() => {})); // never finishes: the instance "died"
    const t = await dead.schedule('job', clock.now());
    void dead.runDue();
    await new Promise((r) => setImmediate(r));
    expect((await dead.get(t.id))?.status).toBe('running');

    const alive = await timerService();
    const fired: string[] = [];
    alive.handle('job', (timer) => void fired.push(timer.id));
    expect(await alive.runDue()).toBe(0); // lease still held
    clock.advance(30_001);
    expect(await alive.runDue()).toBe(1);
    expect(fired).toEqual([t.id]);
    expect((await alive.get(t.id))?.status).toBe('done');
  });

  it('survive a restart: a new service on the same data fires what was pending', async () => {
    const before = await timerService();
    await before.schedule('later', '2026-01-05T10:00:00.000Z', { x: 1 });
    await before.stop();
    await store.close();
    store = await openStore({ dataDir });
    const after = await timerService();
    const fired: unknown[] = [];
    after.handle('later', (t) => void fired.push(t.payload));
    clock.set('2026-01-05T10:00:00.000Z');
    expect(await after.runDue()).toBe(1);
    expect(fired).toEqual([{ x: 1 }]);
  });

  it('the poller fires a due timer on its own, well within a second', async () => {
    const timers = await timerService({ poll: true, pollIntervalMs: 500 }, systemClock);
    const fired = new Promise<number>((resolve) => timers.handle('soon', () => resolve(Date.now())));
    timers.start();
    const due = Date.now() + 150;
    await timers.schedule('soon', new Date(due));
    const at = await fired;
    expect(at).toBeGreaterThanOrEqual(due);
    expect(at - due).toBeLessThan(1000);
  });
});
