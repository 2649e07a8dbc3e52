/** Trigger events in words, for pickers and node summaries. */
const EVENT_WORDS: Record<string, string> = {
  'issue.created': 'An issue is created',
  'issue.updated': 'An issue changes',
  'message.added': 'A message is added',
  'sla.warning': 'An SLA clock is at risk',
  'sla.breached': 'An SLA clock is breached',
  'handoff.offered': 'A handoff is offered',
  'handoff.accepted': 'A handoff is accepted',
  'handoff.declined': 'A handoff is declined',
  'handoff.expired': 'A handoff offer expires',
  'handoff.settled': 'A handoff offer is answered or expires',
  'handoff.completed': 'A handoff is completed',
  'handoff.cancelled': 'A handoff offer is cancelled',
};

/** `handoff.accepted` → “A handoff is accepted”; unknown events in words from their name. */
export function eventLabel(type: string): string {
  const known = EVENT_WORDS[type];
  if (known) return known;
  const [subject = type, ...rest] = type.split('.');
  const verb = rest.join(' ').replace(/[_-]+/g, ' ');
  const noun = subject.replace(/[_-]+/g, ' ');
  return verb ? `${noun.charAt(0).toUpperCase()}${noun.slice(1)}: ${verb}` : noun;
}
