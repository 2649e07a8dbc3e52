/**
 * Intelligence through the API, as an agent would use it: briefs whose every item points at a real
 * timeline event, similar issues from the same queue more often than chance, KB drafts on
 * resolution and their review, classification with versioned models.
 */
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HandoffBrief, Issue, KbArticle, SimilarResults, TimelineEvent } from '@baton/schemas';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importTickets } from '../importer/tickets.ts';
import { startTestBaton, type TestBaton } from '../testing/harness.ts';
import { describeWithData } from '../testing/shared-data.ts';
import { readTicketCsv, seededRandom, shuffle, writeCsv } from './routing/dataset.ts';

const TRAIN_CSV = fileURLToPath(new URL('../../../../shared/data/tickets/train.csv', import.meta.url));

let baton: TestBaton;
beforeEach(async () => {
  baton = await startTestBaton();
});
afterEach(() => baton.close());

async function openIssue(payload: Record<string, unknown>, on: TestBaton = baton): Promise<Issue> {
  const res = await on.request({
    method: 'POST',
    url: '/api/issues',
    payload: { channel: 'email', customer: { email: 'kim@example.com', name: 'Kim' }, ...payload },
  });
  expect(res.statusCode).toBe(201);
  return res.json<Issue>();
}

/** Posts an event; one by an agent is sent as agent Sam (the caller is the author). */
async function add(issueId: string, event: Record<string, unknown>): Promise<TimelineEvent> {
  const { author, ...content } = event as { author?: { kind: string } };
  const token = author?.kind === 'agent' ? await samToken() : undefined;
  const res = await baton.request({
    method: 'POST',
    url: `/api/issues/${issueId}/timeline`,
    payload: author?.kind === 'agent' ? content : event,
    ...(token ? { token } : {}),
  });
  expect(res.statusCode).toBe(201);
  return res.json<TimelineEvent>();
}

const agent = { kind: 'agent', name: 'Sam' } as const;

/** A session of agent Sam on the current server (created once per server). */
const samTokens = new WeakMap<TestBaton, Promise<string>>();
function samToken(): Promise<string> {
  let token = samTokens.get(baton);
  if (!token) {
    token = baton
      .request({
        method: 'POST',
        url: '/api/agents',
        payload: { name: 'Sam', email: 'sam@example.com', timeZone: 'UTC' },
      })
      .then((sam) => baton.tokenForAgent(sam.json().id as string));
    samTokens.set(baton, token);
  }
  return token;
}

/** Every item of a brief, with where it sits. */
function items(brief: HandoffBrief) {
  const out: Array<{ where: string; text: string; kind?: string; eventIds: string[] }> = [];
  const push = (where: string, i: { text: string; kind?: string; sources: Array<{ eventId: string }> }) =>
    out.push({ where, text: i.text, kind: i.kind, eventIds: i.sources.map((s) => s.eventId) });
  if (brief.headline) push('headline', brief.headline);
  for (const key of ['summary', 'openUnknowns', 'stepsTried', 'commitments', 'nextSteps'] as const) {
    for (const i of brief[key]) push(key, i);
  }
  for (const qa of brief.questionsAnswered) {
    push('question', qa.question);
    push('answer', qa.answer);
  }
  for (const i of brief.urgency.signals) push('urgency', i);
  for (const i of brief.sentiment.signals) push('sentiment', i);
  return out;
}

function textOf(event: TimelineEvent): string {
  if (event.type === 'call_transcript') return event.segments.map((s) => s.text).join('\n');
  return 'text' in event && typeof event.text === 'string' ? event.text : '';
}

