/**
 * The REST API's resource shapes, as the studio reads them: the stored documents come from the
 * schemas' generated types (`@baton/schemas/types`, the server's own contract); what is left here is
 * the studio's own (value lists for pickers, narrowed views of a union, client-side pages).
 */
import type {
  Actor,
  Agent,
  Assignee,
  Channel,
  Customer,
  Issue,
  IssueStatus,
  Priority,
  Team,
  TeamNotifications,
  TimelineEvent,
  TranscriptSegment,
} from '@baton/schemas/types';

export type {
  Actor,
  Agent,
  Assignee,
  Channel,
  Customer,
  Issue,
  IssueStatus,
  Priority,
  Team,
  TeamNotifications,
  TimelineEvent,
  TranscriptSegment,
};

export const CHANNELS = ['email', 'chat', 'phone', 'web', 'api', 'crm'] as const satisfies readonly Channel[];

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const satisfies readonly Priority[];

export const STATUSES = [
  'new',
  'open',
  'pending',
  'on_hold',
  'resolved',
  'closed',
] as const satisfies readonly IssueStatus[];

export interface IssuePatch {
  status?: IssueStatus;
  priority?: Priority;
  tags?: string[];
  assignee?: { agentId?: string | null; teamId?: string | null };
}

export type ActorKind = Actor['kind'];

export type MessageEvent = Extract<
  TimelineEvent,
  { type: 'customer_message' | 'agent_reply' | 'internal_note' }
>;
export type CallTranscriptEvent = Extract<TimelineEvent, { type: 'call_transcript' }>;
export type CrmUpdateEvent = Extract<TimelineEvent, { type: 'crm_update' }>;
export type SystemEvent = Extract<TimelineEvent, { type: 'system_event' }>;
export type TimelineEventType = TimelineEvent['type'];

/** What the studio may write to an issue's timeline. */
export interface NewTimelineEntry {
  type: 'internal_note' | 'agent_reply';
  text: string;
}

export type CustomerTier = NonNullable<Customer['tier']>;

export interface AgentSkill {
  skill: string;
  level: number | string;
}

/** A weekly shift in the agent's own time zone; `end` may be `24:00`. */
export interface Shift {
  day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
  start: string;
  end: string;
}

/** Shifts per the schema; lib/workingHours.ts also copes with other reasonable shapes. */
export type WorkingHours = Shift[] | unknown;

export type AgentStatus = 'available' | 'busy' | 'away' | 'offline';

/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface ItemList<T> {
  items: T[];
}

export interface Principal {
  kind: 'user' | 'apiKey' | 'adminToken';
  id: string;
  name: string;
  email?: string;
  /** The agent profile a user works as. */
  agentId?: string;
  roles: string[];
}

export interface LoginResponse {
  token: string;
  user: { id: string; name?: string; email?: string; roles?: string[] };
  expiresAt?: string;
}

/** RFC 9457 problem details, plus Baton's per-field `errors`. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { pointer: string; detail: string }[];
}

/** An event's text, when it has one: only some types carry text, and an older server may add it to others. */
export function eventText(event: TimelineEvent): string | undefined {
  const text = (event as { text?: unknown }).text;
  return typeof text === 'string' ? text : undefined;
}
