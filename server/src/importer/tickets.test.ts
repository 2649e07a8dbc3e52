import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Issue, TimelineEvent } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../services.ts';
import { ManualClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';
import {
  deriveSubject,
  IMPORTED_AGENT,
  importTickets,
  parseTags,
  stableKey,
  TicketFileError,
  unescapeText,
} from './tickets.ts';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'tickets-small.csv');

let dataDir: string;
let store: Store;
let services: Services;
let clock: ManualClock;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'baton-import-'));
  store = await openStore({ dataDir });
  clock = new ManualClock('2026-03-02T10:00:00.000Z');
  services = await createServices({ store, clock, log: { error: () => {} } });
});

afterEach(async () => {
  await services.bus.drain();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

const importFixture = () => importTickets(createReadStream(FIXTURE), services);
const importText = (text: string) => importTickets(Readable.from([text]), services);

async function allIssues(): Promise<Issue[]> {
  return (await services.issues.list({ limit: 200 })).items;
}

async function byExternalId(externalId: string): Promise<Issue> {
  const issue = (await allIssues()).find((i) => i.externalId === externalId);
  if (!issue) throw new Error(`no issue ${externalId}`);
  return issue;
}

async function events(issueId: string): Promise<TimelineEvent[]> {
  return (await services.timeline.forIssue(issueId, { limit: 100 })).items;
}

async function replyCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const issue of await allIssues()) {
    counts[issue.externalId ?? issue.id] = (await events(issue.id)).filter(
      (e) => e.type === 'agent_reply',
    ).length;
  }
  return counts;
}