describe('handoff brief', () => {
  it('briefs a long issue with every item quoted from a real timeline event', async () => {
    const issue = await openIssue({
      subject: 'Checkout fails with error 502 for all EU customers',
      body: 'Hello team,\n\nSince 9:00 our checkout page returns error 502 for every customer in the EU. This is urgent: we are losing orders every minute. Is this related to the maintenance announced yesterday?\n\nBest regards,\nKim',
      priority: 'high',
    });
    await add(issue.id, {
      type: 'agent_reply',
      text: 'Thank you for reporting this. The maintenance finished at 7:00 and did not touch the EU payment gateway. Could you send us the request id of a failed checkout?',
      author: agent,
    });
    await add(issue.id, {
      type: 'customer_message',
      text: 'Here is one: req-88412. We already restarted our web servers and cleared the CDN cache, but nothing changed. How long will a fix take?',
    });
    await add(issue.id, {
      type: 'internal_note',
      text: 'Gateway logs show TLS handshake failures from the EU edge. Root cause still unclear. Next step: escalate to the payments team with req-88412.',
      author: agent,
    });
    await add(issue.id, {
      type: 'call_transcript',
      durationSec: 300,
      segments: [
        {
          speaker: 'Customer',
          startSec: 0,
          text: 'We are really frustrated, this is the second outage this month.',
        },
        {
          speaker: 'Agent Sam',
          startSec: 20,
          text: 'I understand. I will call you back within 2 hours with an update.',
        },
      ],
    });
    await add(issue.id, {
      type: 'agent_reply',
      text: 'We have identified an expired certificate on the EU edge and rolled back the configuration. We will send you a full incident report by Friday.',
      author: agent,
    });
    await add(issue.id, {
      type: 'customer_message',
      text: 'Checkout works again, thanks a lot! Can you also tell us whether card payments made during the outage were charged twice?',
    });

    const timeline = (await baton.request({ url: `/api/issues/${issue.id}/timeline?limit=200` })).json<{
      items: TimelineEvent[];
    }>().items;
    const byId = new Map(timeline.map((e) => [e.id, e]));

    const res = await baton.request({ url: `/api/issues/${issue.id}/brief` });
    expect(res.statusCode).toBe(200);
    const brief = res.json<HandoffBrief>();
    const all = items(brief);
    expect(all.length).toBeGreaterThan(10);
    for (const item of all) {
      expect(item.eventIds.length, item.where).toBeGreaterThan(0);
      for (const id of item.eventIds) {
        const event = byId.get(id);
        expect(event, `${item.where}: ${id}`).toBeDefined();
        // Quoted items are verbatim sentences of their event; suggestions quote one inside.
        const quoted = item.kind === 'suggested' ? /"(.+)"$/.exec(item.text)?.[1] : item.text;
        if (quoted) expect(textOf(event as TimelineEvent), item.where).toContain(quoted);
      }
    }

    const texts = (list: Array<{ text: string }>) => list.map((i) => i.text).join('\n');
    expect(texts(brief.summary)).toContain('checkout page returns error 502');
    expect(texts(brief.stepsTried)).toContain(
      'We already restarted our web servers and cleared the CDN cache',
    );
    expect(texts(brief.commitments)).toContain('We will send you a full incident report by Friday.');
    expect(texts(brief.commitments)).toContain('I will call you back within 2 hours with an update.');
    expect(brief.questionsAnswered.map((q) => q.question.text)).toContain(
      'Is this related to the maintenance announced yesterday?',
    );
    const answer = brief.questionsAnswered.find((q) => q.question.text.startsWith('Is this related'))?.answer
      .text;
    expect(answer).toContain('maintenance');
    expect(texts(brief.openUnknowns)).toContain(
      'Can you also tell us whether card payments made during the outage were charged twice?',
    );
    expect(texts(brief.openUnknowns)).toContain('Root cause still unclear.');
    expect(texts(brief.nextSteps)).toContain('Next step: escalate to the payments team with req-88412.');
    expect(brief.nextSteps.some((s) => s.kind === 'suggested' && s.text.includes('charged twice'))).toBe(
      true,
    );
    expect(brief.urgency.level === 'high' || brief.urgency.level === 'critical').toBe(true);
    expect(texts(brief.urgency.signals)).toContain('This is urgent: we are losing orders every minute.');
    expect(texts(brief.sentiment.signals)).toContain(
      'We are really frustrated, this is the second outage this month.',
    );
    expect(brief.sentiment.trend).toBe('improving');
    expect(brief.stats).toEqual({ events: timeline.length, customerMessages: 3, agentReplies: 2, notes: 1 });

    const exec = (
      await baton.request({ url: `/api/issues/${issue.id}/brief?variant=executive` })
    ).json<HandoffBrief>();
    expect(exec.variant).toBe('executive');
    expect(exec.headline?.sources[0]?.eventId).toBe(timeline[0]?.id);
    expect(items(exec).length).toBeLessThan(all.length);
    for (const item of items(exec)) for (const id of item.eventIds) expect(byId.has(id)).toBe(true);
  });

  it('briefs a German issue', async () => {
    const issue = await openIssue({
      subject: 'Drucker im 2. Stock druckt nicht',
      body: 'Sehr geehrte Damen und Herren,\n\nunser Drucker im 2. Stock druckt seit gestern nicht mehr. Wir haben den Drucker bereits neu gestartet. Können Sie uns dringend helfen?\n\nMit freundlichen Grüßen',
      language: 'de',
    });
    await add(issue.id, {
      type: 'agent_reply',
      text: 'Vielen Dank für Ihre Nachricht. Bitte starten Sie den Druckerspooler neu. Ich werde mich morgen früh bei Ihnen melden.',
      author: agent,
    });
    const brief = (await baton.request({ url: `/api/issues/${issue.id}/brief` })).json<HandoffBrief>();
    expect(brief.language).toBe('de');
    expect(brief.stepsTried.map((i) => i.text)).toContain('Wir haben den Drucker bereits neu gestartet.');
    expect(brief.commitments.map((i) => i.text)).toContain('Ich werde mich morgen früh bei Ihnen melden.');
    expect(brief.questionsAnswered[0]?.question.text).toBe('Können Sie uns dringend helfen?');
    expect(brief.urgency.signals.map((i) => i.text)).toContain('Können Sie uns dringend helfen?');
    expect(brief.summary[0]?.text).toBe('unser Drucker im 2. Stock druckt seit gestern nicht mehr.');
  });

  it('answers 404 for an unknown issue', async () => {
    const res = await baton.request({ url: '/api/issues/iss_nope/brief' });
    expect(res.statusCode).toBe(404);
  });
});

