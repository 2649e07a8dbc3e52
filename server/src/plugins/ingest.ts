/**
 * Applies the normalised events ingest plugins produce, through the issues module's own functions:
 * a customer message opens an issue or is threaded into one, a call transcript lands on a timeline,
 * a CRM update upserts the customer (and is recorded on a named issue), an acknowledgement reaches
 * the notification.
 *
 * Owns `inbound_keys`: every message, thread, call and CRM update key seen, with the issue it went
 * to. That is what threads an email reply into its issue (In-Reply-To / References are message
 * keys) and what makes a redelivered webhook a no-op. A key is claimed before the work and marked
 * done after it, so two deliveries of one message racing each other apply it once; a claim left
 * behind by a crash is taken over after a minute.
 */
import { createHash } from 'node:crypto';
import type {
  Actor,
  CustomerRef,
  InboundCallTranscript,
  InboundContact,
  InboundCrmUpdate,
  InboundEvent,
  InboundIssueRef,
  InboundMessage,
  InboundNotificationAck,
} from '@baton/schemas';
import { InputError, ProblemError } from '../http/problem.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { IssueService } from '../issues/issues.ts';
import type { Clock } from '../shared/clock.ts';
import type { Collection, Store, StoredDocument } from '../store/port.ts';

interface InboundKey extends StoredDocument {
  issueId?: string;
  plugin: string;
  state: 'pending' | 'done';
  claimedAt: string;
}

export interface AppliedEvent {
  type: InboundEvent['type'];
  issueId?: string;
  customerId?: string;
  notificationId?: string;
  /** A new issue was opened. */
  created?: boolean;
  /** Seen before: nothing was changed. */
  duplicate?: boolean;
}

/** What acknowledging needs from the notify module. */
export interface AckReceiver {
  ackFromPlugin(
    notificationId: string,
    plugin: string,
    by: string | undefined,
    at: string | undefined,
  ): Promise<void>;
}

const STALE_CLAIM_MS = 60_000;
const ISSUE_EXTERNAL_ID_MAX = 200;

export class InboundApplier {
  readonly #keys: Collection<InboundKey>;
  #acks: AckReceiver | undefined;

  constructor(
    store: Store,
    private readonly deps: { issues: IssueService; customers: CustomerService; clock: Clock },
  ) {
    this.#keys = store.collection('inbound_keys');
  }

  async init(): Promise<void> {
    await this.#keys.createIndex({ keys: { issueId: 1 } });
  }

  setAckReceiver(acks: AckReceiver): void {
    this.#acks = acks;
  }

  async apply(plugin: string, events: readonly InboundEvent[]): Promise<AppliedEvent[]> {
    const out: AppliedEvent[] = [];
    for (const event of events) out.push(await this.applyOne(plugin, event));
    return out;
  }

  async applyOne(plugin: string, event: InboundEvent): Promise<AppliedEvent> {
    switch (event.type) {
      case 'message':
        return this.#message(plugin, event);
      case 'call_transcript':
        return this.#call(plugin, event);
      case 'crm_update':
        return this.#crm(plugin, event);
      case 'notification_ack':
        return this.#ack(plugin, event);
    }
  }