describe('importTickets', () => {
  it('imports the good rows and reports every bad one with its line number', async () => {
    const summary = await importFixture();
    expect(summary).toMatchObject({
      rows: 11,
      created: 6,
      alreadyImported: 0,
      skipped: 5,
      withoutAnswer: 2,
      prioritiesMapped: { very_low: 2 },
      subjectsDerived: 1,
      repliesRestored: 0,
      blankLines: 1,
      ignoredColumns: [],
    });
    expect(summary.skippedRows.map((r) => r.line)).toEqual([6, 7, 8, 11, 14]);
    const reasons = Object.fromEntries(summary.skippedRows.map((r) => [r.line, r.reason]));
    expect(reasons[6]).toBe('expected 9 fields, found 7');
    expect(reasons[7]).toBe('body is empty');
    expect(reasons[8]).toMatch(/^priority must be one of low, medium, high, critical \(got "urgent"\)$/);
    expect(reasons[11]).toBe('duplicate of line 2 (ticket a00000000001)');
    expect(reasons[14]).toMatch(/unterminated quoted field/);

    const issues = await allIssues();
    expect(issues).toHaveLength(6);
    for (const issue of issues) {
      expect(issue.status).toBe('resolved');
      expect(issue.channel).toBe('email');
      expect(issue.resolvedAt).toBeDefined();
    }
  });

  it('maps each row onto the issue: fields, customer, tags and the answer as a reply a minute later', async () => {
    await importFixture();
    const printer = await byExternalId('ticket:a00000000001');
    expect(printer).toMatchObject({
      subject: 'Drucker druckt nicht',
      body: 'Hallo,\n\nunser Drucker im 2. Stock druckt seit gestern nicht mehr.\nDanke',
      priority: 'high',
      queue: 'IT Support',
      type: 'Incident',
      language: 'de',
      tags: ['Printer', 'Hardware'],
    });
    const customer = await services.customers.get(printer.customerId);
    expect(customer).toMatchObject({
      externalId: 'ticket-customer:a00000000001',
      name: 'Imported customer a0000000',
      language: 'de',
    });

    const timeline = await events(printer.id);
    expect(timeline.map((e) => e.type)).toEqual(['customer_message', 'agent_reply']);
    const [opening, reply] = timeline;
    expect(reply).toMatchObject({
      type: 'agent_reply',
      text: 'Bitte starten Sie den Druckerspooler neu.\nViele Grüße',
      author: IMPORTED_AGENT,
    });
    expect(Date.parse(reply?.at ?? '') - Date.parse(opening?.at ?? '')).toBe(60_000);
    expect(Date.parse(reply?.at ?? '')).toBeLessThanOrEqual(clock.now().getTime());
    expect(printer.status).toBe('resolved');
  });

  it('converts literal \\n and \\r\\n to line breaks and keeps real ones', async () => {
    await importFixture();
    const vpn = await byExternalId('ticket:a00000000003');
    expect(vpn.body).toBe('The VPN disconnects every hour.\nIt started on Monday.');
    const reply = (await events(vpn.id)).find((e) => e.type === 'agent_reply');
    expect(reply && 'text' in reply ? reply.text : '').toBe('Please update the client to 9.3.2.\nRegards');
    for (const issue of await allIssues()) expect(issue.body).not.toContain('\\n');
  });

  it('maps very_low to low, leaves an empty type unset and imports rows without an answer without a reply', async () => {
    await importFixture();
    const invoices = await byExternalId('ticket:a00000000002');
    expect(invoices.priority).toBe('low');
    expect(invoices.type).toBeUndefined();
    expect((await events(invoices.id)).map((e) => e.type)).toEqual(['customer_message']);
    const idea = await byExternalId('ticket:a00000000008');
    expect(idea.priority).toBe('low');
    expect(idea.language).toBe('en');
    expect(idea.tags).toEqual(['Feature', 'UI', 'x'.repeat(64)]);
  });

  it('derives a missing subject from the first line of the body', async () => {
    await importFixture();
    const exported = await byExternalId('ticket:a00000000007');
    expect(exported.subject.length).toBeLessThanOrEqual(120);
    expect(exported.subject).toMatch(/^Our nightly export to the data warehouse has been failing .*…$/);
    expect(exported.body.startsWith(exported.subject.slice(0, -1))).toBe(true);
  });

  it('is idempotent: a second import creates nothing and adds no replies', async () => {
    await importFixture();
    const before = await replyCounts();
    clock.advance(3_600_000);
    const second = await importFixture();
    expect(second).toMatchObject({
      rows: 11,
      created: 0,
      alreadyImported: 6,
      skipped: 5,
      repliesRestored: 0,
    });
    expect(second.skippedRows.map((r) => r.line)).toEqual([6, 7, 8, 11, 14]);
    expect(await allIssues()).toHaveLength(6);
    expect(await replyCounts()).toEqual(before);
    expect(Object.values(before).reduce((a, b) => a + b, 0)).toBe(4);
  });

  it('adds the answer that an interrupted import did not get to', async () => {
    // The state a crash right after IssueService.create leaves behind: the issue, no reply.
    await services.issues.create(
      {
        externalId: 'ticket:a00000000009',
        subject: 'Refund request',
        body: 'I returned the headset last week; where is my refund?',
        channel: 'email',
        customer: { externalId: 'ticket-customer:a00000000009', name: 'Imported customer a0000000' },
      },
      { status: 'resolved', createdAt: new Date(clock.now().getTime() - 60_000).toISOString() },
    );
    clock.advance(600_000);
    const summary = await importFixture();
    expect(summary).toMatchObject({ created: 5, alreadyImported: 1, repliesRestored: 1 });
    const refund = await byExternalId('ticket:a00000000009');
    const replies = (await events(refund.id)).filter((e) => e.type === 'agent_reply');
    expect(replies).toHaveLength(1);

    clock.advance(600_000);
    expect(await importFixture()).toMatchObject({ created: 0, alreadyImported: 6, repliesRestored: 0 });
    expect((await events(refund.id)).filter((e) => e.type === 'agent_reply')).toHaveLength(1);
  });

  it('keys rows without an id column by subject and body, so re-import and duplicates still work', async () => {
    const csv = [
      'subject,body,answer,priority,extra',
      'Login fails,I cannot log in since this morning.,Reset your password.,high,x',
      'Login fails,I cannot log in since this morning.,Reset your password.,high,y',
      'Other,Something else entirely.,,low,z',
    ].join('\r\n');
    const first = await importText(csv);
    expect(first).toMatchObject({
      rows: 3,
      created: 2,
      skipped: 1,
      withoutAnswer: 1,
      ignoredColumns: ['extra'],
    });
    const key = stableKey('Login fails', 'I cannot log in since this morning.');
    expect(first.skippedRows).toEqual([{ line: 3, reason: `duplicate of line 2 (ticket ${key})` }]);
    await byExternalId(`ticket:${key}`);
    clock.advance(60_000);
    expect(await importText(csv)).toMatchObject({ created: 0, alreadyImported: 2, skipped: 1 });
  });

  it('counts lines across multi-line fields and reports what the parser could not read', async () => {
    const csv = [
      'id,subject,body',
      'r1,One,"first line',
      'second line"',
      'r2,Two,a "quoted" word',
      'r3,Three,third,extra',
      'r4,"Four,never closed',
      'r5,Five,five',
      '',
    ].join('\n');
    const summary = await importText(csv);
    expect(summary).toMatchObject({ rows: 4, created: 2, skipped: 2 });
    expect(summary.skippedRows).toEqual([
      { line: 5, reason: 'expected 3 fields, found 4' },
      { line: 6, endLine: 7, reason: 'unterminated quoted field: the file ends inside quotes' },
    ]);
    expect((await byExternalId('ticket:r1')).body).toBe('first line\nsecond line');
    expect((await byExternalId('ticket:r2')).body).toBe('a "quoted" word');
  });

  it('fails the whole file when the header lacks the required columns, or the file is empty', async () => {
    await expect(importText('id,title,text\n1,a,b\n')).rejects.toThrow(TicketFileError);
    await expect(importText('id,title,text\n1,a,b\n')).rejects.toThrow(/missing: subject, body/);
    await expect(importText('')).rejects.toThrow(/empty/);
    expect(await allIssues()).toHaveLength(0);
  });
});

describe('row helpers', () => {
  it('unescapes the data set’s escaped line breaks and quotes', () => {
    expect(unescapeText('a\\nb\\r\\nc\\rd')).toBe('a\nb\nc\nd');
    expect(unescapeText('say \\"hi\\"')).toBe('say "hi"');
    expect(unescapeText('real\r\nbreak')).toBe('real\nbreak');
  });

  it('derives subjects of at most 120 characters, cut between words', () => {
    expect(deriveSubject('\n\n  Short first line  \nmore')).toBe('Short first line');
    const long = `${'word '.repeat(40)}end`;
    const subject = deriveSubject(long);
    expect(subject.length).toBeLessThanOrEqual(120);
    expect(subject).toMatch(/^(word )+word…$/);
    expect(deriveSubject('x'.repeat(300))).toHaveLength(120);
  });

  it('splits, trims, dedupes and caps tags', () => {
    expect(parseTags('')).toEqual([]);
    expect(parseTags('A|B|A| |C')).toEqual(['A', 'B', 'C']);
    expect(parseTags('A,B|C')).toEqual(['A', 'B', 'C']);
    expect(parseTags(Array.from({ length: 80 }, (_, i) => `t${i}`).join('|'))).toHaveLength(50);
    expect(parseTags('y'.repeat(100))).toEqual(['y'.repeat(64)]);
  });
});