describe('knowledge capture and deflection', () => {
  it('captures a KB draft when an issue resolves; review publishes it; new issues get it as a suggestion', async () => {
    const issue = await openIssue({
      subject: 'VPN disconnects every hour',
      body: 'Our VPN client disconnects every hour since the last update. Please help.',
      tags: ['vpn'],
      queue: 'IT Support',
    });
    const reply = await add(issue.id, {
      type: 'agent_reply',
      text: 'This is a known issue of client 9.3.1. Please update the VPN client to version 9.3.2 and restart your computer. That resolves the hourly disconnects.',
      author: agent,
    });
    const resolved = await baton.request({
      method: 'PATCH',
      url: `/api/issues/${issue.id}`,
      payload: { status: 'resolved' },
    });
    expect(resolved.statusCode).toBe(200);
    await baton.services.bus.drain();

    const list = (await baton.request({ url: `/api/kb/articles?sourceIssueId=${issue.id}` })).json<{
      items: KbArticle[];
    }>();
    expect(list.items).toHaveLength(1);
    const draft = list.items[0] as KbArticle;
    expect(draft).toMatchObject({
      status: 'draft',
      title: 'VPN disconnects every hour',
      queue: 'IT Support',
    });
    expect(draft.problem).toContain('Our VPN client disconnects every hour');
    expect(draft.resolution).toContain(
      'Please update the VPN client to version 9.3.2 and restart your computer.',
    );
    expect(draft.tags).toContain('vpn');
    expect(draft.sourceEventIds).toContain(reply.id);

    // Resolving again (after a reopen) keeps the one draft.
    await add(issue.id, { type: 'customer_message', text: 'It happened again today.' });
    await baton.request({ method: 'PATCH', url: `/api/issues/${issue.id}`, payload: { status: 'resolved' } });
    await baton.services.bus.drain();
    const again = (await baton.request({ url: `/api/kb/articles?sourceIssueId=${issue.id}` })).json();
    expect(again.items).toHaveLength(1);

    // The review page's search: every word, anywhere in the article; and the tag filter.
    const found = (await baton.request({ url: '/api/kb/articles?q=vpn%209.3.2' })).json();
    expect(found.items.map((a: KbArticle) => a.id)).toEqual([draft.id]);
    expect((await baton.request({ url: '/api/kb/articles?q=printer' })).json().items).toEqual([]);
    expect((await baton.request({ url: '/api/kb/articles?tag=vpn' })).json().items).toHaveLength(1);
    expect((await baton.request({ url: '/api/kb/articles?tag=billing' })).json().items).toEqual([]);

    const agentToken = await baton.tokenFor('agent');
    const designerToken = await baton.tokenFor('designer');
    const skip = await baton.request({
      method: 'PATCH',
      url: `/api/kb/articles/${draft.id}`,
      payload: { status: 'published' },
      token: designerToken,
    });
    expect(skip.statusCode).toBe(409);
    const review = await baton.request({
      method: 'PATCH',
      url: `/api/kb/articles/${draft.id}`,
      payload: { status: 'reviewable', title: 'VPN client disconnects every hour (9.3.1)' },
      token: agentToken,
    });
    expect(review.statusCode).toBe(200);
    const byAgent = await baton.request({
      method: 'PATCH',
      url: `/api/kb/articles/${draft.id}`,
      payload: { status: 'published' },
      token: agentToken,
    });
    expect(byAgent.statusCode).toBe(403);
    const published = await baton.request({
      method: 'PATCH',
      url: `/api/kb/articles/${draft.id}`,
      payload: { status: 'published' },
      token: designerToken,
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      status: 'published',
      title: 'VPN client disconnects every hour (9.3.1)',
    });
    expect(published.json().publishedAt).toBeDefined();

    const unrelated = await openIssue({
      subject: 'Invoice address wrong',
      body: 'Our invoice shows the old company address.',
    });
    const incoming = await openIssue({
      subject: 'VPN keeps disconnecting',
      body: 'Every hour the VPN client drops the connection and we have to reconnect.',
    });
    const deflection = (
      await baton.request({ url: `/api/issues/${incoming.id}/deflection` })
    ).json<SimilarResults>();
    expect(deflection.items[0]).toMatchObject({ kind: 'article', id: draft.id, status: 'published' });
    expect(deflection.retrieval).toEqual({ lexical: true, embeddings: null, warming: false });
    const none = (
      await baton.request({ url: `/api/issues/${unrelated.id}/deflection` })
    ).json<SimilarResults>();
    expect(none.items.every((i) => i.kind === 'article')).toBe(true);

    const similar = (
      await baton.request({ url: `/api/issues/${incoming.id}/similar` })
    ).json<SimilarResults>();
    expect(similar.items.map((i) => `${i.kind}:${i.id}`)).toEqual(
      expect.arrayContaining([`issue:${issue.id}`, `article:${draft.id}`]),
    );
    expect(similar.items.find((i) => i.id === issue.id)?.resolution).toContain('version 9.3.2');
  });
});