  async #message(plugin: string, ev: InboundMessage): Promise<AppliedEvent> {
    return this.#once(plugin, ev.messageKey, 'message', async () => {
      let issueId = ev.issue ? await this.#issueFromRef(ev.issue) : undefined;
      if (!issueId)
        issueId = await this.#known([...(ev.threadKey ? [ev.threadKey] : []), ...(ev.replyTo ?? [])]);
      const actor: Actor = { kind: 'integration', name: plugin };
      if (issueId) {
        await this.deps.issues.addEvent(
          issueId,
          { type: 'customer_message', text: ev.text, channel: ev.channel, messageId: ev.messageKey },
          { ...(ev.at ? { at: ev.at } : {}), defaultAuthor: actor },
        );
        if (ev.threadKey) await this.#remember(plugin, ev.threadKey, issueId);
        return { type: 'message', issueId, created: false };
      }
      const { issue, created } = await this.deps.issues.create(
        {
          subject: subjectOf(ev.subject, ev.text),
          body: ev.text,
          channel: ev.channel,
          customer: customerRef(ev.from),
          externalId: externalId(ev.threadKey ?? ev.messageKey),
          ...(ev.tags ? { tags: ev.tags } : {}),
        },
        this.#when(ev.at),
      );
      if (ev.threadKey) await this.#remember(plugin, ev.threadKey, issue.id);
      return { type: 'message', issueId: issue.id, customerId: issue.customerId, created };
    });
  }

  async #call(plugin: string, ev: InboundCallTranscript): Promise<AppliedEvent> {
    return this.#once(plugin, ev.callKey, 'call_transcript', async () => {
      let issueId = ev.issue?.id ? await this.#issueFromRef(ev.issue) : undefined;
      let created = false;
      if (!issueId) {
        if (!ev.from && !ev.issue?.externalId) {
          throw new ProblemError(
            'unprocessable',
            'a call transcript needs the issue it belongs to, or the caller (from) to open one',
          );
        }
        const known = ev.issue?.externalId ? await this.#known([`issue:${ev.issue.externalId}`]) : undefined;
        if (known) issueId = known;
        else {
          if (!ev.from)
            throw new ProblemError(
              'unprocessable',
              `no issue with externalId ${ev.issue?.externalId} is known, and no caller is given to open one`,
            );
          const first = ev.segments.map((s) => `${s.speaker}: ${s.text}`).join('\n');
          const res = await this.deps.issues.create({
            subject:
              ev.subject ?? `Call with ${ev.from.name ?? ev.from.phone ?? ev.from.email ?? 'a customer'}`,
            body: first.slice(0, 5000),
            channel: 'phone',
            customer: customerRef(ev.from),
            externalId: externalId(ev.issue?.externalId ?? ev.callKey),
          });
          issueId = res.issue.id;
          created = res.created;
          if (ev.issue?.externalId) await this.#remember(plugin, `issue:${ev.issue.externalId}`, issueId);
        }
      }
      await this.deps.issues.addEvent(
        issueId,
        {
          type: 'call_transcript',
          segments: ev.segments,
          ...(ev.durationSec !== undefined ? { durationSec: ev.durationSec } : {}),
          ...(ev.recordingRef ? { recordingRef: ev.recordingRef } : {}),
        },
        { ...(ev.at ? { at: ev.at } : {}), defaultAuthor: { kind: 'integration', name: plugin } },
      );
      return { type: 'call_transcript', issueId, created };
    });
  }

  async #crm(plugin: string, ev: InboundCrmUpdate): Promise<AppliedEvent> {
    const work = async (): Promise<AppliedEvent> => {
      const { attributes, ...fields } = ev.customer;
      if (!fields.externalId && !fields.email) {
        throw new ProblemError('unprocessable', 'a CRM update names the customer by externalId or email');
      }
      // Its pointers are into the inbound event, not a request body: report them as they are.
      const customer = await this.deps.customers
        .resolve(customerRef(fields), '/customer')
        .catch((err: unknown) => {
          throw err instanceof InputError ? err.under('') : err;
        });
      const patch = {
        ...Object.fromEntries(
          Object.entries(fields).filter(([k, v]) => v !== undefined && k !== 'externalId'),
        ),
        ...(attributes ? { attributes: { ...(customer.attributes ?? {}), ...attributes } } : {}),
      };
      const updated = Object.keys(patch).length
        ? await this.deps.customers.update(customer.id, patch)
        : customer;
      let issueId: string | undefined;
      if (ev.issue) {
        issueId = await this.#issueFromRef(ev.issue);
        if (!issueId)
          throw new ProblemError('unprocessable', `no issue ${JSON.stringify(ev.issue)} is known`);
        const recorded = ev.fields ?? { ...(attributes ?? {}), ...scalarFields(fields) };
        if (Object.keys(recorded).length) {
          await this.deps.issues.addEvent(
            issueId,
            { type: 'crm_update', source: ev.source, fields: recorded },
            { defaultAuthor: { kind: 'integration', name: plugin } },
          );
        }
      }
      return { type: 'crm_update', customerId: updated.id, ...(issueId ? { issueId } : {}) };
    };
    return ev.updateKey ? this.#once(plugin, ev.updateKey, 'crm_update', work) : work();
  }

  async #ack(plugin: string, ev: InboundNotificationAck): Promise<AppliedEvent> {
    if (!this.#acks) throw new Error('acknowledgements are not wired');
    await this.#acks.ackFromPlugin(ev.notificationId, plugin, ev.by, ev.at);
    return { type: 'notification_ack', notificationId: ev.notificationId };
  }

  /** The opening message's time is when it was sent, if that is known and not in the future. */
  #when(at: string | undefined): { createdAt?: string } {
    return at && at <= this.deps.clock.now().toISOString() ? { createdAt: at } : {};
  }

  /** Runs `work` once per key: a key already done returns its issue as a duplicate. */
  async #once(
    plugin: string,
    key: string,
    type: InboundEvent['type'],
    work: () => Promise<AppliedEvent>,
  ): Promise<AppliedEvent> {
    const now = this.deps.clock.now();
    const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS).toISOString();
    const claimed = await this.#keys.findOneAndUpdate(
      { _id: key },
      { $setOnInsert: { plugin, state: 'pending', claimedAt: now.toISOString() } },
      { upsert: true, returnDocument: 'before' },
    );
    if (claimed) {
      if (claimed.state === 'done')
        return { type, ...(claimed.issueId ? { issueId: claimed.issueId } : {}), duplicate: true };
      // Someone else is applying it right now; a claim older than a minute was left by a crash.
      const taken = await this.#keys.findOneAndUpdate(
        { _id: key, state: 'pending', claimedAt: { $lt: staleBefore } },
        { $set: { claimedAt: now.toISOString(), plugin } },
      );
      if (!taken)
        throw new ProblemError('conflict', `${key} is being applied by another delivery; retry later`);
    }
    try {
      const result = await work();
      await this.#keys.updateOne(
        { _id: key },
        { $set: { state: 'done', ...(result.issueId ? { issueId: result.issueId } : {}) } },
      );
      return result;
    } catch (err) {
      await this.#keys.deleteOne({ _id: key, state: 'pending' });
      throw err;
    }
  }

  /** A message Baton sent about an issue (e.g. an email's Message-ID): replies to it thread there. */
  async rememberOutbound(key: string, issueId: string, plugin: string): Promise<void> {
    await this.#remember(plugin, key, issueId);
  }

  async #remember(plugin: string, key: string, issueId: string): Promise<void> {
    await this.#keys.updateOne(
      { _id: key },
      { $setOnInsert: { plugin, state: 'done', claimedAt: this.deps.clock.now().toISOString(), issueId } },
      { upsert: true },
    );
  }

  /** The issue of the first key (in the given order) that is known. */
  async #known(keys: readonly string[]): Promise<string | undefined> {
    if (!keys.length) return undefined;
    const found = await this.#keys.find({ _id: { $in: [...keys] }, issueId: { $exists: true } });
    const byKey = new Map(found.map((k) => [k._id, k.issueId]));
    for (const key of keys) {
      const issueId = byKey.get(key);
      if (issueId) return issueId;
    }
    return undefined;
  }

  async #issueFromRef(ref: InboundIssueRef): Promise<string | undefined> {
    if (ref.id) return (await this.deps.issues.get(ref.id)).id;
    if (ref.externalId) return this.#known([`issue:${ref.externalId}`, externalId(ref.externalId)]);
    return undefined;
  }
}

