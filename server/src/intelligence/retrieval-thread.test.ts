/**
 * A server whose retrieval index lives on a worker thread (the server's default) classifies exactly
 * as one whose index is in the event loop's thread: the same neighbours, the same votes, the same
 * predictions — with and without explanations (without, the model reuses the features the thread
 * computed for its search).
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Classification } from '@baton/schemas';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importTickets } from '../importer/tickets.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import { describeWithData } from '../testing/shared-data.ts';
import { HybridIndex } from './retrieval/hybrid.ts';
import { LocalVectors } from './retrieval/lexical-vectors.ts';
import { WorkerVectors } from './retrieval/vector-worker.ts';
import { readTicketCsv, seededRandom, shuffle, writeCsv } from './routing/dataset.ts';

const TRAIN_CSV = fileURLToPath(new URL('../../../../shared/data/tickets/train.csv', import.meta.url));

describeWithData(TRAIN_CSV, 'classification with the retrieval index on a worker thread', () => {
  let baton: TestBaton | undefined;
  const errors: string[] = [];
  beforeAll(async () => {
    baton = await startTestBaton({
      services: { retrievalThread: true },
      log: { error: (_obj: object, message: string) => errors.push(message) },
    });
  });
  afterAll(() => baton?.close());

  it('finds the same neighbours and predicts the same labels as the index in this thread', async () => {
    if (!baton) throw new Error('no server');
    const { tickets, rows } = await readTicketCsv(TRAIN_CSV);
    const order = shuffle(
      tickets.map((_, i) => i),
      seededRandom(14),
    );
    const csv = `${baton.dataDir}/history.csv`;
    await writeCsv(csv, [rows[0] as string[], ...order.slice(0, 400).map((i) => rows[i + 1] as string[])]);
    await importTickets(createReadStream(csv), baton.services);
    await baton.services.bus.drain();
    const { intelligence } = baton.services;
    await intelligence.ready();
    expect(
      (await baton.request({ method: 'POST', url: '/api/intelligence/routing-models' })).statusCode,
    ).toBe(201);
    const active = await intelligence.activeModel();
    if (!active) throw new Error('no model after training');
    expect(intelligence.index.vectors).toBeInstanceOf(WorkerVectors);

    // The same documents in an index in this thread.
    const reference = new HybridIndex(undefined, new LocalVectors());
    for (const { key } of intelligence.index.vectorEntries()) {
      const doc = intelligence.index.get(key);
      if (doc) reference.addSync(doc);
    }
    expect(reference.size).toBeGreaterThan(300);
    const { k } = active.model.options.blend;

    let voted = 0;
    for (const i of order.slice(400, 430)) {
      const t = tickets[i] as (typeof tickets)[number];
      const text = { subject: t.subject, body: t.body, language: t.language };
      const { hits } = await reference.neighbours(text, k);
      if (hits.length) voted++;
      for (const explain of [false, true]) {
        const expected = active.model.predict(text, { explain, neighbours: hits });
        const actual = await intelligence.classifyText(text, undefined, { explain });
        expect(actual?.predictions).toEqual(expected);
      }
    }
    // The neighbours took part: most of these tickets have similar past ones.
    expect(voted).toBeGreaterThan(20);

    // The server closes while an issue is still being classified: the thread stays for that work.
    const classified: Array<Classification | null> = [];
    let proceed = () => {};
    const closingStarted = new Promise<void>((resolve) => {
      proceed = resolve;
    });
    baton.services.bus.on('issue.created', async ({ issue }) => {
      await closingStarted;
      classified.push(await intelligence.classifyIssue(issue, { explain: false }));
    });
    const t = tickets[order[430] as number] as (typeof tickets)[number];
    const created = await baton.request({
      method: 'POST',
      url: '/api/issues',
      payload: { subject: t.subject, body: t.body, channel: 'email', customer: { email: 'kim@example.com' } },
    });
    expect(created.statusCode).toBe(201);
    const closing = baton;
    baton = undefined;
    const closed = closing.close();
    // Well after every module's stop has begun.
    await new Promise((resolve) => setTimeout(resolve, 300));
    proceed();
    await closed;
    expect(classified).toHaveLength(1);
    expect(errors).toEqual([]);
  }, 120_000);
});
