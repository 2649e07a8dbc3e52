/**
 * Inbox benchmark: the embedded store holding N issues (default 100,000) with the issues module's
 * indexes; times the inbox's first page (newest 50) and the page after its cursor, with the exact
 * query IssueService.list sends, unfiltered and filtered by status. Median of 50 rounds each. Prints
 * {"bench":"inbox","issues","newest50Ms","page2Ms","openNewest50Ms","openPage2Ms"}.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { afterKey } from '../server/src/http/cursor.ts';
import { openEmbeddedStore } from '../server/src/store/embedded/store.ts';
import type { Filter, StoredDocument } from '../server/src/store/port.ts';

interface IssueDoc extends StoredDocument {
  createdAt: string;
  status: string;
  customerId: string;
  subject: string;
  assignee?: { agentId: string };
}

const STATUSES = ['new', 'open', 'pending', 'resolved', 'resolved', 'closed'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(3));
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { issues: { type: 'string', default: '100000' } } });
  const count = Number(values.issues);
  const dir = await mkdtemp(join(tmpdir(), 'baton-bench-inbox-'));
  const store = await openEmbeddedStore({ dir, logger: { info: () => {}, warn: () => {} } });
  try {
    const issues = store.collection<IssueDoc>('issues');
    await issues.createIndex({ keys: { externalId: 1 }, unique: true, sparse: true });
    await issues.createIndex({ keys: { createdAt: -1, _id: -1 } });
    await issues.createIndex({ keys: { customerId: 1 } });
    await issues.createIndex({ keys: { status: 1 } });
    await issues.createIndex({ keys: { 'assignee.agentId': 1 } });
    const start = Date.parse('2025-01-01T00:00:00Z');
    let batch: IssueDoc[] = [];
    for (let i = 0; i < count; i++) {
      batch.push({
        _id: `iss_${String(i).padStart(8, '0')}`,
        createdAt: new Date(start + i * 30_000).toISOString(),
        status: STATUSES[i % STATUSES.length]!,
        customerId: `cus_${i % 5000}`,
        subject: `Issue ${i}`,
        ...(i % 3 === 0 ? { assignee: { agentId: `agt_${i % 17}` } } : {}),
      });
      if (batch.length === 5000) {
        await issues.insertMany(batch);
        batch = [];
      }
    }
    if (batch.length) await issues.insertMany(batch);
    console.error(`bench inbox: ${count} issues stored`);

    const sort = { createdAt: -1, _id: -1 } as const;
    const page = async (filter: Filter, cursor?: IssueDoc) => {
      const after = cursor ? afterKey(['createdAt', '_id'], [cursor.createdAt, cursor._id], -1) : {};
      return issues.find({ $and: [filter, after] }, { sort, limit: 51 });
    };
    const time = async (filter: Filter) => {
      const first: number[] = [];
      const second: number[] = [];
      for (let round = 0; round < 50; round++) {
        let t = performance.now();
        const rows = await page(filter);
        first.push(performance.now() - t);
        t = performance.now();
        await page(filter, rows[49]);
        second.push(performance.now() - t);
      }
      return { first: median(first), second: median(second) };
    };
    const all = await time({});
    const open = await time({ status: 'open' });
    process.stdout.write(
      `${JSON.stringify({
        bench: 'inbox',
        issues: count,
        newest50Ms: all.first,
        page2Ms: all.second,
        openNewest50Ms: open.first,
        openPage2Ms: open.second,
      })}\n`,
    );
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
