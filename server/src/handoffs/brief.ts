/**
 * The handoff's brief: a view of the one brief engine's result (intelligence/brief), never a second
 * reading of the timeline. Every item quotes one event and carries its id, so the new owner can open
 * the source; the open questions, steps tried and commitments are exactly the engine's, and the full
 * engine brief rides along as `intelligence`.
 *
 * - summary: a line of facts — subject, priority, status, the customer (tier, plan, value, local
 *   time), their stated deadline, counts and who waits since when.
 * - lastMessages: the last customer messages and agent replies.
 */
import type {
  BriefItem as EngineItem,
  HandoffBrief,
  HandoffBriefItem,
  HandoffTimelineBrief,
  Issue,
  TimelineEvent,
} from '@baton/schemas';

const LAST_MESSAGES = 5;
const MAX_ITEMS = 10;
const MAX_TEXT = 1000;

function clip(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function item(event: TimelineEvent, text: string): HandoffBriefItem {
  return { eventId: event.id, at: event.at, author: event.author, eventType: event.type, text: clip(text) };
}

export function assembleBrief(
  issue: Issue,
  events: readonly TimelineEvent[],
  now: Date,
  engine: HandoffBrief,
): HandoffTimelineBrief {
  const byId = new Map(events.map((e) => [e.id, e]));
  const quoted = (items: readonly EngineItem[]): HandoffBriefItem[] => {
    const out: HandoffBriefItem[] = [];
    for (const i of items) {
      const event = i.sources[0] ? byId.get(i.sources[0].eventId) : undefined;
      if (event && i.kind !== 'suggested') out.push(item(event, i.text));
    }
    return out.slice(-MAX_ITEMS);
  };
  const messages: HandoffBriefItem[] = [];
  let customerCount = 0;
  let agentCount = 0;
  let waitingSince: string | undefined;
  for (const event of events) {
    if (event.type === 'customer_message') {
      customerCount++;
      messages.push(item(event, event.text));
      waitingSince ??= event.at;
    } else if (event.type === 'agent_reply') {
      agentCount++;
      messages.push(item(event, event.text));
      waitingSince = undefined;
    }
  }
  const lastMessages = messages.slice(-LAST_MESSAGES);
  const openQuestions = quoted(engine.openUnknowns.filter((i) => i.sources[0]?.author === 'customer'));
  const stepsTried = quoted(engine.stepsTried);
  const commitments = quoted(engine.commitments);
  const linked = new Set<string>();
  for (const list of [lastMessages, openQuestions, stepsTried, commitments])
    for (const i of list) linked.add(i.eventId);

  const c = engine.customer;
  const who = [c.name, c.company].filter(Boolean).join(', ');
  const account = [
    c.tier,
    c.plan ? `plan ${c.plan}` : null,
    c.value,
    c.localTime ? `local time ${c.localTime}` : null,
  ]
    .filter(Boolean)
    .join(', ');
  const facts = [
    `"${issue.subject}"`,
    `${issue.priority} priority, ${issue.status}, via ${issue.channel}${issue.queue ? `, queue ${issue.queue}` : ''}`,
  ];
  if (who || account) facts.push(`customer ${who}${account ? ` (${account})` : ''}`);
  const deadline = engine.deadlines[0];
  if (deadline) facts.push(`deadline: "${deadline.text}"${deadline.due ? ` (${deadline.due.label})` : ''}`);
  facts.push(
    `${customerCount} customer message${customerCount === 1 ? '' : 's'} and ${agentCount} agent repl${agentCount === 1 ? 'y' : 'ies'} since ${issue.createdAt}`,
  );
  if (waitingSince) facts.push(`the customer has been waiting for a reply since ${waitingSince}`);
  if (openQuestions.length)
    facts.push(`${openQuestions.length} open question${openQuestions.length === 1 ? '' : 's'}`);
  if (issue.tags.length) facts.push(`tags: ${issue.tags.join(', ')}`);
  return {
    assembledFrom: 'timeline',
    assembledAt: now.toISOString(),
    summary: `${facts.join('; ')}.`.slice(0, 2000),
    lastMessages,
    openQuestions,
    stepsTried,
    commitments,
    linkedEventIds: [...linked],
    intelligence: { ...engine },
  };
}
