/**
 * The handoff brief, assembled from the issue's timeline and never invented: every item quotes one
 * event and carries its id, so the new owner can open the source. Until context intelligence writes
 * summaries, the summary is a line of facts (subject, priority, status, counts, who waits since when).
 *
 * - lastMessages: the last customer messages and agent replies.
 * - openQuestions: customer sentences ending in "?" that no agent reply followed.
 * - stepsTried: internal notes, decisions and call transcripts — what the team did and found.
 * - commitments: agent reply sentences that promise something ("I will …", "we'll …").
 */
import type {
  HandoffBriefItem as BriefItem,
  HandoffTimelineBrief,
  Issue,
  TimelineEvent,
} from '@baton/schemas';

const LAST_MESSAGES = 5;
const MAX_ITEMS = 10;
const MAX_TEXT = 1000;
const PROMISE = /\b(i|we)\s*('ll|’ll| will| shall| am going to| are going to)\b/i;

/** Sentences of a text, keeping their end punctuation. */
export function sentences(text: string): string[] {
  return (text.replace(/\s+/g, ' ').match(/[^.!?]+[.!?]*/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

function item(event: TimelineEvent, text: string): BriefItem {
  return {
    eventId: event.id,
    at: event.at,
    author: event.author,
    eventType: event.type,
    text: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text,
  };
}

function transcriptText(event: Extract<TimelineEvent, { type: 'call_transcript' }>): string {
  return event.segments.map((s) => `${s.speaker}: ${s.text}`).join(' ');
}

export function assembleBrief(
  issue: Issue,
  events: readonly TimelineEvent[],
  now: Date,
): HandoffTimelineBrief {
  const messages: BriefItem[] = [];
  let open: BriefItem[] = [];
  const steps: BriefItem[] = [];
  const commitments: BriefItem[] = [];
  let customerCount = 0;
  let agentCount = 0;
  let waitingSince: string | undefined;
  for (const event of events) {
    switch (event.type) {
      case 'customer_message': {
        customerCount++;
        messages.push(item(event, event.text));
        waitingSince ??= event.at;
        for (const sentence of sentences(event.text))
          if (sentence.endsWith('?')) open.push(item(event, sentence));
        break;
      }
      case 'agent_reply': {
        agentCount++;
        messages.push(item(event, event.text));
        waitingSince = undefined;
        open = [];
        for (const sentence of sentences(event.text))
          if (PROMISE.test(sentence)) commitments.push(item(event, sentence));
        break;
      }
      case 'internal_note':
      case 'decision':
        steps.push(item(event, event.text));
        break;
      case 'call_transcript':
        steps.push(item(event, transcriptText(event)));
        break;
      default:
        break;
    }
  }
  const lastMessages = messages.slice(-LAST_MESSAGES);
  const openQuestions = open.slice(-MAX_ITEMS);
  const stepsTried = steps.slice(-MAX_ITEMS);
  const promised = commitments.slice(-MAX_ITEMS);
  const linked = new Set<string>();
  for (const list of [lastMessages, openQuestions, stepsTried, promised])
    for (const i of list) linked.add(i.eventId);
  const facts = [
    `"${issue.subject}"`,
    `${issue.priority} priority, ${issue.status}, via ${issue.channel}${issue.queue ? `, queue ${issue.queue}` : ''}`,
    `${customerCount} customer message${customerCount === 1 ? '' : 's'} and ${agentCount} agent repl${agentCount === 1 ? 'y' : 'ies'} since ${issue.createdAt}`,
  ];
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
    commitments: promised,
    linkedEventIds: [...linked],
  };
}