function customerRef(contact: InboundContact): CustomerRef {
  const ref: CustomerRef = {};
  if (contact.externalId) ref.externalId = contact.externalId;
  if (contact.email) ref.email = contact.email;
  if (contact.name) ref.name = contact.name;
  if (contact.phone) ref.phone = contact.phone;
  if (!ref.externalId && !ref.email) {
    if (!contact.phone)
      throw new ProblemError('unprocessable', 'the sender has no externalId, email or phone to be known by');
    // A caller known only by their number: the number is their external identity.
    ref.externalId = `phone:${contact.phone.replace(/[^0-9+]/g, '')}`;
    ref.name ??= contact.phone;
  }
  return ref;
}

function scalarFields(fields: Record<string, unknown>): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v))
      out[k] = v as string | number | boolean | null;
  }
  return out;
}

function subjectOf(subject: string | undefined, text: string): string {
  const line = (subject?.trim() || text.trim().split('\n')[0] || '(no subject)').slice(0, 500);
  return line || '(no subject)';
}

/** Issue externalIds are at most 200 characters; longer keys are hashed (stable, so still idempotent). */
function externalId(key: string): string {
  return key.length <= ISSUE_EXTERNAL_ID_MAX
    ? key
    : `sha256:${createHash('sha256').update(key).digest('hex')}`;
}
