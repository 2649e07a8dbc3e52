/**
 * The REST API's resource shapes, as the studio reads them. They mirror schemas/*.schema.json; fields the
 * studio does not rely on are optional so that an older or newer server does not break rendering.
 */

export const CHANNELS = ['email', 'chat', 'phone', 'web', 'api', 'crm'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'resolved', 'closed'] as const;
export type IssueStatus = (typeof STATUSES)[number];

export interface Assignee {
  agentId?: string;
  teamId?: string;
}

export interface Issue {
  id: string;
  externalId?: string;
  subject: string;
  body: string;
  channel: Channel;
  customerId: string;
  priority: Priority;
  status: IssueStatus;
  tags: string[];
  queue?: string;
  type?: string;
  language?: string;
  assignee?: Assignee;
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string;
  lastActivityAt: string;
}

export interface IssuePatch {
  status?: IssueStatus;
  priority?: Priority;
  tags?: string[];
  assignee?: { agentId?: string | null; teamId?: string | null };
}

export type ActorKind = 'customer' | 'agent' | 'user' | 'system' | 'integration';

export interface Actor {
  kind: ActorKind;
  id?: string;
  name?: string;
}

interface TimelineEventBase {
  id: string;
  issueId: string;
  customerId: string;
  at: string;
  author: Actor;
  /** When the sender says it happened (`at` is when Baton recorded it). */
  occurredAt?: string;
  /** Who sent it to Baton, when that is not the author (an integration relaying a customer). */
  receivedBy?: Actor;
  text?: string;
}

export interface TranscriptSegment {
  speaker: string;
  startSec: number;
  endSec?: number;
  text: string;
}

export interface MessageEvent extends TimelineEventBase {
  type: 'customer_message' | 'agent_reply' | 'internal_note';
  channel?: Channel;
}

export interface CallTranscriptEvent extends TimelineEventBase {
  type: 'call_transcript';
  segments: TranscriptSegment[];
  durationSec?: number;
  recordingRef?: string;
}

export interface CrmUpdateEvent extends TimelineEventBase {
  type: 'crm_update';
  fields: Record<string, unknown>;
  source?: string;
}

export interface SystemEvent extends TimelineEventBase {
  type: 'system_event';
  action: string;
  data?: Record<string, unknown>;
}

export type TimelineEvent = MessageEvent | CallTranscriptEvent | CrmUpdateEvent | SystemEvent;
export type TimelineEventType = TimelineEvent['type'];

/** What the studio may write to an issue's timeline. */
export interface NewTimelineEntry {
  type: 'internal_note' | 'agent_reply';
  text: string;
}

export type CustomerTier = 'free' | 'standard' | 'premium' | 'enterprise';

export interface Customer {
  id: string;
  externalId?: string;
  name: string;
  email?: string;
  phone?: string;
  company?: string;
  tier?: CustomerTier;
  timeZone?: string;
  language?: string;
  attributes?: Record<string, string | number | boolean | null>;
  createdAt?: string;
  updatedAt?: string;
}

export interface Team {
  id: string;
  name: string;
  description?: string;
  /** Queues this team works (e.g. Technical Support). */
  queues?: string[];
  timeZone?: string;
  /** Where this team escalates to by default. */
  escalationTeamId?: string;
}

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

export interface Agent {
  id: string;
  name: string;
  email?: string;
  userId?: string;
  timeZone?: string;
  /** Known values are AgentStatus; rendered generically so a new one still shows. */
  status?: AgentStatus | (string & {});
  languages?: string[];
  skills?: AgentSkill[];
  capacity?: Partial<Record<Channel, number>>;
  teamIds?: string[];
  workingHours?: WorkingHours;
}

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
