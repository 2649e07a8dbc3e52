/**
 * System events in words. The server records what changed (`action` + `data`, plus a text written for
 * logs that carries raw ids and timestamps); an agent reads a sentence with names instead:
 * "reassigned from Sofía Martínez to Daniel Kim (Technical Support)". Pure functions, so the same
 * wording serves the timeline, notifications and the brief.
 */
import { absoluteTime, humanize, PRIORITY_LABELS, STATUS_LABELS } from './format.ts';

/** How ids become names; unknown ids come back as a neutral word, never the id. */
export interface Names {
  agent(id: string): string | undefined;
  team(id: string): string | undefined;
}

const ID = /\b([a-z]{2,5})_[0-9A-HJKMNP-TV-Z]{26}\b/g;
const ISO = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;

const ID_NOUNS: Record<string, string> = {
  agt: 'an agent',
  team: 'a team',
  iss: 'an issue',
  cus: 'a customer',
  hnd: 'a handoff',
  ofr: 'an offer',
  esc: 'an escalation',
  run: 'a flow run',
  flw: 'a flow',
  usr: 'a user',
  evt: 'an event',
};

/** A log text made readable: ids become names (or a noun), timestamps become dates. */
export function readableText(text: string, names: Names): string {
  return text
    .replace(ID, (id, prefix: string) => {
      if (prefix === 'agt') return names.agent(id) ?? 'an agent';
      if (prefix === 'team') return names.team(id) ?? 'a team';
      return ID_NOUNS[prefix] ?? 'an item';
    })
    .replace(ISO, (iso) => absoluteTime(iso))
    .replace(/\bagentId=/g, '')
    .replace(/\bteamId=/g, '');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

/** "Daniel Kim (Technical Support)", "team Billing", "the Technical Support queue", "nobody". */
export function partyName(party: unknown, names: Names): string {
  if (!isRecord(party)) return 'nobody';
  const agent = str(party.agentId);
  const team = str(party.teamId);
  const queue = str(party.queue);
  const teamName = team ? (names.team(team) ?? 'a team') : undefined;
  if (agent) {
    const agentName = names.agent(agent) ?? 'an agent';
    return teamName ? `${agentName} (${teamName})` : agentName;
  }
  if (teamName) return `the ${teamName} team`;
  if (queue) return `the ${queue} queue`;
  return 'nobody';
}

function label(labels: Record<string, string>, value: unknown): string {
  const text = str(value);
  if (!text) return 'none';
  return labels[text] ?? humanize(text);
}

const PRIORITY_ORDER = ['low', 'medium', 'high', 'critical'];

function describeChange(field: string, change: unknown, names: Names, actorAgentId?: string): string | null {
  if (!isRecord(change)) return null;
  const { from, to } = change;
  switch (field) {
    case 'status':
      return `set status to ${label(STATUS_LABELS, to)} (was ${label(STATUS_LABELS, from)})`;
    case 'priority': {
      const up = PRIORITY_ORDER.indexOf(String(to)) > PRIORITY_ORDER.indexOf(String(from));
      return `${up ? 'raised' : 'lowered'} priority to ${label(PRIORITY_LABELS, to)} (was ${label(PRIORITY_LABELS, from)})`;
    }
    case 'assignee': {
      const had = isRecord(from) && (from.agentId || from.teamId);
      const has = isRecord(to) && (to.agentId || to.teamId);
      if (!has) return had ? `unassigned ${partyName(from, names)}` : null;
      const self = isRecord(to) && actorAgentId !== undefined && to.agentId === actorAgentId;
      const team = isRecord(to) && str(to.teamId) ? names.team(String(to.teamId)) : undefined;
      if (self) return `took the issue${team ? ` for ${team}` : ''}`;
      if (!had) return `assigned to ${partyName(to, names)}`;
      return `reassigned from ${partyName(from, names)} to ${partyName(to, names)}`;
    }
    case 'queue':
      return str(to) ? `moved to the ${to} queue` : 'took the issue out of its queue';
    case 'type':
      return str(to) ? `set type to ${to}` : 'cleared the type';
    case 'tags': {
      const before = Array.isArray(from) ? from.map(String) : [];
      const after = Array.isArray(to) ? to.map(String) : [];
      const added = after.filter((t) => !before.includes(t));
      const removed = before.filter((t) => !after.includes(t));
      const parts = [];
      if (added.length) parts.push(`tagged ${added.join(', ')}`);
      if (removed.length) parts.push(`removed tag${removed.length > 1 ? 's' : ''} ${removed.join(', ')}`);
      return parts.join(' and ') || null;
    }
    case 'resolvedAt':
      // Follows from the status change, which is already said.
      return null;
    default:
      return `changed ${humanize(field).toLowerCase()}`;
  }
}

const OFFER_OUTCOMES: Record<string, string> = {
  declined: 'declined',
  expired: 'expired unanswered',
  withdrawn: 'was withdrawn',
  accepted: 'was accepted',
};

function describeRouting(data: Record<string, unknown>, text: string, names: Names): string {
  const agent = str(data.agentId) ? (names.agent(String(data.agentId)) ?? 'an agent') : 'an agent';
  const queue = str(data.queue);
  const from = queue ? ` from the ${queue} queue` : '';
  const outcome =
    str(data.outcome) ?? (/^Offered/.test(text) ? 'offered' : /^Routed/.test(text) ? 'assigned' : undefined);
  // With the team it was assigned for (notes since session 21 carry it): "Rita Ramos (Refund desk)".
  if (outcome === 'assigned')
    return `routed the issue to ${str(data.agentId) ? partyName(data, names) : agent}${from}`;
  if (outcome === 'queued') return describeWaiting(data, names);
  if (outcome === 'offered') {
    const until = str(data.expiresAt) ? `, answer by ${absoluteTime(String(data.expiresAt))}` : '';
    return `offered the issue to ${agent}${from}${until}`;
  }
  const status = outcome ?? /\b(declined|expired|withdrawn|accepted)\b/.exec(text)?.[1];
  if (status && OFFER_OUTCOMES[status]) return `the offer to ${agent} ${OFFER_OUTCOMES[status]}`;
  return readableText(text, names);
}

/** Why a routed issue waits in its queue, and whose shift starts next. */
function describeWaiting(data: Record<string, unknown>, names: Names): string {
  const queue = str(data.queue) ? `the ${data.queue} queue` : 'its queue';
  const why =
    data.offShift === true
      ? 'nobody who works it is on shift'
      : data.reason === 'no agents work this queue'
        ? 'no agent works this queue yet'
        : 'nobody can take it right now (away, at capacity or missing a skill)';
  const who = str(data.nextShiftAgentId) ? names.agent(String(data.nextShiftAgentId)) : undefined;
  const next =
    str(data.nextShiftAt) && who ? `; ${who} starts at ${absoluteTime(String(data.nextShiftAt))}` : '';
  return `put the issue in ${queue} to wait: ${why}${next}`;
}

function quoted(reason: unknown): string {
  const text = str(reason);
  return text ? `: “${text}”` : '';
}

function describeHandoff(status: string, data: Record<string, unknown>, text: string, names: Names): string {
  const to = partyName(data.to, names);
  switch (status) {
    case 'offered':
      return `offered a handoff to ${to}${quoted(data.reason)}`;
    case 'accepted': {
      const by = str(data.acceptedBy) ? partyName({ agentId: data.acceptedBy }, names) : null;
      return by ? `handoff accepted: ${by} now owns the issue` : 'handoff accepted: ownership moved';
    }
    case 'declined':
      return `${to} declined the handoff${quoted(data.declineReason ?? /\(([^)]*)\)$/.exec(text)?.[1])}`;
    case 'expired':
      return `the handoff to ${to} expired unanswered`;
    case 'completed':
      return `handoff to ${to} completed: the new owner has the context`;
    case 'cancelled':
      return `the handoff to ${to} was cancelled`;
    default:
      return readableText(text, names);
  }
}

function describeEscalation(
  status: string,
  data: Record<string, unknown>,
  text: string,
  names: Names,
): string {
  const name = str(data.name);
  const path = name ? `the “${name}” escalation` : 'an escalation';
  switch (status) {
    case 'started':
      return `started ${path}`;
    case 'acknowledged':
      return `acknowledged ${path}: it stops here`;
    case 'exhausted':
      return `${path} ran out of steps without an acknowledgement`;
    case 'cancelled':
      return `${path} was cancelled`;
    default:
      return readableText(text, names);
  }
}

interface TimelineLike {
  type: string;
  action?: string;
  data?: Record<string, unknown>;
  author: { kind: string; name?: string };
}

/**
 * The timeline without the router's echo of its own assignment. Routing an issue writes two entries
 * a moment apart — the issue's change ("assigned to Rita Ramos (Refund desk)") and routing's note
 * ("routed the issue to Rita Ramos (Refund desk) from the Refunds queue") — which read as one thing
 * said twice. The change is left out when the router made it, it changed only the assignee, and
 * routing's note for the same agent is next to it; the note says more (the queue). An assignment
 * by a person, or one that changed more, stays.
 */
export function withoutRoutingEchoes<E extends TimelineLike>(events: readonly E[]): E[] {
  return events.filter((event, i) => {
    if (event.type !== 'system_event' || !/^issue\.update/.test(event.action ?? '')) return true;
    if (event.author.kind !== 'system' || event.author.name !== 'routing') return true;
    const changed = Object.keys(event.data ?? {});
    const assignee = event.data?.assignee;
    if (changed.length !== 1 || !isRecord(assignee) || !isRecord(assignee.to)) return true;
    const agentId = str(assignee.to.agentId);
    if (!agentId) return true;
    // Beside it either way: a timeline may be read newest first (a customer's).
    const saysIt = (note: E | undefined) =>
      note?.type === 'system_event' &&
      note.action === 'routing' &&
      note.data?.outcome === 'assigned' &&
      note.data.agentId === agentId;
    return !(saysIt(events[i + 1]) || saysIt(events[i - 1]));
  });
}

/** The sentence for one system event, without its actor ("set status to Open (was New)"). */
export function describeSystemEvent(
  event: {
    action?: string;
    text?: string;
    data?: Record<string, unknown>;
    author?: { kind: string; id?: string };
  },
  names: Names,
): string {
  const actorAgentId = event.author?.kind === 'agent' ? event.author.id : undefined;
  const action = event.action ?? '';
  const data = isRecord(event.data) ? event.data : {};
  const text = event.text ?? '';
  if (action === 'issue.updated' || action === 'issue.update') {
    const parts = Object.entries(data)
      .map(([field, change]) => describeChange(field, change, names, actorAgentId))
      .filter((part): part is string => Boolean(part));
    if (parts.length) return parts.join('; ');
  }
  if (action === 'routing') return describeRouting(data, text, names);
  if (action.startsWith('handoff.')) return describeHandoff(action.slice(8), data, text, names);
  if (action.startsWith('escalation.')) return describeEscalation(action.slice(11), data, text, names);
  if (text) return readableText(text, names);
  return humanize(action.replace(/^issue\./, '') || 'event').toLowerCase();
}

const SYSTEM_ACTORS: Record<string, string> = {
  routing: 'Routing',
  handoffs: 'Handoffs',
  escalation: 'Escalation',
  'issue workspace': 'Shared workspace',
  'first agent reply': 'Baton, on the first reply,',
  'customer replied': 'Baton, as the customer wrote back,',
  'auto-close': 'Auto-close',
  'reference flows': 'Baton',
};

/** A system actor in words: "Routing", "Baton, on the first reply,", or the flow's own name. */
export function systemActorName(actor: { id?: string; name?: string }): string {
  const name = actor.name ?? '';
  if (SYSTEM_ACTORS[name]) return SYSTEM_ACTORS[name];
  const flow = /^flow (.+) v(\d+)$/.exec(name);
  if (flow) return `Flow “${flow[1]}” (v${flow[2]})`;
  return name ? humanize(name) : 'Baton';
}
