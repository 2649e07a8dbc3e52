/** The projector's write-behind state: what it writes, when, and what its small cache may drop. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issue } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';
import { StoredState, seedOf } from './projector.ts';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baton-analytics-state-'));
  store = await openStore({ dataDir: dir });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const issue = (id: string): Issue =>
  ({
    id,
    subject: id,
    channel: 'email',
    priority: 'medium',
    status: 'new',
    customerId: 'cus_1',
    tags: [],
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:00:00.000Z',
  }) as unknown as Issue;

describe('StoredState', () => {
  it('writes changed records when flushed, never records only opened, and keeps unwritten ones cached', async () => {
    const state = new StoredState(store, 0, 2);
    state.remember(seedOf(issue('iss_a')));
    for (const id of ['iss_b', 'iss_c', 'iss_d']) {
      const s = seedOf(issue(id));
      s.status = 'open';
      await state.put(s);
    }
    // Over its size, the cache dropped the clean record, not the three waiting to be written.
    expect(await state.issues.countDocuments()).toBe(0);
    await state.flush();
    const stored = await state.issues.find({}, { sort: { _id: 1 } });
    expect(stored.map((s) => [s._id, s.status])).toEqual([
      ['iss_b', 'open'],
      ['iss_c', 'open'],
      ['iss_d', 'open'],
    ]);
    expect(await state.get('iss_a')).toBeNull();
    // A written record changed again is updated in place, dropped fields removed.
    const b = (await state.get('iss_b'))!;
    b.status = 'resolved';
    b.check = { handoffId: 'hnd_1', acceptedAt: '2026-01-05T09:05:00.000Z', left: 3, counted: false };
    await state.put(b);
    delete b.check;
    await state.put(b);
    await state.flush();
    const again = await state.issues.findOne({ _id: 'iss_b' });
    expect(again).toMatchObject({ status: 'resolved' });
    expect(again).not.toHaveProperty('check');
  });

  it('keeps open load in memory and writes its deltas', async () => {
    const state = new StoredState(store, 0);
    expect(await state.addLoad('agt_1', 'chat', 1)).toBe(1);
    expect(await state.addLoad('agt_1', 'chat', 1)).toBe(2);
    expect(await state.addLoad('agt_1', 'email', 1)).toBe(1);
    expect(await state.addLoad('agt_1', 'chat', -1)).toBe(1);
    expect(await state.loads(['agt_1', 'agt_2'])).toEqual(new Map([['agt_1', 2]]));
    // Another instance over the same store reads the written load and adds to it.
    const other = new StoredState(store, 0);
    expect(await other.addLoad('agt_1', 'chat', 1)).toBe(2);
    expect(await other.loads(['agt_1'])).toEqual(new Map([['agt_1', 3]]));
  });
});