describe('knowledge drafts: steps, not promises of news; tags by stem', () => {
  it('leaves "I\'ll let you know" and "I\'ll update you" out of the steps that resolve it', async () => {
    const issue = await openIssue({
      subject: 'Cannot sign in on the app',
      body: 'The app rejects my password: login failed this morning and keeps failing since.',
    });
    await add(issue.id, {
      type: 'agent_reply',
      text: "Clear the app's cache under Settings, then sign in again. I'll let you know when the permanent fix ships. I'll update you as soon as it's out.",
      author: agent,
    });
    await add(issue.id, { type: 'customer_message', text: 'That worked, thanks!' });
    await baton.request({ method: 'PATCH', url: `/api/issues/${issue.id}`, payload: { status: 'resolved' } });
    await baton.services.bus.drain();
    const [draft] = (await baton.request({ url: `/api/kb/articles?sourceIssueId=${issue.id}` })).json<{
      items: KbArticle[];
    }>().items;
    expect(draft?.resolution).toEqual(["Clear the app's cache under Settings, then sign in again."]);
    // Tags by stem: "failed" and "failing" are one tag.
    expect(draft?.tags).toContain('failed');
    expect(draft?.tags).not.toContain('failing');
  });
});

describe('similar resolutions', () => {
  /** A past issue resolved with `answer`. */
  async function resolvedWith(subject: string, body: string, answer: string): Promise<Issue> {
    const issue = await openIssue({ subject, body });
    await add(issue.id, { type: 'agent_reply', text: answer, author: agent });
    await baton.request({ method: 'PATCH', url: `/api/issues/${issue.id}`, payload: { status: 'resolved' } });
    return issue;
  }

  it('shows a resolution given to several past issues once, saying how many more it answered', async () => {
    const invite = 'Go to Settings, then Members, then Invite: enter the email address and pick a role.';
    const repeated = [];
    for (const body of [
      'How do I add a colleague?',
      'We hired someone, how do they get access?',
      'Adding a user?',
    ])
      repeated.push(await resolvedWith('How do I add a new user?', body, invite));
    // Same question, answered differently: a different resolution, listed on its own.
    const sso = await resolvedWith(
      'How do I add a new user?',
      'Our users come from Okta.',
      'With single sign-on, new users appear after their first Okta login; nothing to invite.',
    );
    await baton.services.bus.drain();
    const incoming = await openIssue({
      subject: 'How do I add a new user to our account?',
      body: 'A trainee starts Monday.',
    });

    const similar = (
      await baton.request({ url: `/api/issues/${incoming.id}/similar?kind=issues&limit=5` })
    ).json<SimilarResults>();
    const inviting = similar.items.filter((i) => i.resolution === invite);
    expect(inviting).toHaveLength(1);
    expect(repeated.map((i) => i.id)).toContain(inviting[0]!.id);
    expect(inviting[0]!.repeats).toBe(2);
    const bySso = similar.items.find((i) => i.id === sso.id);
    expect(bySso?.resolution).toContain('single sign-on');
    expect(bySso?.repeats).toBeUndefined();
    // The limit counts different resolutions: with one asked, the folded ones still count.
    const one = (
      await baton.request({ url: `/api/issues/${incoming.id}/similar?kind=issues&limit=1` })
    ).json<SimilarResults>();
    expect(one.items).toHaveLength(1);
  });
});

