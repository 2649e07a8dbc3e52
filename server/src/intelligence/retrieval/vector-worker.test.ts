/**
 * The lexical vector index on a worker thread answers exactly as the one in this thread, and a
 * thread that dies is replaced by one that holds every document again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { TicketText } from '../text/features.ts';
import { HybridIndex } from './hybrid.ts';
import { LocalVectors, type VectorEntry } from './lexical-vectors.ts';
import { MAX_RESTARTS, WorkerVectors } from './vector-worker.ts';

const text = (subject: string, body: string): TicketText => ({ subject, body, language: 'en' });

const TICKETS: VectorEntry[] = [
  {
    key: 'issue:1',
    text: text('Invoice shows the wrong VAT rate', 'Our March invoice charged 21% VAT instead of 19%.'),
  },
  {
    key: 'issue:2',
    text: text('Cannot log in after password reset', 'The reset link works but the new password is refused.'),
  },
  {
    key: 'issue:3',
    text: text('Refund for a duplicate charge', 'We were charged twice for the annual plan this month.'),
  },
  {
    key: 'issue:4',
    text: text('Webhooks stopped after key rotation', 'Since we rotated the API key no webhook arrives.'),
  },
  {
    key: 'article:1',
    text: text(
      'How to rotate API keys',
      'Create the new key, update your webhook signing secret, then revoke the old key.',
    ),
  },
];
const QUERY = text('Charged twice on my invoice', 'The invoice for March has the same charge two times.');

const opened: WorkerVectors[] = [];
afterEach(async () => {
  for (const vectors of opened.splice(0)) await vectors.close();
});

function onWorker(documents: () => Iterable<VectorEntry> = () => TICKETS) {
  const errors: Error[] = [];
  const vectors = new WorkerVectors({ documents, onError: (err) => errors.push(err) });
  opened.push(vectors);
  return { vectors, errors };
}

describe('vector index on a worker thread', () => {
  it('finds what the index in this thread finds, with the same scores and query features', async () => {
    const local = new LocalVectors();
    const { vectors } = onWorker();
    for (const index of [local, vectors]) {
      index.add(TICKETS);
      // A replaced document and a removed one, applied in the order they were made.
      index.add([
        {
          key: 'issue:3',
          text: text('Refund a double charge', 'Charged twice.'),
          previous: TICKETS[2]?.text,
        },
      ]);
      index.remove('issue:2', TICKETS[1]?.text as TicketText);
    }
    const here = await local.search(QUERY, 3, new Set(['issue:1']));
    const there = await vectors.search(QUERY, 3, new Set(['issue:1']));
    expect(there.hits.length).toBeGreaterThan(0);
    expect(there.hits.map((h) => h.id)).not.toContain('issue:1');
    expect(there).toEqual(here);
  });

  it('starts a new thread with every document when one dies, and answers as before', async () => {
    const { vectors, errors } = onWorker();
    vectors.add(TICKETS);
    const before = await vectors.search(QUERY, 3);
    // A document added twice without the text it had: the thread's index throws and the thread dies.
    vectors.add([{ key: 'issue:1', text: QUERY }]);
    await expect(vectors.search(QUERY, 3)).rejects.toThrow(/present/);
    expect(errors).toHaveLength(1);
    expect(await vectors.search(QUERY, 3)).toEqual(before);
  });

  it(`stays down when a thread dies again after ${MAX_RESTARTS} restarts in a row, and searches say why`, async () => {
    const { vectors, errors } = onWorker(() => [...TICKETS, TICKETS[0] as VectorEntry]);
    vectors.add(TICKETS);
    // Every new thread is handed a duplicate and dies on it.
    vectors.add([{ key: 'issue:1', text: QUERY }]);
    await expect.poll(() => errors.length, { timeout: 20_000 }).toBe(MAX_RESTARTS + 1);
    await expect(vectors.search(QUERY, 3)).rejects.toThrow(`died ${MAX_RESTARTS + 1} times in a row`);
  }, 30_000);

  it('refuses searches once closed', async () => {
    const { vectors } = onWorker();
    vectors.add(TICKETS);
    await vectors.flush();
    await vectors.close();
    await expect(vectors.search(QUERY, 3)).rejects.toThrow('the vector index is closed');
  });

  it('leaves similar-issue search to BM25 while the vector index cannot answer', async () => {
    const { vectors } = onWorker();
    const index = new HybridIndex(undefined, vectors);
    for (const { key, text: t } of TICKETS) {
      const [kind, id] = key.split(':') as ['issue' | 'article', string];
      index.addSync({ key, kind, id, title: t.subject, problem: t.body, labels: {}, tags: [] });
    }
    const query = { title: QUERY.subject, problem: QUERY.body };
    expect((await index.search(query, 3))[0]?.matchedBy).toEqual(['bm25', 'lexical-vector']);
    await vectors.close();
    const hits = await index.search(query, 3);
    expect(hits[0]?.doc.key).toBe('issue:1');
    expect(hits.every((h) => h.matchedBy.join() === 'bm25')).toBe(true);
  });
});
