/**
 * Fills a Baton data folder with history for the scale benchmarks: `issues` issues of the demo's
 * customers with their opening message, `resolvedShare` of them resolved with an agent's answer on
 * their timeline, the rest open and spread over the demo agents. Written straight into the embedded
 * store (the server must not be running: the folder is locked while it is), in the shapes the issues
 * and timeline modules store, so a server started on the folder sees ordinary history.
 */

import { newId } from '../../server/src/shared/ids.ts';
import { openEmbeddedStore } from '../../server/src/store/embedded/store.ts';
import type { StoredDocument } from '../../server/src/store/port.ts';

const SUBJECTS = [
  ['Cannot log in after password reset', 'Technical Support', 'incident'],
  ['Invoice shows the wrong VAT rate', 'Billing', 'problem'],
  ['Suspicious login from an unknown country', 'Security', 'incident'],
  ['How do I export my data to CSV?', 'General Support', 'question'],
  ['Sync to the CRM stopped overnight', 'Technical Support', 'problem'],
  ['Refund for a double charge', 'Billing', 'request'],
] as const;

const ANSWERS = [
  'Cleared the stale session on our side; signing in again works now.',
  'Issued a corrected invoice with the reduced rate and credited the difference.',
  'Locked the account, rotated the credentials and enabled two-factor sign-in.',
  'Settings → Data → Export writes every record to one CSV file.',
  'Re-authorised the CRM connector; the backlog synced within ten minutes.',
  'Refunded the second charge; it shows on the statement in 3–5 days.',
];

export interface PrefillResult {
  issues: number;
  resolved: number;
  ms: number;
}

export async function prefill(
  dir: string,
  issues: number,
  options: { resolvedShare?: number; startAt?: number } = {},
): Promise<PrefillResult> {
  const started = Date.now();
  const store = await openEmbeddedStore({ dir, logger: { info: () => {}, warn: () => {} } });
  try {
    const customers = await store
      .collection<StoredDocument & { name: string }>('customers')
      .find({}, { projection: { _id: 1 } });
    const agents = await store
      .collection<StoredDocument & { teamIds?: string[] }>('agents')
      .find({}, { projection: { _id: 1, teamIds: 1 } });
    if (!customers.length || !agents.length) throw new Error(`no demo customers or agents in ${dir}`);
    const issueCol = store.collection<StoredDocument & Record<string, unknown>>('issues');
    const events = store.collection<StoredDocument & Record<string, unknown>>('timeline');
    const share = options.resolvedShare ?? 0.5;
    // History spread over the last year, oldest first.
    const span = 365 * 24 * 3600_000;
    const from = (options.startAt ?? Date.now()) - span;
    let resolved = 0;
    let issueBatch: Array<StoredDocument & Record<string, unknown>> = [];
    let eventBatch: Array<StoredDocument & Record<string, unknown>> = [];
    for (let i = 0; i < issues; i++) {
      const [subject, queue, type] = SUBJECTS[i % SUBJECTS.length]!;
      const customerId = customers[i % customers.length]!._id;
      const agent = agents[i % agents.length]!;
      const createdAt = new Date(from + Math.floor((span * i) / issues)).toISOString();
      const isResolved = i % 1000 < share * 1000;
      const id = newId('iss');
      const answeredAt = new Date(Date.parse(createdAt) + 3600_000).toISOString();
      issueBatch.push({
        _id: id,
        subject: `${subject} (#${i})`,
        body: `${subject}. Customer reference ${i}; it happened again this morning and blocks our team.`,
        channel: i % 3 ? 'email' : 'chat',
        customerId,
        priority: ['low', 'medium', 'high', 'critical'][i % 4],
        status: isResolved ? 'resolved' : ['new', 'open', 'pending'][i % 3],
        tags: ['history'],
        queue,
        type,
        language: 'en',
        assignee: { agentId: agent._id, ...(agent.teamIds?.[0] ? { teamId: agent.teamIds[0] } : {}) },
        createdAt,
        updatedAt: isResolved ? answeredAt : createdAt,
        lastActivityAt: isResolved ? answeredAt : createdAt,
        ...(isResolved ? { resolvedAt: answeredAt } : {}),
      });
      eventBatch.push({
        _id: id.replace(/^iss_/, 'evt_'),
        issueId: id,
        customerId,
        at: createdAt,
        author: { kind: 'customer', id: customerId },
        type: 'customer_message',
        text: `${subject}. Customer reference ${i}.`,
        channel: i % 3 ? 'email' : 'chat',
      });
      if (isResolved) {
        resolved++;
        eventBatch.push({
          _id: newId('evt'),
          issueId: id,
          customerId,
          at: answeredAt,
          author: { kind: 'agent', id: agent._id },
          type: 'agent_reply',
          text: ANSWERS[i % ANSWERS.length]!,
        });
      }
      if (issueBatch.length >= 2000) {
        await issueCol.insertMany(issueBatch);
        await events.insertMany(eventBatch);
        issueBatch = [];
        eventBatch = [];
      }
    }
    if (issueBatch.length) await issueCol.insertMany(issueBatch);
    if (eventBatch.length) await events.insertMany(eventBatch);
    return { issues, resolved, ms: Date.now() - started };
  } finally {
    await store.close();
  }
}