describeWithData(TRAIN_CSV, 'similar issues and routing on real tickets', () => {
  it('similar issues come from the same queue more often than chance; classification explains itself and is versioned', async () => {
    // A seeded sample of the public ticket set: 600 imported as history, 60 opened as new issues.
    const { tickets, rows } = await readTicketCsv(TRAIN_CSV);
    const header = rows[0] as string[];
    const order = shuffle(
      tickets.map((_, i) => i),
      seededRandom(8),
    );
    const history = order.slice(0, 600);
    const fresh = order.slice(600, 660).map((i) => tickets[i] as (typeof tickets)[number]);
    const csv = `${baton.dataDir}/history.csv`;
    await writeCsv(csv, [header, ...history.map((i) => rows[i + 1] as string[])]);
    const summary = await importTickets(createReadStream(csv), baton.services);
    expect(summary.created).toBeGreaterThan(590);
    await baton.services.bus.drain();

    const queueOf = new Map<string, number>();
    for (const i of history) {
      const q = tickets[i]?.queue ?? '';
      queueOf.set(q, (queueOf.get(q) ?? 0) + 1);
    }
    // Chance: the probability that a random history ticket shares a random new ticket's queue.
    let chance = 0;
    for (const t of fresh) chance += (queueOf.get(t.queue ?? '') ?? 0) / history.length;
    chance /= fresh.length;

    let same = 0;
    let total = 0;
    const created: Issue[] = [];
    for (const t of fresh) {
      const issue = await openIssue({
        subject: t.subject,
        body: t.body,
        ...(t.language ? { language: t.language } : {}),
      });
      created.push(issue);
      const res = await baton.request({ url: `/api/issues/${issue.id}/similar?kind=issues&limit=5` });
      expect(res.statusCode).toBe(200);
      for (const item of res.json<SimilarResults>().items) {
        total++;
        if (item.queue === t.queue) same++;
      }
    }
    const rate = same / total;
    expect(total).toBeGreaterThan(200);
    expect(rate).toBeGreaterThan(chance * 2);

    // No model yet: a clear 409.
    const first = created[0] as Issue;
    expect((await baton.request({ url: `/api/issues/${first.id}/classification` })).statusCode).toBe(409);
    const trained = await baton.request({ method: 'POST', url: '/api/intelligence/routing-models' });
    expect(trained.statusCode).toBe(201);
    expect(trained.json()).toMatchObject({ version: 1, source: 'history' });
    expect(trained.json().examples.queue).toBe(summary.created);

    let correct = 0;
    for (const [i, issue] of created.entries()) {
      const res = await baton.request({ url: `/api/issues/${issue.id}/classification` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.modelVersion).toBe(1);
      const queue = body.predictions.queue;
      expect(queue.confidence).toBeGreaterThan(0);
      expect(queue.explanation.terms.length).toBeGreaterThan(0);
      for (const s of queue.explanation.similar) expect(s.value).toBe(queue.value);
      if (queue.value === fresh[i]?.queue) correct++;
    }
    // Far above the majority-class rate on a 600-ticket history.
    const majority = Math.max(...queueOf.values()) / history.length;
    expect(correct / created.length).toBeGreaterThan(majority);

    const retrained = await baton.request({ method: 'POST', url: '/api/intelligence/routing-models' });
    expect(retrained.json().version).toBe(2);
    const models = (await baton.request({ url: '/api/intelligence/routing-models' })).json();
    expect(models.items.map((m: { version: number }) => m.version)).toEqual([2, 1]);
    const adhoc = await baton.request({
      method: 'POST',
      url: '/api/intelligence/classify',
      payload: { subject: first.subject, body: first.body },
    });
    expect(adhoc.json().modelVersion).toBe(2);
  }, 120_000);
});

describe('classification while the similar-issue search fails', () => {
  it('classifies without neighbours, and logs the outage once and its end once', async () => {
    const lines: Array<{ level: string; message: string; obj: object }> = [];
    // The server's logger is pino, which has `info` too; services see it as what they ask for.
    const log = {
      error: (obj: object, message: string) => lines.push({ level: 'error', message, obj }),
      info: (obj: object, message: string) => lines.push({ level: 'info', message, obj }),
    };
    const local = await startTestBaton({ log });
    try {
      // Varied enough that the query's words are rare in the index (common ones are not searched).
      const billing = [
        'invoice charged twice',
        'refund my payment',
        'wrong VAT on receipt',
        'card declined at checkout',
        'subscription renewal price',
        'credit note missing',
      ];
      const network = [
        'VPN drops every hour',
        'router firewall blocks traffic',
        'wifi slow upstairs',
        'DNS lookup fails',
        'proxy certificate error',
        'switch port flapping',
      ];
      for (let i = 0; i < 24; i++) {
        const [queue, texts] = i % 2 ? ['Billing', billing] : ['Network', network];
        const text = texts[Math.floor(i / 2) % 6] as string;
        const issue = await openIssue({ subject: text, body: `${text}, please help`, queue }, local);
        await local.request({
          method: 'PATCH',
          url: `/api/issues/${issue.id}`,
          payload: { status: 'resolved' },
        });
      }
      await local.services.bus.drain();
      expect(
        (await local.request({ method: 'POST', url: '/api/intelligence/routing-models' })).statusCode,
      ).toBe(201);
      const { intelligence } = local.services;
      await intelligence.ready();
      const text = { subject: 'Refund', body: 'I was charged twice on my invoice.' };
      const answering = intelligence.index.neighbours.bind(intelligence.index);
      const outage = () => lines.filter((l) => l.message.startsWith('searching similar past issues failed'));
      const recovered = () => lines.filter((l) => l.message.startsWith('similar past issues found again'));

      intelligence.index.neighbours = () => Promise.reject(new Error('the vector index is down'));
      for (let i = 0; i < 3; i++) {
        const classified = await intelligence.classifyText(text);
        expect(classified?.predictions.queue?.value).toBe('Billing'); // the linear model still answers
        expect(classified?.predictions.queue?.explanation.similar).toEqual([]);
      }
      expect(outage()).toHaveLength(1);

      intelligence.index.neighbours = answering;
      const classified = await intelligence.classifyText(text);
      expect(classified?.predictions.queue?.explanation.similar.length).toBeGreaterThan(0);
      expect(recovered()).toEqual([expect.objectContaining({ level: 'info', obj: { classifications: 3 } })]);

      // The next outage is news again.
      intelligence.index.neighbours = () => Promise.reject(new Error('down again'));
      await intelligence.classifyText(text);
      await intelligence.classifyText(text);
      expect(outage()).toHaveLength(2);
    } finally {
      await local.close();
    }
  });
});

describe('flow node kinds', () => {
  it('registers classify, summarize and the labels fact; classify takes the route of the prediction', async () => {
    const catalog = baton.services.engine.catalog();
    expect(catalog.kinds.map((k) => k.type)).toEqual(expect.arrayContaining(['classify', 'summarize']));
    expect(catalog.facts.map((f) => f.id)).toContain('labels');

    const topics = [
      {
        queue: 'Billing',
        words: ['invoice charged twice', 'refund for my payment', 'Rechnung doppelt bezahlt'],
      },
      {
        queue: 'Network',
        words: ['VPN drops every hour', 'router firewall blocks traffic', 'Netzwerk Verbindung langsam'],
      },
    ];
    for (let i = 0; i < 24; i++) {
      const topic = topics[i % 2] as (typeof topics)[number];
      const text = topic.words[i % 3] as string;
      const issue = await openIssue({
        subject: text,
        body: `${text}, please help (${i})`,
        queue: topic.queue,
      });
      await baton.request({
        method: 'PATCH',
        url: `/api/issues/${issue.id}`,
        payload: { status: 'resolved' },
      });
    }
    await baton.services.bus.drain();
    expect(
      (await baton.request({ method: 'POST', url: '/api/intelligence/routing-models' })).statusCode,
    ).toBe(201);

    const incoming = await openIssue({
      subject: 'Refund please',
      body: 'I was charged twice on my invoice.',
    });
    const kind = baton.services.engine.kinds.get('classify');
    const updates: unknown[] = [];
    const ctx = {
      data: {
        label: 'queue',
        routes: [{ id: 'billing', value: 'Billing' }],
        minConfidence: 0.3,
        apply: true,
      },
      issue: incoming,
      run: { id: 'run_test', trace: true, depth: 0 },
      effects: {
        dryRun: true,
        updateIssue: async (patch: unknown) => {
          updates.push(patch);
          return incoming;
        },
      },
    };
    const result = (await kind?.run(ctx as never)) as { handle: string; trace: Record<string, unknown> };
    expect(result.handle).toBe('billing');
    expect(result.trace).toMatchObject({
      kind: 'classify',
      label: 'queue',
      value: 'Billing',
      modelVersion: 1,
      applied: true,
    });
    expect((result.trace.terms as string[]).length).toBeGreaterThan(0);
    expect(updates).toEqual([{ queue: 'Billing' }]);

    // A path-only run (the server's default) drops the trace, so the terms are not worked out.
    const untraced = (await kind?.run({ ...ctx, run: { ...ctx.run, trace: false } } as never)) as {
      handle: string;
      trace: Record<string, unknown>;
    };
    expect(untraced.handle).toBe('billing');
    expect(untraced.trace).toMatchObject({ value: 'Billing', terms: [] });

    const strict = (await kind?.run({ ...ctx, data: { ...ctx.data, minConfidence: 1 } } as never)) as {
      handle: string;
    };
    expect(strict.handle).toBe('uncertain');
    const unrouted = (await kind?.run({ ...ctx, data: { label: 'queue', routes: [] } } as never)) as {
      handle: string;
    };
    expect(unrouted.handle).toBe('other');

    const summarize = baton.services.engine.kinds.get('summarize');
    const brief = (await summarize?.run({
      data: {},
      issue: incoming,
      effects: ctx.effects,
    } as never)) as unknown as {
      handle: string;
      trace: { summary: string[] };
    };
    expect(brief.handle).toBe('next');
    expect(brief.trace.summary).toContain('I was charged twice on my invoice.');
  });
});
