/**
 * The delivery worker on the real clock: it renews the lease of a send that outlasts it (so a second
 * worker does not send it again); a notification claimed by a worker that died is sent by another once
 * the lease runs out — in a lease, not in minutes; and a send waiting on a slow receiver holds one
 * slot, not the notifications queued after it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Notification } from '@baton/schemas';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { SendOutcome } from '../plugins/host.ts';
import { systemClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';
import { Outbox } from './outbox.ts';
import { DeliveryWorker, type Notifier } from './worker.ts';

let dir: string;
let store: Store;
let outbox: Outbox;
const workers: DeliveryWorker[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baton-lease-'));
  store = await openStore({ dataDir: dir });
  outbox = new Outbox(store, systemClock);
  await outbox.init();
});

afterEach(async () => {
  for (const w of workers.splice(0)) await w.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function notification(key: string): Notification {
  const now = new Date().toISOString();
  return {
    id: `ntf_${key}`,
    idempotencyKey: key,
    channel: 'webhook',
    status: 'queued',
    urgency: 'normal',
    recipient: { kind: 'address', address: 'https://example.test/hook' },
    address: 'https://example.test/hook',
    message: { text: 'hello' },
    dueAt: now,
    attemptCount: 0,
    attempts: [],
    createdAt: now,
    updatedAt: now,
  } as unknown as Notification;
}

/** A notifier that takes `ms` per send and counts them. */
function slowNotifier(ms: number): Notifier & { sends: number } {
  const notifier = {
    sends: 0,
    async send(): Promise<SendOutcome> {
      notifier.sends++;
      await new Promise((r) => setTimeout(r, ms));
      return { outcome: 'delivered', durationMs: ms } as SendOutcome;
    },
  };
  return notifier;
}

function worker(notifier: Notifier): DeliveryWorker {
  const w = new DeliveryWorker(outbox, notifier, systemClock, { leaseMs: 300, pollIntervalMs: 50 });
  workers.push(w);
  return w;
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

const statusOf = async (id: string) => (await outbox.collection.findOne({ _id: id }))?.status;

it('renews the lease of a send that outlasts it: a second worker does not send it again', async () => {
  await outbox.insert(notification('slow-1'), 'g1');
  const first = slowNotifier(1200);
  const second = slowNotifier(10);
  worker(first).start();
  expect(await until(async () => first.sends === 1, 2000)).toBe(true);
  worker(second).start();
  expect(await until(async () => (await statusOf('ntf_slow-1')) === 'delivered', 5000)).toBe(true);
  // Four lease lengths passed during the send; the first worker kept it throughout.
  expect(first.sends).toBe(1);
  expect(second.sends).toBe(0);
});

it('sends what a dead worker claimed once its lease runs out', async () => {
  await outbox.insert(notification('orphan-1'), 'g2');
  const doc = await outbox.collection.findOne({ _id: 'ntf_orphan-1' });
  expect(await outbox.claim(doc!, 'worker_that_died', new Date(), 300)).not.toBeNull();
  const survivor = slowNotifier(10);
  const started = Date.now();
  worker(survivor).start();
  expect(await until(async () => (await statusOf('ntf_orphan-1')) === 'delivered', 5000)).toBe(true);
  expect(survivor.sends).toBe(1);
  expect(Date.now() - started).toBeGreaterThanOrEqual(200);
});

it('keeps sending what is queued while one send waits on a slow receiver', async () => {
  await outbox.insert(notification('slow-2'), 'g3');
  const sent: string[] = [];
  const notifier: Notifier = {
    async send(_channel, message): Promise<SendOutcome> {
      sent.push(message.idempotencyKey);
      await new Promise((r) => setTimeout(r, message.idempotencyKey === 'slow-2' ? 2000 : 10));
      return { outcome: 'delivered', durationMs: 10 } as SendOutcome;
    },
  };
  const w = worker(notifier);
  w.start();
  expect(await until(async () => sent.includes('slow-2'), 2000)).toBe(true);
  await outbox.insert(notification('quick-1'), 'g4');
  w.wake();
  const queuedAt = Date.now();
  expect(await until(async () => (await statusOf('ntf_quick-1')) === 'delivered', 3000)).toBe(true);
  expect(Date.now() - queuedAt).toBeLessThan(1000);
  expect(await statusOf('ntf_slow-2')).toBe('sending');
});
