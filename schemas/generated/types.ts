/* Generated from schemas/*.schema.json by `npm run schemas:types`. Do not edit. */

/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 * 
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "id".
 */
export type Id = string
/**
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "name".
 */
export type Name = string
/**
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "email".
 */
export type Email = string
/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 */
export type Id1 = string
/**
 * @maxItems 50
 */
export type TeamIds = Id[]
/**
 * An IANA time zone name such as Europe/Berlin.
 * 
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "timeZone".
 */
export type TimeZone = string
/**
 * @maxItems 100
 */
export type Skills = Skill[]
/**
 * A BCP 47 language tag such as en or de.
 * 
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "language".
 */
export type Language = string
/**
 * @maxItems 20
 */
export type Languages = Language[]
/**
 * Weekly shifts in the agent's own time zone. An empty list means no fixed hours (always on when available).
 * 
 * @maxItems 28
 */
export type WorkingHours = Shift[]
/**
 * An instant as an ISO-8601 string in UTC.
 * 
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "timestamp".
 */
export type Timestamp = string
/**
 * This interface was referenced by `AnalyticsReport`'s JSON-Schema
 * via the `definition` "report".
 */
export type AnalyticsReportName = ("handoffs" | "sla" | "routing" | "teams" | "bottlenecks")
/**
 * A date (YYYY-MM-DD) or an ISO-8601 date-time; its UTC day is what counts.
 * 
 * This interface was referenced by `AnalyticsReport`'s JSON-Schema
 * via the `definition` "moment".
 */
export type AnalyticsMoment = string
/**
 * This interface was referenced by `AnalyticsReport`'s JSON-Schema
 * via the `definition` "dimension".
 */
export type AnalyticsDimension = ("team" | "queue" | "agent" | "channel" | "priority" | "flow" | "playbook" | "reason" | "node" | "event" | "step" | "hour")
/**
 * @minItems 1
 */
export type Roles = [Role, ...(Role)[]]
/**
 * admin: everything; designer: flows and playbooks; agent: works issues; integrator: plugins and ingest; viewer: reads.
 * 
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "role".
 */
export type Role = ("admin" | "designer" | "agent" | "integrator" | "viewer")
/**
 * @minItems 1
 * @maxItems 50
 * 
 * This interface was referenced by `Escalation`'s JSON-Schema
 * via the `definition` "steps".
 */
export type EscalationSteps = [EscalationStep, ...(EscalationStep)[]]
/**
 * This interface was referenced by `Escalation`'s JSON-Schema
 * via the `definition` "step".
 */
export type EscalationStep = (EscalationWaitStep | EscalationNotifyStep | EscalationRoundRobinStep | EscalationRepeatStep)
/**
 * An ISO-8601 duration in weeks, days, hours, minutes and seconds, e.g. PT1H, PT30M, P2D.
 * 
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "duration".
 */
export type SlaDuration = string
/**
 * An ISO-8601 duration in weeks, days, hours, minutes and seconds, e.g. PT1H, PT30M, P2D.
 */
export type SlaDuration1 = string
/**
 * This interface was referenced by `IssueWorkspace`'s JSON-Schema
 * via the `definition` "sha256".
 */
export type Sha256 = string
/**
 * @maxItems 5000
 */
export type Nodes = FlowNode[]
/**
 * @maxItems 10000
 */
export type Edges = FlowEdge[]
/**
 * running: executing now; waiting: parked at a wait node; completed; failed: a node threw (see error); skipped: not run (loop guard); filtered: the trigger's filter did not match (simulations only: such runs are not stored).
 * 
 * This interface was referenced by `FlowRun`'s JSON-Schema
 * via the `definition` "status".
 */
export type FlowRunStatus = ("running" | "waiting" | "completed" | "failed" | "skipped" | "filtered")
/**
 * new: not yet touched; open: being worked; pending: waiting on the customer; on_hold: waiting on a third party; resolved: answered; closed: final.
 * 
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "issueStatus".
 */
export type IssueStatus = ("new" | "open" | "pending" | "on_hold" | "resolved" | "closed")
/**
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "priority".
 */
export type Priority = ("low" | "medium" | "high" | "critical")
/**
 * Where an issue or message came from; agent capacity is counted per channel.
 * 
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "channel".
 */
export type Channel = ("email" | "chat" | "phone" | "web" | "api" | "crm")
/**
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "tag".
 */
export type Tag = string
/**
 * Run a flow without side effects, on a stored issue (issueId) or a pasted one (issue, with optional customer and timeline). Against the draft unless version is given.
 */
export type FlowSimulate = ({
issueId?: Id
issue?: SimulatedIssue
customer?: SimulatedCustomer
timeline?: TimelineSummary
/**
 * The trigger event to simulate; default the trigger's first event.
 */
event?: string
/**
 * A published version; omitted: the draft.
 */
version?: number
/**
 * Which handle each wait node takes (by node id), e.g. { "wait-reply": "timeout" }; a wait not named here ends the simulation there, reported as waiting.
 */
waits?: {
[k: string]: string | undefined
}
} & {
[k: string]: unknown | undefined
})
/**
 * @maxItems 50
 * 
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "tags".
 */
export type Tags = Tag[]
/**
 * The kind's own typed trace (conditions evaluated, fields set, what a wait waits for, ...).
 */
export type NodeTrace = {
kind?: string
[k: string]: unknown | undefined
}
/**
 * An instant as an ISO-8601 string in UTC.
 */
export type Timestamp1 = string
/**
 * An ISO-8601 duration in weeks, days, hours, minutes and seconds, e.g. PT1H, PT30M, P2D.
 */
export type SlaDuration2 = string
export type Priority1 = ("low" | "medium" | "high" | "critical")
/**
 * firstResponse: issue opened → first agent reply; nextResponse: customer message → the agent reply after it; handoffCompletion: handoff offered → completed; resolution: opened → resolved; customerUpdate: time since the customer last heard from an agent (restarts at each reply).
 * 
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "metricName".
 */
export type SlaMetric = ("firstResponse" | "nextResponse" | "handoffCompletion" | "resolution" | "customerUpdate")
/**
 * This interface was referenced by `SlaClock`'s JSON-Schema
 * via the `definition` "state".
 */
export type SlaClockState = ("running" | "paused" | "stopped" | "cancelled")
/**
 * null clears the assignment; a null field clears that field.
 */
export type AssigneeUpdate = ({
agentId?: (Id | null)
teamId?: (Id | null)
} | null)
/**
 * draft: captured, unreviewed; reviewable: edited and waiting for review; published: offered for self-service; archived: withdrawn.
 * 
 * This interface was referenced by `KbArticle`'s JSON-Schema
 * via the `definition` "kbStatus".
 */
export type KbArticleStatus = ("draft" | "reviewable" | "published" | "archived")
/**
 * Resolution steps, in order.
 * 
 * @maxItems 50
 */
export type Resolution = string[]
/**
 * The name flows pick the template by: unique, case-insensitive.
 * 
 * This interface was referenced by `MessageTemplate`'s JSON-Schema
 * via the `definition` "templateName".
 */
export type MessageTemplateName = string
/**
 * handoff-brief: the layout of a handoff's brief; introduction: a warm introduction to the next owner; customer-update: what the customer is told; war-room: a post to a war-room channel; other.
 * 
 * This interface was referenced by `MessageTemplate`'s JSON-Schema
 * via the `definition` "purpose".
 */
export type MessageTemplatePurpose = ("handoff-brief" | "introduction" | "customer-update" | "war-room" | "other")
/**
 * A notification channel such as slack, email, sms, in-app, webhook or customer-status.
 */
export type ChannelName = string
/**
 * This interface was referenced by `Handoff`'s JSON-Schema
 * via the `definition` "status".
 */
export type HandoffStatus = ("offered" | "accepted" | "declined" | "expired" | "completed" | "cancelled")
/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 */
export type Id2 = string
/**
 * Who to tell. user/agent/assignee go through that person's notification policy (channels by urgency, quiet hours); customer means a status update to the issue's customer; address names one channel and address directly.
 * 
 * This interface was referenced by `Notification`'s JSON-Schema
 * via the `definition` "target".
 */
export type NotifyTarget = (NotifyUserTarget | NotifyAgentTarget | NotifyAssigneeTarget | NotifyCustomerTarget | NotifyOfferedTarget | NotifyTeamLeadTarget | NotifyAddressTarget)
/**
 * A notification channel such as slack, email, sms, in-app, webhook or customer-status.
 * 
 * This interface was referenced by `PluginManifest`'s JSON-Schema
 * via the `definition` "channelName".
 */
export type ChannelName1 = string
/**
 * Picks the channels of a person's policy; only urgencies their quiet hours let through interrupt them at night.
 * 
 * This interface was referenced by `Notification`'s JSON-Schema
 * via the `definition` "urgency".
 */
export type NotificationUrgency = ("low" | "normal" | "high" | "critical")
/**
 * Printable ASCII without spaces; sent to providers that take one (HTTP Idempotency-Key, SMTP Message-ID).
 * 
 * This interface was referenced by `Notification`'s JSON-Schema
 * via the `definition` "idempotencyKey".
 */
export type IdempotencyKey = string
/**
 * This interface was referenced by `Notification`'s JSON-Schema
 * via the `definition` "status".
 */
export type NotificationStatus = ("queued" | "sending" | "delivered" | "dead" | "cancelled")
/**
 * @maxItems 10
 * 
 * This interface was referenced by `NotificationPolicy`'s JSON-Schema
 * via the `definition` "channelList".
 */
export type NotificationChannelList = ChannelName1[]
/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 */
export type Id3 = string
/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 */
export type Id4 = string
/**
 * What a person does on a step: check or uncheck an item, attach evidence, mark it done, answer a consultation, confirm or refuse a receipt.
 */
export type PlaybookStepAction = (PlaybookCheckItem | PlaybookAttachEvidence | PlaybookMarkDone | PlaybookAnswer | PlaybookReceiptAnswer)
/**
 * Lower-case words joined by hyphens; also the path segment of its webhooks (`/hooks/NAME/...`).
 * 
 * This interface was referenced by `PluginManifest`'s JSON-Schema
 * via the `definition` "pluginName".
 */
export type PluginName = string
/**
 * Agents of these teams take the queue's work; without it, agents of every team that lists the queue (and, when none does, every agent).
 * 
 * @maxItems 50
 */
export type TeamIds1 = Id[]
/**
 * round-robin: the eligible agent who was assigned from this queue longest ago; least-loaded: the lowest open load relative to capacity on the issue's channel.
 */
export type RoutingStrategy = ("round-robin" | "least-loaded")
/**
 * An ISO-8601 duration in weeks, days, hours, minutes and seconds, e.g. PT1H, PT30M, P2D.
 */
export type SlaDuration3 = string
/**
 * round-robin: the eligible agent who was assigned from this queue longest ago; least-loaded: the lowest open load relative to capacity on the issue's channel.
 * 
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "strategy".
 */
export type RoutingStrategy1 = ("round-robin" | "least-loaded")
export type Priority2 = ("low" | "medium" | "high" | "critical")
/**
 * An ISO-8601 duration in weeks, days, hours, minutes and seconds, e.g. PT1H, PT30M, P2D.
 */
export type SlaDuration4 = string
/**
 * Percentages of the target at which a clock warns (sla.warning); 100 is the breach (sla.breached). Default 50, 75, 100.
 * 
 * @minItems 1
 * @maxItems 10
 * 
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "warnAt".
 */
export type SlaWarnAt = [number, ...(number)[]]
/**
 * Issue statuses that pause every running clock (pending: waiting on the customer); leaving them resumes.
 * 
 * @maxItems 6
 */
export type PauseOn = IssueStatus[]
/**
 * Percentages of the target at which a clock warns (sla.warning); 100 is the breach (sla.breached). Default 50, 75, 100.
 * 
 * @minItems 1
 * @maxItems 10
 */
export type SlaWarnAt1 = [number, ...(number)[]]
/**
 * Issue statuses that pause every running clock (pending: waiting on the customer); leaving them resumes.
 * 
 * @maxItems 6
 */
export type PauseOn1 = IssueStatus[]
/**
 * Queues this team works (e.g. Technical Support, Billing and Payments).
 * 
 * @maxItems 100
 */
export type Queues = string[]
/**
 * Queues this team works (e.g. Technical Support, Billing and Payments).
 * 
 * @maxItems 100
 */
export type Queues1 = string[]
/**
 * Append an event to an issue's timeline. The author is the caller; an integration may name the issue's customer as the author of a customer message or call transcript. A given 'at' is kept as the event's occurredAt; its at is when Baton recorded it.
 */
export type TimelineEventCreate = ({
at?: Timestamp2
author?: Actor2
} & TimelineEventContent)
/**
 * An instant as an ISO-8601 string in UTC.
 */
export type Timestamp2 = string
/**
 * The typed content of an event, discriminated by `type`.
 */
export type TimelineEventContent = (CustomerMessageContent | AgentReplyContent | InternalNoteContent | CallTranscriptContent | CrmUpdateContent | SystemEventContent | WorkspaceCommentContent | DecisionContent)
/**
 * @minItems 1
 * @maxItems 5000
 */
export type Segments = [TranscriptSegment, ...(TranscriptSegment)[]]
/**
 * A client-chosen id, unique within its map (a ULID or a UUID).
 * 
 * This interface was referenced by `IssueWorkspace`'s JSON-Schema
 * via the `definition` "entryId".
 */
export type WorkspaceEntryId = string
/**
 * A client-chosen id, unique within its map (a ULID or a UUID).
 */
export type WorkspaceEntryId1 = string
/**
 * A client-chosen id, unique within its map (a ULID or a UUID).
 */
export type WorkspaceEntryId2 = string
/**
 * @minItems 1
 */
export type Roles1 = [Role, ...(Role)[]]
/**
 * This interface was referenced by `UserCreate`'s JSON-Schema
 * via the `definition` "password".
 */
export type Password = string
/**
 * An ISO-8601 duration in weeks, days, hours, minutes and seconds, e.g. PT4H, P1DT12H, P2W. Years and months are refused: their length depends on the calendar.
 * 
 * This interface was referenced by `FlowNodeData`'s JSON-Schema
 * via the `definition` "isoDuration".
 */
export type IsoDuration = string
/**
 * json-rules-engine's own condition JSON, handed to the engine unchanged: all/any/not of conditions, or a fact compared with an operator.
 * 
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "condition".
 */
export type RuleCondition = (AllCondition | AnyCondition | NotCondition | FactCondition)
/**
 * Parks the run durably: for a duration, until a time, or until an event on this issue (e.g. a customer reply: event message.added with the condition fact event, path $.type, equal customer_message), taking `timeout` when no such event came within `timeout`.
 * 
 * This interface was referenced by `FlowNodeData`'s JSON-Schema
 * via the `definition` "wait".
 */
export type WaitNodeData = (WaitForDuration | WaitUntilTime | WaitForEvent)
/**
 * A node's trace in a flow run step, by the kind that wrote it (`kind`). The core and support kinds have their own definitions; a kind from elsewhere (a module or plugin not listed) is an object with its kind. Every trace names its kind; the field is left optional here only so that readers can narrow a trace to the kind they expect.
 */
export type NodeTrace1 = {
kind?: string
[k: string]: unknown | undefined
}
/**
 * What an ingest plugin makes of a raw payload: a normalised event that Baton applies to issues, customers and timelines (or to a notification, for an acknowledgement). Plugins' results are validated against this before anything is stored.
 */
export type InboundEvent = (InboundMessage | InboundCallTranscript | InboundCrmUpdate | InboundNotificationAck)
/**
 * Unique per message, e.g. `email:<Message-ID>`.
 */
export type InboundKey = string
/**
 * Names the conversation, e.g. `chat:<conversation id>`.
 */
export type InboundKey1 = string
export type InboundKey2 = string
/**
 * Makes a redelivered update a no-op on the timeline.
 */
export type InboundKey3 = string
/**
 * This interface was referenced by `RoutingModelInfo`'s JSON-Schema
 * via the `definition` "routingLabel".
 */
export type RoutingLabel = ("queue" | "priority" | "type")
/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 */
export type Id5 = string
/**
 * An IANA time zone name such as Europe/Berlin.
 */
export type TimeZone1 = string
/**
 * An instant as an ISO-8601 string in UTC.
 */
export type Timestamp3 = string
/**
 * Lower-case words joined by hyphens; also the path segment of its webhooks (`/hooks/NAME/...`).
 */
export type PluginName1 = string
/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 */
export type Id6 = string
/**
 * The name flows pick the template by: unique, case-insensitive.
 */
export type MessageTemplateName1 = string
/**
 * Who does a step. owner: the issue's assignee; receiver: the agent a handoff goes to; expert: the run's expert (found by an expert search or named when the playbook starts); cs, leadership, product: the teams or agents named for that role (GET /api/playbook-roles).
 * 
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "role".
 */
export type PlaybookRole = ("owner" | "receiver" | "expert" | "cs" | "leadership" | "product")
/**
 * What happens when the window passes. Default: tell the step's people, then after 10 minutes the on-call person of the teams working the issue's queue.
 * 
 * @minItems 1
 * @maxItems 50
 */
export type EscalationSteps1 = [EscalationStep, ...(EscalationStep)[]]
/**
 * Who does a step. owner: the issue's assignee; receiver: the agent a handoff goes to; expert: the run's expert (found by an expert search or named when the playbook starts); cs, leadership, product: the teams or agents named for that role (GET /api/playbook-roles).
 */
export type PlaybookRole1 = ("owner" | "receiver" | "expert" | "cs" | "leadership" | "product")
/**
 * One extension point the plugin implements, discriminated by `kind`.
 * 
 * This interface was referenced by `PluginManifest`'s JSON-Schema
 * via the `definition` "capability".
 */
export type PluginCapabilityDeclaration = (NotifierDeclaration | IngestDeclaration | NodeKindDeclaration | IntelligenceDeclaration)
/**
 * A notifier's answer: delivered (with the provider's id), retry (a temporary failure, optionally with the provider's Retry-After), or failed (permanent: the notification is dead-lettered).
 * 
 * This interface was referenced by `PluginResults`'s JSON-Schema
 * via the `definition` "deliveryResult".
 */
export type DeliveryResult = (DeliveryDelivered | DeliveryRetry | DeliveryFailed)
/**
 * This interface was referenced by `PluginResults`'s JSON-Schema
 * via the `definition` "verifyResult".
 */
export type VerifyResult = (VerifyAccepted | VerifyRejected)
/**
 * @maxItems 10000
 * 
 * This interface was referenced by `PluginResults`'s JSON-Schema
 * via the `definition` "embeddings".
 */
export type Embeddings = [number, ...(number)[]][]
/**
 * An instant as an ISO-8601 string in UTC.
 */
export type Timestamp4 = string
/**
 * The name flows pick the template by: unique, case-insensitive.
 */
export type MessageTemplateName2 = string
/**
 * An ISO-8601 duration in weeks, days, hours, minutes and seconds, e.g. PT1H, PT30M, P2D.
 */
export type SlaDuration5 = string
/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 */
export type Id7 = string
/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 */
export type Id8 = string
/**
 * One entry of an issue's timeline: what the customer said, what an agent answered, notes, calls, CRM changes and system actions. The unified customer timeline is every event of every issue of one customer, ordered by `at`.
 */
export type TimelineEvent = (TimelineEventMeta & TimelineEventContent)
/**
 * An instant as an ISO-8601 string in UTC.
 */
export type Timestamp5 = string
/**
 * An instant as an ISO-8601 string in UTC.
 */
export type Timestamp6 = string
/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 */
export type Id9 = string
/**
 * A stable identifier: a type prefix and a ULID (e.g. iss_01JD3...), or an imported key.
 */
export type Id10 = string

/**
 * A person who works issues: their skills, where and when they work, how much they can take on.
 */
export interface Agent {
id: Id
name: Name
email: Email
userId?: Id1
teamIds: TeamIds
timeZone: TimeZone
skills: Skills
languages?: Languages
workingHours: WorkingHours
capacity: Capacity
/**
 * Set by the agent. Routing only offers work to available agents inside their working hours.
 */
status: ("available" | "busy" | "away" | "offline")
createdAt: Timestamp
updatedAt: Timestamp
}
/**
 * This interface was referenced by `Agent`'s JSON-Schema
 * via the `definition` "skill".
 */
export interface Skill {
skill: string
/**
 * 1 novice … 5 expert.
 */
level: number
}
/**
 * This interface was referenced by `Agent`'s JSON-Schema
 * via the `definition` "shift".
 */
export interface Shift {
day: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")
/**
 * HH:MM local time.
 */
start: string
/**
 * HH:MM local time; 24:00 ends at midnight.
 */
end: string
}
/**
 * How many open issues the agent can hold at once, per channel.
 * 
 * This interface was referenced by `Agent`'s JSON-Schema
 * via the `definition` "capacity".
 */
export interface Capacity {
email?: number
chat?: number
phone?: number
web?: number
api?: number
crm?: number
}
/**
 * One analytics report over a range of UTC days: its columns (with units: count, ms, ratio 0–1), the grouped rows, totals, a day-by-day trend, and per report extras (distributions, bottleneck tables, capacity now). Columns with `drill` list their issues at /api/analytics/issues.
 */
export interface AnalyticsReport {
report: AnalyticsReportName
from: string
to: string
groupBy: string
/**
 * True while the counters are recounted from history after an upgrade of their stored shape: the numbers are still filling in.
 */
recounting?: boolean
columns: AnalyticsColumn[]
rows: AnalyticsRow[]
totals: AnalyticsValues
trend: {
columns: AnalyticsColumn[]
days: {
day: string
values: AnalyticsValues
}[]
}
distributions?: {
key: string
label: string
buckets: {
label: string
count: number
}[]
}[]
tables?: {
[k: string]: {
groupBy: string
columns: AnalyticsColumn[]
rows: AnalyticsRow[]
} | undefined
}
capacity?: {
key: string
label: string
agents: number
open: number
capacity: number
}[]
}
/**
 * This interface was referenced by `AnalyticsReport`'s JSON-Schema
 * via the `definition` "column".
 */
export interface AnalyticsColumn {
key: string
label: string
unit: ("count" | "ms" | "ratio")
/**
 * The counter whose issues /api/analytics/issues lists.
 */
drill?: string
}
/**
 * This interface was referenced by `AnalyticsReport`'s JSON-Schema
 * via the `definition` "row".
 */
export interface AnalyticsRow {
/**
 * The group's stable key (an id, a queue, an hour): pass it as `key` to drill down.
 */
key: string
label: string
values: AnalyticsValues
}
/**
 * This interface was referenced by `AnalyticsReport`'s JSON-Schema
 * via the `definition` "values".
 */
export interface AnalyticsValues {
[k: string]: number | null | undefined
}
/**
 * A credential for an integration. Only a hash is stored; the secret is shown once, at creation.
 */
export interface ApiKey {
id: Id
name: Name
/**
 * The first characters of the key, to recognise it in lists and logs.
 */
prefix: string
roles: Roles
createdBy: Id
createdAt: Timestamp
expiresAt?: Timestamp
lastUsedAt?: Timestamp
revokedAt?: Timestamp
}
/**
 * Defaults: no skills, no fixed working hours, capacity 5 email / 3 chat / 1 phone, status offline.
 */
export interface AgentCreate {
name: Name
email: Email
userId?: Id
teamIds?: TeamIds
timeZone: TimeZone
skills?: Skills
languages?: Languages
workingHours?: WorkingHours
capacity?: Capacity
/**
 * Set by the agent. Routing only offers work to available agents inside their working hours.
 */
status?: ("available" | "busy" | "away" | "offline")
}
export interface AgentListQuery {
teamId?: Id
/**
 * Set by the agent. Routing only offers work to available agents inside their working hours.
 */
status?: ("available" | "busy" | "away" | "offline")
skill?: string
limit?: number
/**
 * nextCursor from the previous page.
 */
cursor?: string
}
export interface AgentStatusUpdate {
/**
 * Set by the agent. Routing only offers work to available agents inside their working hours.
 */
status: ("available" | "busy" | "away" | "offline")
}
export interface AgentUpdate {
name?: Name
email?: Email
userId?: Id
teamIds?: TeamIds
timeZone?: TimeZone
skills?: Skills
languages?: Languages
workingHours?: WorkingHours
capacity?: Capacity
/**
 * Set by the agent. Routing only offers work to available agents inside their working hours.
 */
status?: ("available" | "busy" | "away" | "offline")
}
/**
 * The issues behind one number of a report: its column, over the range, in one group (`key`, as the report's rows give it; absent: every group).
 */
export interface AnalyticsIssuesQuery {
report: AnalyticsReportName
column: string
from?: AnalyticsMoment
to?: AnalyticsMoment
groupBy?: AnalyticsDimension
key?: string
limit?: number
}
/**
 * A report over whole UTC days from `from` to `to` (both included; default: the last 30 days), grouped by one dimension (each report lists those it offers). `format=csv` (or `Accept: text/csv`) answers with the grouped rows as CSV.
 */
export interface AnalyticsQuery {
from?: AnalyticsMoment
to?: AnalyticsMoment
groupBy?: AnalyticsDimension
/**
 * csv: the grouped rows as CSV (as `Accept: text/csv` does).
 */
format?: ("json" | "csv")
}
/**
 * The return calculator's inputs (each with the figure it assumes when left out) and the range whose measured handoffs it compares them with.
 */
export interface AnalyticsRoiQuery {
from?: AnalyticsMoment
to?: AnalyticsMoment
/**
 * Loaded cost of one support hour.
 */
costPerHour?: number
/**
 * Handoffs a month.
 */
handoffsPerMonth?: number
/**
 * Hours lost per handoff before Baton (re-reading, re-asking, waiting).
 */
hoursLostPerHandoff?: number
}
export interface ApiKeyCreate {
name: Name
roles: Roles
expiresAt?: Timestamp
}
export interface BriefQuery {
/**
 * executive: a short version for critical escalations.
 */
variant?: ("full" | "executive")
}
/**
 * A ticket text to route without storing it (e.g. to try the model).
 */
export interface ClassifyText {
subject: string
body: string
language?: Language
}
export interface CustomerCreate {
/**
 * The customer's id in a CRM or channel.
 */
externalId?: string
name: Name
email?: Email
phone?: string
company?: string
tier?: ("free" | "standard" | "premium" | "enterprise")
timeZone?: TimeZone
language?: Language
attributes?: Attributes
}
/**
 * Account context from a CRM (plan, renewal date, account manager, ...).
 */
export interface Attributes {
[k: string]: string | number | boolean | null | undefined
}
export interface CustomerListQuery {
email?: Email
/**
 * The customer's id in a CRM or channel.
 */
externalId?: string
limit?: number
/**
 * nextCursor from the previous page.
 */
cursor?: string
}
export interface CustomerUpdate {
name?: Name
email?: Email
phone?: string
company?: string
tier?: ("free" | "standard" | "premium" | "enterprise")
timeZone?: TimeZone
language?: Language
attributes?: Attributes
}
export interface EscalationStart {
name?: string
steps: EscalationSteps
}
/**
 * Wait; if someone acknowledges meanwhile, the path stops here.
 */
export interface EscalationWaitStep {
type: "wait"
duration: SlaDuration
}
export interface EscalationNotifyStep {
type: "notify"
to: EscalationRecipients
message?: string
urgency?: ("low" | "normal" | "high" | "critical")
when?: EscalationGuard
}
/**
 * This interface was referenced by `Escalation`'s JSON-Schema
 * via the `definition` "recipients".
 */
export interface EscalationRecipients {
/**
 * @maxItems 50
 */
users?: Id[]
/**
 * @maxItems 50
 */
agents?: Id[]
/**
 * Every agent of the team.
 * 
 * @maxItems 20
 */
teams?: Id[]
/**
 * The agent who owns the issue now.
 */
assignee?: boolean
/**
 * The on-call person of each team that works the issue's queue (what a shipped flow can name without knowing team ids).
 */
queueOnCall?: boolean
/**
 * The team's on-call person: the next, in rotation, of its agents who are inside their working hours and not offline.
 * 
 * @maxItems 20
 */
onCall?: Id[]
}
/**
 * A step runs only when its guards hold; otherwise it is skipped (and the log says why).
 * 
 * This interface was referenced by `Escalation`'s JSON-Schema
 * via the `definition` "guard".
 */
export interface EscalationGuard {
window?: BusinessCalendarSpec
rate?: EscalationRate
}
/**
 * Only inside these hours, in this time zone.
 */
export interface BusinessCalendarSpec {
timeZone: TimeZone
/**
 * @maxItems 50
 */
hours?: CalendarHours[]
/**
 * @maxItems 400
 */
holidays?: Holiday[]
}
/**
 * Opening hours on some weekdays, local time; `to` may be 24:00.
 * 
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "hours".
 */
export interface CalendarHours {
/**
 * @minItems 1
 * @maxItems 7
 */
days: [("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun"), ...(("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun"))[]]
from: string
to: string
}
/**
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "holiday".
 */
export interface Holiday {
/**
 * A closed local date (YYYY-MM-DD).
 */
date: string
name?: string
}
export interface EscalationRate {
/**
 * At most this many notifications for this issue …
 */
max: number
per: SlaDuration1
}
/**
 * Notify the next of these agents (or of the team's agents), in turn across escalations.
 */
export interface EscalationRoundRobinStep {
type: "round-robin"
/**
 * @minItems 1
 * @maxItems 50
 */
agents?: [Id, ...(Id)[]]
teamId?: Id
message?: string
urgency?: ("low" | "normal" | "high" | "critical")
when?: EscalationGuard
}
/**
 * Go back to the first step, at most `times` times.
 */
export interface EscalationRepeatStep {
type: "repeat"
times: number
}
/**
 * Agents ranked for an issue, best first, each score explained factor by factor.
 */
export interface ExpertRanking {
issueId: Id
skills: SkillRequirement[]
experts: ExpertCandidate[]
}
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "skillRequirement".
 */
export interface SkillRequirement {
skill: string
/**
 * Default 1.
 */
minLevel?: number
/**
 * For optional skills: how much meeting it counts. Default 1.
 */
weight?: number
}
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "expert".
 */
export interface ExpertCandidate {
agentId: Id
name: string
score: number
available: boolean
/**
 * Why an agent who cannot take the issue now is ranked where they are (after everyone who can).
 */
note?: string
reasons: ExpertReason[]
}
export interface ExpertReason {
factor: ("skill" | "success" | "load" | "availability")
score: number
weight: number
detail: string
issueIds?: Id[]
}
/**
 * How to name the downloaded file (the workspace's name for it); without it, the file is named by its SHA-256.
 */
export interface FileDownloadQuery {
/**
 * The file's name as shown in the workspace: no path separators or control characters.
 */
name?: string
}
export interface FileParams {
sha256: Sha256
}
/**
 * The body of the upload is the file itself (any content type); its name travels here.
 */
export interface FileUploadQuery {
/**
 * The file's name as shown in the workspace: no path separators or control characters.
 */
filename: string
}
/**
 * A new flow: its draft graph (may be empty and may not yet be valid; publishing checks it).
 */
export interface FlowCreate {
kind?: ("flow" | "playbook")
name: Name
description?: string
nodes?: Nodes
edges?: Edges
}
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "node".
 */
export interface FlowNode {
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "elementId".
 */
id: string
/**
 * The node kind, e.g. condition, switch, route.
 */
type: string
label?: string
position: FlowPosition
/**
 * Configuration, validated against the kind's own data schema.
 */
data: {

}
}
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "position".
 */
export interface FlowPosition {
x: number
y: number
}
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "edge".
 */
export interface FlowEdge {
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "elementId".
 */
id: string
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "elementId".
 */
source: string
/**
 * Which output of the source node (e.g. true, false, a case id, timeout).
 */
sourceHandle: string
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "elementId".
 */
target: string
targetHandle?: string
}
/**
 * Two versions to compare; 0 names the draft.
 */
export interface FlowDiffQuery {
from: number
to: number
}
/**
 * What changed between two versions of a flow, by node and edge id.
 */
export interface FlowDiff {
flowId: string
from: number
to: number
nodes: FlowElementChanges
edges: FlowElementChanges
}
/**
 * This interface was referenced by `FlowDiff`'s JSON-Schema
 * via the `definition` "changes".
 */
export interface FlowElementChanges {
added: string[]
removed: string[]
changed: FlowElementChange[]
}
export interface FlowElementChange {
id: string
/**
 * JSON pointers of what changed inside the element, e.g. /data/cases/0/condition, /position.
 */
fields: string[]
}
export interface FlowEnable {
/**
 * Which published version runs; default the latest.
 */
version?: number
}
export interface FlowPublish {
/**
 * What changed and why, shown in the version history.
 */
note?: string
/**
 * Also make this version the one that runs.
 */
enable?: boolean
}
/**
 * What the draft would change against a published version over past issues: visits per node, runs per outcome and per resulting queue, and the issues whose path differs.
 */
export interface FlowReplayReport {
flowId: string
/**
 * The published version compared with the draft.
 */
version: number
/**
 * How many issues were replayed.
 */
issues: number
/**
 * Issues whose path, outcome or resulting fields differ.
 */
changedCount: number
nodes: ReplayNodeVisits[]
outcomes: ReplayCount[]
queues: ReplayCount[]
/**
 * The issues whose run differs (at most 100).
 */
changed: ReplayChangedIssue[]
}
export interface ReplayNodeVisits {
nodeId: string
type: string
draft: number
published: number
}
/**
 * This interface was referenced by `FlowReplayReport`'s JSON-Schema
 * via the `definition` "count".
 */
export interface ReplayCount {
/**
 * The outcome or queue; (none) when there is none.
 */
key: string
draft: number
published: number
}
export interface ReplayChangedIssue {
issueId: string
subject: string
draft: ReplayRunResult
published: ReplayRunResult
}
/**
 * This interface was referenced by `FlowReplayReport`'s JSON-Schema
 * via the `definition` "result".
 */
export interface ReplayRunResult {
status: FlowRunStatus
path: string[]
outcome?: string
queue?: string
priority?: string
error?: string
}
/**
 * Replay the draft and a published version over stored past issues (newest first), without side effects.
 */
export interface FlowReplay {
/**
 * The published version to compare with; default the enabled one, else the latest.
 */
version?: number
/**
 * How many past issues at most.
 */
limit?: number
status?: IssueStatus
priority?: Priority
channel?: Channel
/**
 * The queue the issue waits in (e.g. Technical Support).
 */
queue?: string
tag?: Tag
/**
 * Exactly these issues instead of the latest ones.
 * 
 * @minItems 1
 * @maxItems 2000
 */
issueIds?: [Id, ...(Id)[]]
}
/**
 * A pasted issue; missing fields get defaults (status new, priority medium, no tags, created now).
 */
export interface SimulatedIssue {
id?: Id
subject: string
body?: string
channel?: Channel
priority?: Priority
status?: IssueStatus
tags?: Tags
/**
 * The queue the issue waits in (e.g. Technical Support).
 */
queue?: string
/**
 * Incident, Request, Problem, Change, ...
 */
type?: string
language?: Language
customerId?: Id
createdAt?: Timestamp
lastActivityAt?: Timestamp
}
export interface SimulatedCustomer {
id?: Id
name?: Name
email?: Email
company?: string
tier?: ("free" | "standard" | "premium" | "enterprise")
timeZone?: TimeZone
language?: Language
attributes?: Attributes
}
/**
 * The `timeline` fact of flow conditions: what an issue's timeline holds, without its text.
 */
export interface TimelineSummary {
total: number
counts: TimelineCounts
firstCustomerMessageAt?: Timestamp
lastCustomerMessageAt?: Timestamp
firstAgentReplyAt?: Timestamp
lastAgentReplyAt?: Timestamp
/**
 * The last message is the customer's and no agent has answered it yet.
 */
awaitingReply: boolean
}
/**
 * Events per type (types added later are counted too).
 */
export interface TimelineCounts {
customer_message?: number
agent_reply?: number
internal_note?: number
call_transcript?: number
crm_update?: number
system_event?: number
[k: string]: number | undefined
}
/**
 * The result of a simulation: what the run would do, with its full trace. Nothing was changed or stored.
 */
export interface FlowSimulation {
flowId: string
/**
 * 0: the draft.
 */
version: number
issueId: string
status: FlowRunStatus
path: string[]
steps: TraceStep[]
outcome?: string
effects: FlowEffect[]
waiting?: FlowRunWaiting
error?: FlowRunError
issue?: Issue
}
/**
 * This interface was referenced by `FlowRun`'s JSON-Schema
 * via the `definition` "step".
 */
export interface TraceStep {
nodeId: string
type: string
at: Timestamp
durationUs?: number
/**
 * The output taken; null when the run parked or failed here.
 */
handle: (string | null)
/**
 * This step resumed a parked node (by its event or timer).
 */
resumed?: boolean
detail?: NodeTrace
error?: string
}
/**
 * What a condition saw and decided: each leaf's fact value and result, and the facts it read (redacted to the values its leaves saw).
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "conditionTrace".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "conditionTrace".
 */
export interface ConditionTrace {
result: boolean
/**
 * The condition tree (all, any, not, leaves) with each part's result.
 */
conditions: {

}
facts: {

}
}
/**
 * The trigger node: the event and whether its filter passed.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "trigger".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "trigger".
 */
export interface TriggerNodeTrace {
kind: "trigger"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
event?: string
passed?: boolean
filter?: ConditionTrace
}
/**
 * A true/false branch.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "condition".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "condition".
 */
export interface ConditionNodeTrace {
kind: "condition"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
result?: boolean
condition?: ConditionTrace
}
/**
 * The first case that matched (null: default), and the cases evaluated up to it.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "switch".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "switch".
 */
export interface SwitchNodeTrace {
kind: "switch"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
matched?: (string | null)
cases?: {
id: string
result: boolean
condition?: ConditionTrace
}[]
}
/**
 * The change asked of the issue, what it changed, and whether it was performed (false in a dry run).
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "set".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "set".
 */
export interface SetNodeTrace {
kind: "set"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
patch?: {

}
changes?: {
[k: string]: {
from?: unknown
to?: unknown
} | undefined
}
applied?: boolean
}
/**
 * Parking: when it is due and which event ends it; resuming: what ended it.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "wait".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "wait".
 */
export interface WaitNodeTrace {
kind: "wait"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
mode?: string
dueAt?: Timestamp
event?: string
resumedBy?: ("event" | "timer" | "time-passed")
condition?: ConditionTrace
}
/**
 * The outcome the run ended with.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "end".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "end".
 */
export interface EndNodeTrace {
kind: "end"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
outcome?: string
}
/**
 * What was queued (or, in a dry run, would have been) and which channels were skipped.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "notify".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "notify".
 */
export interface NotifyNodeTrace {
kind: "notify"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
queued?: boolean
urgency?: string
notifications?: {
id: string
channel: string
address: string
subject?: string
dueAt: Timestamp
deferred: boolean
}[]
skipped?: {
channel: string
reason: string
}[]
error?: string
}
/**
 * Where routing sent the issue and the best candidates with their reasons.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "route".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "route".
 */
export interface RouteNodeTrace {
kind: "route"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
queue?: string
outcome?: string
agentId?: string
reason?: string
candidates?: {
agentId: string
name: string
eligible: boolean
reasons: string[]
}[]
preview?: boolean
}
/**
 * The SLA action and the clock after it.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "sla".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "sla".
 */
export interface SlaNodeTrace {
kind: "sla"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
action?: string
metric?: string
clock?: {

}
started?: string[]
unchanged?: string
}
/**
 * The offer made and how it was answered.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "handoff".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "handoff".
 */
export interface HandoffNodeTrace {
kind: "handoff"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
to?: {

}
handoffId?: string
offeredTo?: {

}
expiresAt?: Timestamp
status?: string
error?: string
}
/**
 * The escalation path started and how it ended.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "escalate".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "escalate".
 */
export interface EscalateNodeTrace {
kind: "escalate"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
steps?: number
escalationId?: string
outcome?: ("acknowledged" | "exhausted" | "cancelled")
}
/**
 * The learned router's prediction for one label and whether it was applied.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "classify".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "classify".
 */
export interface ClassifyNodeTrace {
kind: "classify"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
label?: string
value?: (string | null)
confidence?: number
modelVersion?: (number | null)
alternatives?: {
value: string
confidence: number
}[]
terms?: string[]
applied?: boolean
}
/**
 * The summary written.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "summarize".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "summarize".
 */
export interface SummarizeNodeTrace {
kind: "summarize"
/**
 * In a simulation: the handle a parked node would take.
 */
simulated?: string
variant?: ("full" | "executive")
summary?: string[]
openUnknowns?: number
commitments?: number
nextSteps?: string[]
urgency?: string
sentiment?: string
}
/**
 * A plugin's node: which plugin and node type ran; the rest is the plugin's own result.
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "plugin".
 * 
 * This interface was referenced by `undefined`'s JSON-Schema
 * via the `definition` "plugin".
 */
export interface PluginNodeTrace {
kind: "plugin"
plugin: string
type: string
dryRun?: boolean
}
/**
 * An action a node took (live) or would take (simulate, replay).
 * 
 * This interface was referenced by `FlowRun`'s JSON-Schema
 * via the `definition` "effect".
 */
export interface FlowEffect {
nodeId: string
/**
 * e.g. issue.update
 */
action: string
/**
 * false in a dry run: recorded, not performed.
 */
applied: boolean
params?: {

}
/**
 * What changed (from → to), when known.
 */
changes?: {

}
}
/**
 * This interface was referenced by `FlowRun`'s JSON-Schema
 * via the `definition` "waiting".
 */
export interface FlowRunWaiting {
nodeId: string
since: Timestamp
/**
 * Counts the parks of this run; a resume names the park it ends.
 */
seq: number
dueAt?: Timestamp1
/**
 * The handle taken when the timer fires.
 */
dueHandle?: string
/**
 * The event type that resumes the run.
 */
event?: string
eventHandle?: string
timerId?: string
}
export interface FlowRunError {
nodeId?: string
message: string
}
/**
 * A customer's problem, from first contact to resolution, across every handoff.
 */
export interface Issue {
id: Id
/**
 * The id the source system gave this issue. Ingesting the same externalId again returns the existing issue.
 */
externalId?: string
subject: string
body: string
channel: Channel
customerId: Id
priority: Priority
status: IssueStatus
tags: Tags
/**
 * The queue the issue waits in (e.g. Technical Support).
 */
queue?: string
/**
 * Incident, Request, Problem, Change, ...
 */
type?: string
language?: Language
assignee?: Assignee
createdAt: Timestamp
updatedAt: Timestamp
lastActivityAt: Timestamp
resolvedAt?: Timestamp
}
/**
 * Who owns the issue now: a team, an agent within it, or both.
 * 
 * This interface was referenced by `Issue`'s JSON-Schema
 * via the `definition` "assignee".
 */
export interface Assignee {
agentId?: Id
teamId?: Id
}
/**
 * How many of a flow's live runs keep their full trace.
 */
export interface FlowTracing {
/**
 * Share of live runs stored with their full trace, in percent (0: each run keeps only its path); null follows the server's default again.
 */
percent: (number | null)
/**
 * How long the flow keeps this share, in minutes (at most a week); then it follows the server's default again. Absent: until someone changes it. Only with a share, not with null.
 */
forMinutes?: number
}
/**
 * Changes to a flow's draft. nodes and edges replace the draft's graph as a whole.
 */
export interface FlowDraftUpdate {
name?: Name
description?: string
nodes?: Nodes
edges?: Edges
}
/**
 * A graph to check without saving it (the studio validates as a person edits).
 */
export interface FlowValidateRequest {
kind?: ("flow" | "playbook")
nodes: Nodes
edges: Edges
}
export interface FlowVersionParams {
id: Id
version: number
}
/**
 * Offer the issue to an agent, to a team (its best agent), or to the best agent of a queue. Defaults: expires in PT10M, then re-routes; after 3 offers it escalates to the escalation team.
 */
export interface HandoffCreate {
to: HandoffParty
reason: string
expiresIn?: SlaDuration2
/**
 * When the offer is declined or expires: offer it to the next best agent (reroute), put the issue back in its queue (requeue), or leave it to the flow that made the handoff (none).
 */
onExpire?: ("reroute" | "requeue" | "none")
/**
 * The sender's warm introduction for the receiver: who the customer is, where things stand, what to say first.
 */
introduction?: string
briefEdits?: HandoffBriefEdits
/**
 * With onExpire reroute: offers before it escalates to the target team's escalation team (default 3). Without an escalation team it goes back to its queue.
 */
maxAttempts?: number
}
export interface HandoffParty {
agentId?: Id
teamId?: Id
queue?: string
}
/**
 * The sender's edits to the brief assembled from the timeline: a summary in their own words, and items to leave out (by the event they quote).
 */
export interface HandoffBriefEdits {
summary?: string
/**
 * @maxItems 200
 */
omitEventIds?: Id[]
}
export interface HandoffDecline {
reason?: string
}
export interface IdParams {
id: Id
}
/**
 * Open an issue. With an externalId, posting the same issue twice returns the first one (idempotent ingest).
 */
export interface IssueCreate {
subject: string
body: string
channel: Channel
customer: CustomerRef
priority?: Priority1
tags?: Tags
/**
 * The id the source system gave this issue. Ingesting the same externalId again returns the existing issue.
 */
externalId?: string
/**
 * The queue the issue waits in (e.g. Technical Support).
 */
queue?: string
/**
 * Incident, Request, Problem, Change, ...
 */
type?: string
language?: Language
}
/**
 * An existing customer by id, or by externalId or email (created with these fields when not found; name is then required).
 * 
 * This interface was referenced by `IssueCreate`'s JSON-Schema
 * via the `definition` "customerRef".
 */
export interface CustomerRef {
id?: Id
/**
 * The customer's id in a CRM or channel.
 */
externalId?: string
email?: Email
name?: Name
phone?: string
company?: string
tier?: ("free" | "standard" | "premium" | "enterprise")
timeZone?: TimeZone
language?: Language
}
/**
 * Filters for the issue list; results are newest first, paged with an opaque cursor.
 */
export interface IssueListQuery {
status?: IssueStatus
priority?: Priority
channel?: Channel
customerId?: Id
tag?: Tag
/**
 * The queue the issue waits in (e.g. Technical Support).
 */
queue?: string
assigneeAgentId?: Id
teamId?: Id
limit?: number
/**
 * nextCursor from the previous page.
 */
cursor?: string
}
/**
 * Every SLA clock of an issue as of now.
 */
export interface IssueSla {
issueId: Id
now: Timestamp
policyId?: Id
policyName?: string
clocks: SlaClockView[]
}
/**
 * A clock as of now: its stored state plus live elapsed and remaining business time.
 * 
 * This interface was referenced by `SlaClock`'s JSON-Schema
 * via the `definition` "view".
 */
export interface SlaClockView {
id: Id
metric: SlaMetric
ref?: string
state: SlaClockState
target?: SlaDuration
targetMs?: number
elapsedMs: number
/**
 * Negative once breached.
 */
remainingMs?: number
percent?: number
dueAt?: Timestamp
breached: boolean
breachedAt?: Timestamp
met?: boolean
timeZone?: TimeZone
businessHours?: boolean
startedAt?: Timestamp
stoppedAt?: Timestamp
log: SlaClockEvent[]
}
/**
 * This interface was referenced by `SlaClock`'s JSON-Schema
 * via the `definition` "event".
 */
export interface SlaClockEvent {
at: Timestamp
type: ("started" | "paused" | "resumed" | "stopped" | "cancelled" | "reset" | "retargeted" | "warning" | "breached")
elapsedMs: number
percent?: number
reason?: string
}
/**
 * Change what an issue's owner may change. Each change is recorded on the timeline.
 */
export interface IssueUpdate {
status?: IssueStatus
priority?: Priority
tags?: Tags
/**
 * The queue the issue waits in (e.g. Technical Support).
 */
queue?: string
/**
 * Incident, Request, Problem, Change, ...
 */
type?: string
assignee?: AssigneeUpdate
}
export interface KbArticleListQuery {
status?: KbArticleStatus
sourceIssueId?: Id
/**
 * Words that must all appear in the title, problem, steps or tags.
 */
q?: string
tag?: Tag
limit?: number
/**
 * nextCursor from the previous page.
 */
cursor?: string
}
/**
 * Edit an article or move it along draft → reviewable → published (or archived).
 */
export interface KbArticleUpdate {
title?: string
problem?: string
resolution?: Resolution
tags?: Tags
status?: KbArticleStatus
}
export interface Login {
email: Email
password: string
}
/**
 * Add a template to the library; it starts at version 1.
 */
export interface MessageTemplateCreate {
name: MessageTemplateName
purpose: MessageTemplatePurpose
description?: string
body: NotificationTemplate
}
/**
 * Liquid templates (https://liquidjs.com) rendered with issue, customer, assignee, brief, sla, handoff and links, plus the caller's variables. `channels` overrides parts per channel (e.g. a short SMS, an HTML email).
 * 
 * This interface was referenced by `Notification`'s JSON-Schema
 * via the `definition` "template".
 */
export interface NotificationTemplate {
subject?: string
text: string
html?: string
channels?: {
[k: string]: NotificationChannelTemplate | undefined
}
}
export interface NotificationChannelTemplate {
subject?: string
text?: string
html?: string
}
export interface MessageTemplateListQuery {
purpose?: MessageTemplatePurpose
/**
 * Words in the name or description.
 */
q?: string
}
/**
 * Render a template body as one channel would show it, with an issue's variables (a stored issue, or a made-up example when none is named).
 */
export interface MessageTemplatePreview {
body: NotificationTemplate
channel?: ChannelName
issueId?: Id
}
export interface MessageTemplateRendered {
channel: string
subject?: string
text: string
html?: string
/**
 * Rendered with made-up example data (no issue named).
 */
example: boolean
/**
 * The subject of the issue whose variables were used.
 */
issueSubject?: string
}
/**
 * Save a new version. `baseVersion` is the version the editor started from: when someone saved in between, the answer is 409 instead of a silent overwrite.
 */
export interface MessageTemplateUpdate {
baseVersion: number
name?: MessageTemplateName
purpose?: MessageTemplatePurpose
description?: string
body?: NotificationTemplate
note?: string
}
export interface MessageTemplateVersionParams {
id: Id
version: number
}
/**
 * Everything waiting for the signed-in agent, in one read: their profile (status, working hours), the open issues they own, and what asks for their answer — routing offers, handoffs and escalations to acknowledge — each with its issue. A principal that does not work as an agent gets `agent: null` and empty lists.
 */
export interface MyWork {
now: Timestamp
agent: (Agent | null)
/**
 * Open issues (not resolved or closed) assigned to me, most urgent first.
 */
assigned: Issue[]
/**
 * Routing offers made to me, oldest first.
 */
offers: MyOffer[]
/**
 * Handoffs offered to me or to a team of mine with no one named, oldest first.
 */
handoffs: MyHandoff[]
/**
 * Active escalations that notified me and wait for an acknowledgement.
 */
escalations: MyEscalation[]
}
export interface MyOffer {
offer: RoutingOffer
issue: Issue
}
/**
 * An issue offered to one agent, waiting for accept until it expires.
 * 
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "offer".
 */
export interface RoutingOffer {
id: Id
issueId: Id
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "queueName".
 */
queue: string
agentId: Id
status: ("offered" | "accepted" | "declined" | "expired" | "withdrawn")
attempt: number
offeredAt: Timestamp
expiresAt: Timestamp
respondedAt?: Timestamp
}
export interface MyHandoff {
handoff: Handoff
issue: Issue
}
/**
 * A warm transfer of ownership: who hands what to whom and why, a brief assembled from the timeline, and its lifecycle offered → accepted / declined / expired → completed with its own clocks.
 */
export interface Handoff {
id: Id
issueId: Id
from: HandoffParty1
to: HandoffParty1
reason: string
/**
 * The sender's warm introduction for the receiver: who the customer is, where things stand, what to say first.
 */
introduction?: string
status: HandoffStatus
brief: HandoffTimelineBrief
/**
 * When the offer is declined or expires: offer it to the next best agent (reroute), put the issue back in its queue (requeue), or leave it to the flow that made the handoff (none).
 */
onExpire: ("reroute" | "requeue" | "none")
/**
 * 1 for the first offer; a re-routed handoff counts on.
 */
attempt: number
/**
 * Offers within one tier before the handoff escalates to the team's escalation team (escalationTeamId) instead of being offered again.
 */
maxAttempts?: number
/**
 * 0 for the team first asked; each escalation to the next team (escalationTeamId) adds one.
 */
tier?: number
previousHandoffId?: Id
nextHandoffId?: Id
/**
 * Agents this handoff was already offered to (not offered again when re-routing).
 */
excluded?: Id[]
runId?: Id2
offeredAt: Timestamp
expiresAt: Timestamp
acceptedAt?: Timestamp
acceptedBy?: Id
declinedAt?: Timestamp
declineReason?: string
expiredAt?: Timestamp
completedAt?: Timestamp
firstTouchAt?: Timestamp
firstTouchEventId?: Id
clocks: HandoffClocks
createdBy: Actor
createdAt: Timestamp
updatedAt: Timestamp
}
/**
 * This interface was referenced by `Handoff`'s JSON-Schema
 * via the `definition` "party".
 */
export interface HandoffParty1 {
agentId?: Id
teamId?: Id
queue?: string
}
/**
 * What the new owner needs, assembled from the timeline and never invented: every item quotes the event it came from.
 * 
 * This interface was referenced by `Handoff`'s JSON-Schema
 * via the `definition` "brief".
 */
export interface HandoffTimelineBrief {
assembledFrom: "timeline"
assembledAt: Timestamp
/**
 * Facts about the issue (subject, priority, status, counts, waiting time), not a generated text.
 */
summary: string
/**
 * @maxItems 20
 */
lastMessages: HandoffBriefItem[]
/**
 * Customer sentences ending in ? that no agent reply followed.
 * 
 * @maxItems 20
 */
openQuestions: HandoffBriefItem[]
/**
 * Internal notes, decisions and call transcripts by the team.
 * 
 * @maxItems 20
 */
stepsTried: HandoffBriefItem[]
/**
 * Sentences of agent replies that promise something to the customer (I will, we'll, …).
 * 
 * @maxItems 20
 */
commitments: HandoffBriefItem[]
linkedEventIds: Id[]
/**
 * The context-intelligence brief of the issue (handoff-brief.schema.json), when that module provides one at offer time.
 */
intelligence?: {

}
editedBy?: Actor1
}
/**
 * A piece of the brief, quoted from one timeline event.
 * 
 * This interface was referenced by `Handoff`'s JSON-Schema
 * via the `definition` "item".
 */
export interface HandoffBriefItem {
eventId: Id
at: Timestamp
author: Actor
eventType: string
text: string
}
/**
 * Who did something: a customer, an agent, a signed-in user, the system or an integration.
 * 
 * This interface was referenced by `Common`'s JSON-Schema
 * via the `definition` "actor".
 */
export interface Actor {
kind: ("customer" | "agent" | "user" | "system" | "integration")
id?: Id
name?: string
}
/**
 * Who did something: a customer, an agent, a signed-in user, the system or an integration.
 */
export interface Actor1 {
kind: ("customer" | "agent" | "user" | "system" | "integration")
id?: Id
name?: string
}
export interface HandoffClocks {
timeToAcceptMs?: number
/**
 * From acceptance to the new owner's first reply or note.
 */
timeToFirstTouchMs?: number
/**
 * From the offer to completion.
 */
timeToCompleteMs?: number
}
export interface MyEscalation {
escalation: Escalation
issue: Issue
}
/**
 * One escalation path running on an issue: its steps (wait, notify, round-robin, repeat) are carried out in order until someone acknowledges, or the steps run out.
 */
export interface Escalation {
id: Id
issueId: Id
name?: string
runId?: Id
steps: EscalationSteps
status: ("active" | "acknowledged" | "exhausted" | "cancelled")
/**
 * The step to carry out next.
 */
position: number
/**
 * How often each repeat step (by index) has jumped back.
 */
repeats: {
[k: string]: number | undefined
}
/**
 * Bumped at every wait: a timer of an older wait does nothing.
 */
seq: number
waitingUntil?: Timestamp
acknowledgedBy?: Actor
/**
 * @maxItems 5000
 */
log: EscalationLogEntry[]
startedAt: Timestamp
endedAt?: Timestamp
createdAt: Timestamp
updatedAt: Timestamp
}
/**
 * This interface was referenced by `Escalation`'s JSON-Schema
 * via the `definition` "logEntry".
 */
export interface EscalationLogEntry {
at: Timestamp
step: number
action: ("started" | "notified" | "skipped" | "waiting" | "repeated" | "acknowledged" | "exhausted" | "cancelled")
recipients?: EscalationRecipient[]
reason?: string
by?: Actor
}
export interface EscalationRecipient {
kind: ("user" | "agent")
id: Id
}
/**
 * Everything the studio needs to draw and check a flow: node kinds (palette and inspector forms come from their data schemas), trigger events, facts and operators for conditions.
 */
export interface NodeKindCatalog {
kinds: NodeKindDescription[]
triggerEvents: TriggerEventDescription[]
facts: FactDescription[]
operators: OperatorDescription[]
}
export interface NodeKindDescription {
type: string
/**
 * Bumped when the meaning of the kind's data or outputs changes; published flow versions pin it.
 */
version: number
title: string
description: string
category: ("trigger" | "logic" | "action" | "timing" | "playbook" | "end")
/**
 * A glyph the studio draws the kind with; default: its category's.
 */
icon?: string
/**
 * A CSS colour for the kind's cards; default: its category's.
 */
color?: string
/**
 * The JSON Schema of the node's data.
 */
dataSchema: {

}
outputs: NodeOutputSpec[]
/**
 * The node can park a run; a cycle through it is allowed.
 */
pauses: boolean
}
/**
 * An output handle, or a rule deriving handles from the node's data: a fixed handle (shown only when `when` holds), or one handle per item of an array in data.
 * 
 * This interface was referenced by `NodeKindCatalog`'s JSON-Schema
 * via the `definition` "output".
 */
export interface NodeOutputSpec {
handle?: string
label?: string
when?: NodeOutputWhen
/**
 * JSON pointer to an array in data: one handle per item.
 */
forEach?: string
/**
 * The item field holding the handle.
 */
handleField?: string
labelField?: string
}
export interface NodeOutputWhen {
/**
 * JSON pointer into data.
 */
pointer: string
/**
 * Shown when the value is one of these; without it, when the value is present.
 */
in?: unknown[]
}
export interface TriggerEventDescription {
type: string
description: string
}
export interface FactDescription {
id: string
description: string
schema?: {

}
}
export interface OperatorDescription {
name: string
description: string
}
/**
 * Queue a notification. One notification is queued per channel the recipient's policy picks; each is delivered by the worker, never inline. The same idempotencyKey again returns the notifications queued the first time.
 */
export interface NotificationCreate {
to: NotifyTarget
issueId?: Id
urgency?: NotificationUrgency
template: NotificationTemplate
/**
 * Extra template variables (brief, sla, handoff, …).
 */
vars?: {
[k: string]: unknown | undefined
}
idempotencyKey?: IdempotencyKey
ack?: boolean
escalate?: NotificationEscalation
}
export interface NotifyUserTarget {
kind: "user"
id: Id
}
export interface NotifyAgentTarget {
kind: "agent"
id: Id
}
export interface NotifyAssigneeTarget {
kind: "assignee"
}
export interface NotifyCustomerTarget {
kind: "customer"
}
/**
 * The agent the triggering event offers the issue to: a routing offer's agent, or a handoff's agent (every agent of the team when a handoff is offered to a team as a whole). In-app always, other channels by their policy.
 */
export interface NotifyOfferedTarget {
kind: "offered"
}
/**
 * The lead of the team the issue is assigned to (the team's leadAgentId).
 */
export interface NotifyTeamLeadTarget {
kind: "teamLead"
}
export interface NotifyAddressTarget {
kind: "address"
channel: ChannelName1
address: string
name?: string
}
/**
 * Ack-or-escalate: unacknowledged this many minutes after delivery (or at once if it could not be delivered), the same message goes out on `channel`.
 * 
 * This interface was referenced by `Notification`'s JSON-Schema
 * via the `definition` "escalation".
 */
export interface NotificationEscalation {
afterMinutes: number
channel: ChannelName1
address?: string
}
/**
 * Filters for the outbox; newest first.
 */
export interface NotificationListQuery {
status?: NotificationStatus
channel?: ChannelName1
issueId?: Id
recipientId?: Id
limit?: number
/**
 * nextCursor from the previous page.
 */
cursor?: string
}
/**
 * Replace a person's notification policy.
 */
export interface NotificationPolicyUpdate {
timeZone?: TimeZone
contacts?: NotificationContacts
channels: NotificationChannelsByUrgency
quietHours?: QuietHours
escalation?: NotificationEscalation
}
/**
 * The person's address per channel (Slack member id, email, phone, webhook URL). In-app needs none; email defaults to the user's sign-in email.
 * 
 * This interface was referenced by `NotificationPolicy`'s JSON-Schema
 * via the `definition` "contacts".
 */
export interface NotificationContacts {
[k: string]: string | undefined
}
/**
 * This interface was referenced by `NotificationPolicy`'s JSON-Schema
 * via the `definition` "channelsByUrgency".
 */
export interface NotificationChannelsByUrgency {
low: NotificationChannelList
normal: NotificationChannelList
high: NotificationChannelList
critical: NotificationChannelList
}
/**
 * A daily window (may cross midnight) in which notifications wait until it ends, except the urgencies in `breakThrough`. In-app is never held: it does not interrupt.
 * 
 * This interface was referenced by `NotificationPolicy`'s JSON-Schema
 * via the `definition` "quietHours".
 */
export interface QuietHours {
start: string
end: string
/**
 * Days on which the window starts; default every day.
 * 
 * @maxItems 7
 */
days?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[]
/**
 * Urgencies delivered at once anyway. Default: critical.
 */
breakThrough?: NotificationUrgency[]
}
export interface PageQuery {
limit?: number
/**
 * nextCursor from the previous page.
 */
cursor?: string
}
/**
 * Who does the steps of the roles that are not per issue: customer success, leadership, product. Each names teams and/or agents.
 */
export interface PlaybookRoleMap {
cs?: PlaybookRolePeople
leadership?: PlaybookRolePeople
product?: PlaybookRolePeople
}
/**
 * This interface was referenced by `PlaybookRoleMap`'s JSON-Schema
 * via the `definition` "people".
 */
export interface PlaybookRolePeople {
/**
 * @maxItems 20
 */
teamIds?: Id[]
/**
 * @maxItems 50
 */
agentIds?: Id[]
}
/**
 * Walk a playbook through its windows on a simulated clock: nothing is stored or sent.
 */
export interface PlaybookSimulate {
/**
 * 0: the draft (default); else a published version.
 */
version?: number
/**
 * Steps (node ids) that pass their window: a task or receipt escalates and is done later; a consultation or satisfaction check goes unanswered.
 * 
 * @maxItems 200
 */
late?: string[]
/**
 * The handle a node takes on its first visit (a refused receipt, an unsatisfied customer), by node id.
 */
outcomes?: {
[k: string]: string | undefined
}
}
/**
 * Start a playbook on the issue by hand.
 */
export interface PlaybookStart {
playbookId: Id3
/**
 * For a consultation: what to ask the expert.
 */
question?: string
expertAgentId?: Id4
}
export interface PlaybookCheckItem {
action: "check"
itemId: string
done: boolean
}
export interface PlaybookAttachEvidence {
action: "evidence"
text: string
url?: string
}
export interface PlaybookMarkDone {
action: "done"
}
export interface PlaybookAnswer {
action: "answer"
answer: string
}
export interface PlaybookReceiptAnswer {
action: "receipt"
confirmed: boolean
/**
 * Required when refusing: what is missing.
 */
reason?: string
}
export interface PlaybookStepParams {
id: Id
stepId: string
}
export interface PluginParams {
name: PluginName
}
/**
 * Set (a string) or clear (null) some of a plugin's secrets; the others stay as they are. Values are encrypted at rest and never returned.
 */
export interface PluginSecretsUpdate {
secrets: {
[k: string]: string | null | undefined
}
}
/**
 * A plugin's settings with the JSON Schema they are validated against (the studio renders the form from it).
 */
export interface PluginSettings {
name: string
settings: {
[k: string]: unknown | undefined
}
schema: {
[k: string]: unknown | undefined
}
}
export interface PluginTestResult {
channel: string
outcome: ("delivered" | "retry" | "failed" | "timeout" | "invalid" | "error" | "unavailable")
externalId?: string
error?: string
retryAfterMs?: number
durationMs: number
}
/**
 * Send one test message through a notifier plugin, now, bypassing the outbox: the answer says whether the provider took it.
 */
export interface PluginTestSend {
/**
 * The address on the plugin's channel: a Slack channel or member id, an email address, a phone number, a URL.
 */
to: string
text?: string
}
export interface QueueParams {
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "queueName".
 */
queue: string
}
/**
 * Route an issue now: optionally into another queue, with extra skill requirements.
 */
export interface RouteRequest {
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "queueName".
 */
queue?: string
/**
 * @maxItems 20
 */
required?: SkillRequirement[]
/**
 * @maxItems 20
 */
optional?: SkillRequirement[]
}
/**
 * Defaults: least-loaded, no skills, priority weights 1/2/3/5, no affinity, assign outright (no offer).
 */
export interface RoutingPolicyCreate {
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "queueName".
 */
queue: string
description?: string
teamIds?: TeamIds1
strategy?: RoutingStrategy
skills?: RoutingSkills
priorityWeights?: PriorityWeights
affinity?: RoutingAffinity
offer?: RoutingOfferPolicy
}
export interface RoutingSkills {
/**
 * @maxItems 20
 */
required?: SkillRequirement[]
/**
 * @maxItems 20
 */
optional?: SkillRequirement[]
/**
 * An issue carrying the tag needs the skill (e.g. tag refund → skill billing, level 2).
 * 
 * @maxItems 100
 */
fromTags?: TagSkill[]
}
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "tagSkill".
 */
export interface TagSkill {
tag: Tag
skill: string
minLevel?: number
/**
 * Required (default) or only preferred.
 */
required?: boolean
}
/**
 * How much an issue of each priority weighs: the queue is drained heaviest first (then oldest), and an agent's load is the sum of the weights of their open issues.
 */
export interface PriorityWeights {
low: number
medium: number
high: number
critical: number
}
export interface RoutingAffinity {
/**
 * Prefer the agent who last worked an issue of the same customer, when that agent is eligible.
 */
previousAgent: boolean
}
export interface RoutingOfferPolicy {
acceptTimeout?: SlaDuration3
/**
 * Offers per routing attempt before the issue waits in the queue for the next drain.
 */
maxOffers: number
/**
 * Rounds of maxOffers unanswered offers before the issue escalates to the escalation team (escalationTeamId) of the team owning the queue, instead of waiting to be offered again. Default 2.
 */
maxRounds?: number
}
export interface RoutingPolicyUpdate {
description?: string
teamIds?: TeamIds1
strategy?: RoutingStrategy1
skills?: RoutingSkills1
priorityWeights?: PriorityWeights1
affinity?: RoutingAffinity1
offer?: RoutingOfferPolicy1
}
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "skills".
 */
export interface RoutingSkills1 {
/**
 * @maxItems 20
 */
required?: SkillRequirement[]
/**
 * @maxItems 20
 */
optional?: SkillRequirement[]
/**
 * An issue carrying the tag needs the skill (e.g. tag refund → skill billing, level 2).
 * 
 * @maxItems 100
 */
fromTags?: TagSkill[]
}
/**
 * How much an issue of each priority weighs: the queue is drained heaviest first (then oldest), and an agent's load is the sum of the weights of their open issues.
 * 
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "priorityWeights".
 */
export interface PriorityWeights1 {
low: number
medium: number
high: number
critical: number
}
export interface RoutingAffinity1 {
/**
 * Prefer the agent who last worked an issue of the same customer, when that agent is eligible.
 */
previousAgent: boolean
}
export interface RoutingOfferPolicy1 {
acceptTimeout?: SlaDuration3
/**
 * Offers per routing attempt before the issue waits in the queue for the next drain.
 */
maxOffers: number
/**
 * Rounds of maxOffers unanswered offers before the issue escalates to the escalation team (escalationTeamId) of the team owning the queue, instead of waiting to be offered again. Default 2.
 */
maxRounds?: number
}
/**
 * Runs newest first, paged with an opaque cursor.
 */
export interface RunListQuery {
status?: FlowRunStatus
limit?: number
/**
 * nextCursor from the previous page.
 */
cursor?: string
}
export interface SimilarQuery {
limit?: number
kind?: ("all" | "issues" | "articles")
}
/**
 * When would each metric be due for work starting at `start`? Give a stored policy (`policyId`) or targets and a calendar; `calendar` and `timeZone` override the policy's.
 */
export interface SlaCalculate {
start: Timestamp
policyId?: Id
targets?: SlaCalculateTargets
priority?: Priority2
calendar?: BusinessCalendarSpec1
timeZone?: TimeZone
}
/**
 * A target per metric, e.g. { "firstResponse": "PT1H" }.
 */
export interface SlaCalculateTargets {
[k: string]: SlaDuration | undefined
}
/**
 * Weekly opening hours and holidays in a time zone. No hours: open around the clock.
 * 
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "calendar".
 */
export interface BusinessCalendarSpec1 {
timeZone: TimeZone
/**
 * @maxItems 50
 */
hours?: CalendarHours[]
/**
 * @maxItems 400
 */
holidays?: Holiday[]
}
export interface SlaCalculation {
start: Timestamp
priority: Priority
timeZone: TimeZone
/**
 * Whether the calendar is open at `start`.
 */
openNow?: boolean
due: SlaDue[]
}
export interface SlaDue {
metric: SlaMetric
target: SlaDuration
targetMs: number
businessHours: boolean
dueAt: Timestamp
/**
 * dueAt in the calendar's time zone, with its offset.
 */
dueAtLocal: string
/**
 * Wall-clock time from start to due.
 */
wallClockMs: number
}
export interface SlaHistoryQuery {
/**
 * How far back to look.
 */
days?: number
}
/**
 * How long first responses and resolutions really took, per priority: percentiles of the organisation's stopped SLA clocks (business time), to suggest targets it can keep.
 */
export interface SlaHistory {
since: Timestamp
rows: SlaHistoryRow[]
}
export interface SlaHistoryRow {
metric: ("firstResponse" | "resolution")
priority: Priority
/**
 * Stopped clocks measured.
 */
count: number
p50Ms?: number
p80Ms?: number
p90Ms?: number
suggested?: SlaDuration4
}
/**
 * Defaults: pauseOn [pending], warnAt [50, 75, 100], order 100, not the default policy.
 */
export interface SlaPolicyCreate {
name: Name
description?: string
isDefault?: boolean
/**
 * Policies are tried in ascending order; the first whose `match` holds applies.
 */
order?: number
match?: SlaPolicyMatch
metrics: SlaMetrics
calendar: SlaCalendarPolicy
pauseOn?: PauseOn
warnAt?: SlaWarnAt1
}
/**
 * Which issues the policy applies to; every listed field must hold (a list holds when the issue's value is in it; tags: any shared tag).
 * 
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "match".
 */
export interface SlaPolicyMatch {
/**
 * @maxItems 4
 */
priorities?: Priority[]
/**
 * @maxItems 6
 */
channels?: Channel[]
/**
 * @maxItems 100
 */
queues?: string[]
tags?: Tags
/**
 * @maxItems 4
 */
customerTiers?: ("free" | "standard" | "premium" | "enterprise")[]
}
/**
 * The metrics this policy measures. A metric without targets is tracked (its elapsed time shown live) but never warns or breaches.
 * 
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "metrics".
 */
export interface SlaMetrics {
firstResponse?: SlaMetricPolicy
nextResponse?: SlaMetricPolicy
handoffCompletion?: SlaMetricPolicy
resolution?: SlaMetricPolicy
customerUpdate?: SlaMetricPolicy
}
/**
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "metricPolicy".
 */
export interface SlaMetricPolicy {
targets?: SlaTargets
/**
 * Measure on the policy's calendar (default) or in wall-clock time around the clock.
 */
businessHours?: boolean
warnAt?: SlaWarnAt
}
/**
 * A target per priority; `default` for priorities not listed.
 * 
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "targets".
 */
export interface SlaTargets {
default?: SlaDuration
low?: SlaDuration
medium?: SlaDuration
high?: SlaDuration
critical?: SlaDuration
}
/**
 * The business calendar of a policy. Its time zone comes from the customer, the owning team or the policy itself (`timeZoneFrom`), falling back to the policy's `timeZone` when the customer or team has none.
 * 
 * This interface was referenced by `SlaPolicy`'s JSON-Schema
 * via the `definition` "calendarPolicy".
 */
export interface SlaCalendarPolicy {
timeZoneFrom: ("customer" | "team" | "policy")
timeZone: TimeZone
/**
 * @maxItems 50
 */
hours?: CalendarHours[]
/**
 * @maxItems 400
 */
holidays?: Holiday[]
}
/**
 * Changes apply to clocks started afterwards; running clocks keep the targets and calendar they started with.
 */
export interface SlaPolicyUpdate {
name?: Name
description?: string
isDefault?: boolean
/**
 * Policies are tried in ascending order; the first whose `match` holds applies.
 */
order?: number
match?: SlaPolicyMatch
metrics?: SlaMetrics
calendar?: SlaCalendarPolicy
pauseOn?: PauseOn1
warnAt?: SlaWarnAt
}
/**
 * The most pressing running clock of every issue that has one, least business time left first.
 */
export interface SlaRunning {
now: Timestamp
items: RunningSlaClock[]
}
export interface RunningSlaClock {
issueId: Id
clock: SlaClockView
}
export interface TeamCreate {
name: Name
description?: string
queues?: Queues
timeZone?: TimeZone
escalationTeamId?: Id
leadAgentId?: Id
notifications?: TeamNotifications
}
/**
 * The default notifications (the shipped flow "Default notifications") this team gets. Each is on unless set to false.
 * 
 * This interface was referenced by `Team`'s JSON-Schema
 * via the `definition` "notifications".
 */
export interface TeamNotifications {
/**
 * Routing and handoff offers reach the offered agent (in-app always, other channels by their policy).
 */
offers?: boolean
/**
 * An SLA warning reaches the owner; a breach the owner and the team lead.
 */
slaAlerts?: boolean
/**
 * On a transfer and on resolution the customer gets a status update introducing the new owner.
 */
customerUpdates?: boolean
/**
 * 24 hours after resolution the customer is asked whether all is well.
 */
followUp?: boolean
}
export interface TeamUpdate {
name?: Name
description?: string
queues?: Queues1
timeZone?: TimeZone
escalationTeamId?: (Id | null)
leadAgentId?: (Id | null)
notifications?: TeamNotifications
}
/**
 * Who did something: a customer, an agent, a signed-in user, the system or an integration.
 */
export interface Actor2 {
kind: ("customer" | "agent" | "user" | "system" | "integration")
id?: Id
name?: string
}
export interface CustomerMessageContent {
type: "customer_message"
text: string
channel?: Channel
/**
 * The channel's message id (e.g. an email Message-ID), for threading.
 */
messageId?: string
}
export interface AgentReplyContent {
type: "agent_reply"
text: string
channel?: Channel
}
/**
 * Seen by the team only, never by the customer.
 */
export interface InternalNoteContent {
type: "internal_note"
text: string
}
export interface CallTranscriptContent {
type: "call_transcript"
durationSec?: number
recordingRef?: string
segments: Segments
}
export interface TranscriptSegment {
speaker: string
startSec: number
endSec?: number
text: string
}
export interface CrmUpdateContent {
type: "crm_update"
/**
 * Which CRM sent it.
 */
source?: string
fields: Fields
}
export interface Fields {
[k: string]: string | number | boolean | null | undefined
}
/**
 * Something Baton did: a status change, an assignment, a flow action.
 */
export interface SystemEventContent {
type: "system_event"
/**
 * e.g. issue.status_changed, issue.assigned
 */
action: string
text?: string
data?: {

}
}
/**
 * A comment made in the issue's shared workspace (the `issue:<id>` collaboration document), mirrored here once so that search, briefs and analytics see it. The workspace stays the place to reply.
 */
export interface WorkspaceCommentContent {
type: "workspace_comment"
text: string
commentId: WorkspaceEntryId
threadId: WorkspaceEntryId1
parentId?: WorkspaceEntryId2
}
/**
 * An entry of the workspace's decision log, mirrored here once: what was decided (`text`), why, who decided and when. The event's author is whoever recorded it.
 */
export interface DecisionContent {
type: "decision"
text: string
decisionId: WorkspaceEntryId
why?: string
/**
 * Who decided, as written in the log (a person or a group).
 */
who?: string
decidedAt?: Timestamp
}
/**
 * A page of a timeline. `asc` reads from the first event (a story), `desc` from the latest (what just happened).
 */
export interface TimelineQuery {
order?: ("asc" | "desc")
limit?: number
/**
 * nextCursor from the previous page.
 */
cursor?: string
}
export interface UserCreate {
email: Email
name: Name
roles: Roles1
agentId?: Id
password: Password
}
export interface UserUpdate {
name?: Name
roles?: Roles1
agentId?: (Id | null)
disabled?: boolean
password?: Password
}
/**
 * What the learned router predicts for an issue (or a text), with confidence and the evidence behind each label.
 */
export interface Classification {
modelVersion: number
predictions: {
queue?: LabelPrediction
priority?: LabelPrediction
type?: LabelPrediction
}
}
/**
 * This interface was referenced by `Classification`'s JSON-Schema
 * via the `definition` "labelPrediction".
 */
export interface LabelPrediction {
value: string
confidence: number
alternatives: {
value: string
confidence: number
}[]
explanation: PredictionExplanation
}
export interface PredictionExplanation {
/**
 * Words of the text that pushed this label up the most, with their contribution.
 */
terms: {
term: string
weight: number
}[]
/**
 * Past resolved issues that carry this label and voted for it, most similar first.
 */
similar: {
id: string
subject?: string
value: string
score: number
}[]
}
/**
 * Shared building blocks referenced by the other schemas.
 */
export interface Common {
[k: string]: unknown | undefined
}
/**
 * A person who asks for help. Every issue belongs to one customer; the unified timeline spans all of them.
 */
export interface Customer {
id: Id
/**
 * The customer's id in a CRM or channel.
 */
externalId?: string
name: Name
email?: Email
phone?: string
company?: string
tier?: ("free" | "standard" | "premium" | "enterprise")
timeZone?: TimeZone
language?: Language
attributes?: Attributes
createdAt: Timestamp
updatedAt: Timestamp
}
/**
 * The `data` of the generic node kinds (trigger, condition, switch, set, wait, end). Kinds that other modules or plugins register bring their own data schema.
 */
export interface FlowNodeData {
[k: string]: unknown | undefined
}
/**
 * Where a run starts: the domain events that start it and an optional filter on the issue, its customer, its timeline and the event.
 * 
 * This interface was referenced by `FlowNodeData`'s JSON-Schema
 * via the `definition` "trigger".
 */
export interface TriggerNodeData {
/**
 * The events that start a run, e.g. an issue is created, a message is added.
 * 
 * @minItems 1
 * @maxItems 20
 */
events: [string, ...(string)[]]
filter?: RuleCondition
}
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "allCondition".
 */
export interface AllCondition {
/**
 * @maxItems 200
 */
all: RuleCondition[]
name?: string
priority?: number
}
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "anyCondition".
 */
export interface AnyCondition {
/**
 * @maxItems 200
 */
any: RuleCondition[]
name?: string
priority?: number
}
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "notCondition".
 */
export interface NotCondition {
not: RuleCondition
name?: string
priority?: number
}
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "factCondition".
 */
export interface FactCondition {
fact: string
operator: string
/**
 * A literal, or { "fact": name, "path"?: jsonpath } to compare with another fact.
 */
value: (string | number | boolean | null | unknown[] | {

})
/**
 * A JSONPath into the fact, e.g. $.tier
 */
path?: string
params?: {

}
name?: string
priority?: number
}
/**
 * Takes `true` when the condition holds, else `false`.
 * 
 * This interface was referenced by `FlowNodeData`'s JSON-Schema
 * via the `definition` "condition".
 */
export interface ConditionNodeData {
condition: RuleCondition
}
/**
 * Evaluates its cases in order and takes the handle of the first that holds (its case id, never `default`), or `default`.
 * 
 * This interface was referenced by `FlowNodeData`'s JSON-Schema
 * via the `definition` "switch".
 */
export interface SwitchNodeData {
/**
 * @minItems 1
 * @maxItems 50
 */
cases: [SwitchCase, ...(SwitchCase)[]]
}
export interface SwitchCase {
/**
 * This interface was referenced by `FlowDocument`'s JSON-Schema
 * via the `definition` "elementId".
 */
id: string
label?: string
condition: RuleCondition
}
/**
 * Changes the issue through the issues module, acting as the flow: status, priority, queue, type and tags.
 * 
 * This interface was referenced by `FlowNodeData`'s JSON-Schema
 * via the `definition` "set".
 */
export interface SetNodeData {
status?: IssueStatus
priority?: Priority
/**
 * The queue the issue waits in (e.g. Technical Support).
 */
queue?: string
/**
 * Incident, Request, Problem, Change, ...
 */
type?: string
tags?: SetTags
}
export interface SetTags {
add?: Tags
remove?: Tags
}
export interface WaitForDuration {
mode: "duration"
duration: IsoDuration
}
export interface WaitUntilTime {
mode: "until"
until: Timestamp
}
export interface WaitForEvent {
mode: "event"
/**
 * A trigger event type on the same issue, e.g. message.added.
 */
event: string
condition?: RuleCondition
timeout?: IsoDuration
}
/**
 * Ends the run with an outcome that replay and analytics group by.
 * 
 * This interface was referenced by `FlowNodeData`'s JSON-Schema
 * via the `definition` "end".
 */
export interface EndNodeData {
outcome?: string
}
/**
 * The value of the withinBusinessHours operator: weekly opening hours in a time zone.
 * 
 * This interface was referenced by `FlowNodeData`'s JSON-Schema
 * via the `definition` "businessHours".
 */
export interface BusinessHours {
timeZone: TimeZone
/**
 * @minItems 1
 * @maxItems 50
 */
hours: [OpeningHours, ...(OpeningHours)[]]
}
export interface OpeningHours {
/**
 * @minItems 1
 * @maxItems 7
 */
days: [("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun"), ...(("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun"))[]]
from: string
to: string
}
/**
 * A flow as the API serves it: its editable draft (version 0), which published version runs, and how its last run went.
 */
export interface FlowRecord {
id: Id
kind: ("flow" | "playbook")
name: Name
description?: string
draft: FlowDocument
validation: FlowValidationReport
/**
 * The newest published version; 0 when never published.
 */
latestVersion: number
enabled: boolean
/**
 * The published version that runs while enabled.
 */
enabledVersion?: number
liveTrace: FlowLiveTrace
/**
 * The events the enabled version starts on.
 */
triggerEvents?: string[]
createdAt: Timestamp
updatedAt: Timestamp
createdBy: Actor
updatedBy: Actor
lastRun?: FlowRunSummary
}
/**
 * A flow or playbook as drawn in the studio: nodes and edges keyed by stable ids, rendered by React Flow as it is. The entry point is the single `trigger` node, whose data says which events start a run.
 */
export interface FlowDocument {
id: Id
kind: ("flow" | "playbook")
name: Name
description?: string
/**
 * 0 for a draft; the published version number once frozen.
 */
version: number
nodes: Nodes
edges: Edges
/**
 * On a published version: the version of each node kind its nodes use, as validated at publish. A kind that has changed version since does not run this flow version (publish again to adopt it).
 */
kindVersions?: {
[k: string]: number | undefined
}
}
/**
 * What is wrong with a flow document, each issue named by node or edge id and a JSON pointer into the document. Errors block publishing; warnings do not.
 */
export interface FlowValidationReport {
/**
 * No errors (warnings allowed).
 */
valid: boolean
errors: FlowValidationIssue[]
warnings: FlowValidationIssue[]
}
/**
 * This interface was referenced by `FlowValidationReport`'s JSON-Schema
 * via the `definition` "issue".
 */
export interface FlowValidationIssue {
severity: ("error" | "warning")
/**
 * Stable machine name: unknown-kind, invalid-data, dangling-edge, unknown-handle, duplicate-handle, unconnected-handle, no-trigger, multiple-triggers, cycle-without-wait, unreachable-node, duplicate-id, unknown-fact, unknown-operator, invalid-operator-value, unknown-event, ...
 */
code: string
nodeId?: string
edgeId?: string
/**
 * A JSON pointer into the flow document, e.g. /nodes/3/data/cases/0/condition.
 */
pointer: string
message: string
}
/**
 * How many of this flow's live runs are stored with their full trace (each condition and the facts it saw) rather than only the path they took. Playbook runs always keep theirs.
 */
export interface FlowLiveTrace {
/**
 * The share in force, in percent.
 */
percent: number
/**
 * flow: the flow's own setting; server: the server's default.
 */
source: ("flow" | "server")
/**
 * The server's default (BATON_FLOW_TRACE_PERCENT, 0 unless set).
 */
serverPercent: number
/**
 * When the flow's own share ends by itself and the server's default applies again; absent when it holds until someone changes it (or the default is in force).
 */
until?: string
}
export interface FlowRunSummary {
id: Id
status: FlowRunStatus
issueId: Id
version: number
outcome?: string
startedAt: Timestamp
}
/**
 * One run of a published flow version on one issue, with its trace: every node it passed, the handle it took, what the conditions saw and decided, and what it did.
 */
export interface FlowRun {
id: Id
flowId: Id
flowName: string
/**
 * The pinned flow version (0: the draft, in simulations only).
 */
version: number
issueId: Id
status: FlowRunStatus
trigger: FlowRunTrigger
/**
 * How many flow runs caused the event that started this one (0: a person or a channel did).
 */
depth: number
startedAt: Timestamp
updatedAt: Timestamp
endedAt?: Timestamp
/**
 * Time spent executing nodes (not waiting).
 */
durationMs: number
/**
 * Node ids in the order the run passed them.
 */
path: string[]
steps: TraceStep[]
/**
 * The end node's outcome (or its id) once completed.
 */
outcome?: string
effects: FlowEffect[]
waiting?: FlowRunWaiting
error?: FlowRunError
}
export interface FlowRunTrigger {
/**
 * The event type that started the run.
 */
event: string
at: Timestamp
causedBy?: EventCause
}
/**
 * The flow run whose action caused an event.
 * 
 * This interface was referenced by `FlowRun`'s JSON-Schema
 * via the `definition` "cause".
 */
export interface EventCause {
flowId: string
runId: string
depth: number
/**
 * Every flow in the causation chain, oldest first.
 */
flows: string[]
}
/**
 * json-rules-engine's result for one condition: every leaf with the fact value it saw (factResult), the value it compared with (valueResult) and whether it held; leaves not evaluated (short-circuited) carry no result.
 * 
 * This interface was referenced by `FlowRun`'s JSON-Schema
 * via the `definition` "conditionResult".
 */
export interface ConditionTrace1 {
result: boolean
conditions: {

}
}
/**
 * A published, frozen version of a flow. Never changes once written; runs pin the version they started on.
 */
export interface FlowVersion {
flowId: Id
version: number
note: string
publishedAt: Timestamp
publishedBy: Actor
document: FlowDocument
}
/**
 * What the next owner of an issue needs to know, extracted from its timeline. Every item quotes the timeline and names the events it came from, so a reader can verify it.
 */
export interface HandoffBrief {
issueId: Id
variant: ("full" | "executive")
generatedAt: Timestamp
language?: string
headline?: BriefItem
summary: BriefItem1[]
questionsAnswered: AnsweredQuestion[]
openUnknowns: BriefItem1[]
stepsTried: BriefItem1[]
commitments: BriefItem1[]
nextSteps: BriefItem1[]
urgency: BriefUrgency
sentiment: BriefSentiment
customer: BriefCustomer
/**
 * What the customer said they need by when, quoted: the latest stated deadline (it wins over earlier ones, which are not listed), with the date it resolves to in the customer's time zone where that can be worked out from the message's timestamp.
 */
deadlines: BriefDeadline[]
stats: {
events: number
customerMessages: number
agentReplies: number
notes: number
}
}
/**
 * Executive variant: the problem in one sentence.
 */
export interface BriefItem {
/**
 * A sentence quoted from the timeline, or a suggestion built around one (kind: suggested).
 */
text: string
/**
 * quoted (default): the text is in the source event verbatim.
 */
kind?: ("quoted" | "suggested")
/**
 * @minItems 1
 */
sources: [BriefSource, ...(BriefSource)[]]
}
export interface BriefSource {
eventId: Id
at: Timestamp
author: ("customer" | "agent" | "user" | "integration" | "system")
}
/**
 * This interface was referenced by `HandoffBrief`'s JSON-Schema
 * via the `definition` "briefItem".
 */
export interface BriefItem1 {
/**
 * A sentence quoted from the timeline, or a suggestion built around one (kind: suggested).
 */
text: string
/**
 * quoted (default): the text is in the source event verbatim.
 */
kind?: ("quoted" | "suggested")
/**
 * @minItems 1
 */
sources: [BriefSource, ...(BriefSource)[]]
}
export interface AnsweredQuestion {
question: BriefItem1
answer: BriefItem1
}
export interface BriefUrgency {
level: Priority
score: number
signals: BriefItem1[]
}
export interface BriefSentiment {
label: ("negative" | "neutral" | "positive")
/**
 * The customer's tone, latest messages weighted most.
 */
score: number
trend: ("improving" | "steady" | "worsening")
signals: BriefItem1[]
}
/**
 * Who the customer is and what they are worth, always present: from the customer record and the newest CRM updates on the timeline (sources name those events). Fields unknown to both are null.
 */
export interface BriefCustomer {
name: (string | null)
company: (string | null)
tier: (string | null)
plan: (string | null)
/**
 * Annual value as the records state it (ARR, contract value), e.g. "ARR 186,000".
 */
value: (string | null)
timeZone: (string | null)
/**
 * The customer's local time when the brief was made, e.g. "Fri 09:42".
 */
localTime: (string | null)
/**
 * The CRM update events the fields came from (the customer record otherwise).
 */
sources: BriefSource[]
}
/**
 * This interface was referenced by `HandoffBrief`'s JSON-Schema
 * via the `definition` "briefDeadline".
 */
export interface BriefDeadline {
/**
 * The customer's sentence (or the CRM field), quoted.
 */
text: string
/**
 * quoted (default): the text is in the source event verbatim.
 */
kind?: ("quoted" | "suggested")
/**
 * @minItems 1
 */
sources: [BriefSource, ...(BriefSource)[]]
/**
 * The words that state the deadline, e.g. "bis Donnerstag 12 Uhr".
 */
phrase?: string
due?: BriefDue
}
/**
 * What the phrase resolves to, counted from when it was said, in the customer's time zone. Absent when it cannot be resolved ("by then").
 */
export interface BriefDue {
/**
 * Local calendar date.
 */
date: string
/**
 * Local time of day, when stated.
 */
time?: string
/**
 * The instant (UTC), when a time of day is known.
 */
at?: string
/**
 * The zone the date and time are in (the customer's, or one they named).
 */
timeZone: string
/**
 * For people, e.g. "Thu 5 Mar, 08:00 (Europe/Berlin)".
 */
label: string
}
/**
 * A customer's message. Threaded into an existing issue when `threadKey` or one of `replyTo` is known (e.g. an email's In-Reply-To and References), otherwise it opens a new issue. The same `messageKey` twice is applied once.
 */
export interface InboundMessage {
type: "message"
channel: Channel
messageKey: InboundKey
threadKey?: InboundKey1
/**
 * Message keys this one answers, nearest first.
 * 
 * @maxItems 100
 */
replyTo?: InboundKey2[]
from: InboundContact
subject?: string
text: string
at?: Timestamp
issue?: InboundIssueRef
tags?: Tags
}
/**
 * Who wrote or called, as the channel knows them; matched to a customer by externalId, then email.
 */
export interface InboundContact {
externalId?: string
email?: Email
name?: Name
phone?: string
}
export interface InboundIssueRef {
id?: Id
externalId?: string
}
/**
 * A recorded call's transcript, attached to the named issue, or to a new phone issue of the caller.
 */
export interface InboundCallTranscript {
type: "call_transcript"
callKey: InboundKey2
issue?: InboundIssueRef
from?: InboundContact
subject?: string
at?: Timestamp
durationSec?: number
recordingRef?: string
segments: Segments
}
/**
 * A customer upsert from a CRM with account attributes; recorded on the issue's timeline when an issue is named.
 */
export interface InboundCrmUpdate {
type: "crm_update"
source: string
updateKey?: InboundKey3
customer: InboundCrmCustomer
issue?: InboundIssueRef
fields?: Fields
}
export interface InboundCrmCustomer {
externalId?: string
email?: Email
name?: Name
phone?: string
company?: string
tier?: ("free" | "standard" | "premium" | "enterprise")
timeZone?: TimeZone
language?: Language
attributes?: Attributes
}
/**
 * Someone acknowledged a notification on the channel (e.g. Slack's button): it stops its escalation.
 */
export interface InboundNotificationAck {
type: "notification_ack"
notificationId: Id
by?: string
at?: Timestamp
}
/**
 * Data of the flow node kinds that the intelligence module adds: classify and summarize.
 */
export interface IntelligenceNodes {
[k: string]: unknown | undefined
}
/**
 * Predicts one label with the learned router and takes the handle of the matching route; `other` when the prediction matches no route, `uncertain` when its confidence is below minConfidence or no model is trained.
 * 
 * This interface was referenced by `IntelligenceNodes`'s JSON-Schema
 * via the `definition` "classify".
 */
export interface ClassifyNodeData {
label: RoutingLabel
/**
 * @maxItems 100
 */
routes: ClassifyRoute[]
minConfidence?: number
/**
 * Also set the issue's field to the prediction when it is confident enough.
 */
apply?: boolean
}
export interface ClassifyRoute {
/**
 * The output handle.
 */
id: string
/**
 * The label value this route takes (e.g. Technical Support).
 */
value: string
}
/**
 * Builds the handoff brief of the issue and records it in the run's trace.
 * 
 * This interface was referenced by `IntelligenceNodes`'s JSON-Schema
 * via the `definition` "summarize".
 */
export interface SummarizeNodeData {
variant?: ("full" | "executive")
}
/**
 * A knowledge-base article. Drafts are captured from resolved issues (problem from the customer, resolution steps from the agents' replies); a person reviews and publishes them. Published articles are offered to customers as self-service answers.
 */
export interface KbArticle {
id: Id
status: KbArticleStatus
title: string
problem: string
resolution: Resolution
tags: Tags
language?: Language
queue?: string
sourceIssueId?: Id5
/**
 * The timeline events the problem and the steps were taken from.
 * 
 * @maxItems 200
 */
sourceEventIds?: Id[]
createdAt: Timestamp
updatedAt: Timestamp
publishedAt?: Timestamp
}
/**
 * A stored, versioned template of the Handoff Template Library: a handoff brief layout, a warm introduction, a customer update or a war-room post. Flows pick it by name (`templateName` on notify and handoff nodes); every save keeps the previous version with its author and time.
 */
export interface MessageTemplate {
id: Id
name: MessageTemplateName
purpose: MessageTemplatePurpose
description?: string
/**
 * The current version; 1 when created.
 */
version: number
body: NotificationTemplate
author: Actor3
createdAt: Timestamp
updatedAt: Timestamp
}
/**
 * Who did something: a customer, an agent, a signed-in user, the system or an integration.
 */
export interface Actor3 {
kind: ("customer" | "agent" | "user" | "system" | "integration")
id?: Id
name?: string
}
/**
 * One saved version of a template, kept for good.
 * 
 * This interface was referenced by `MessageTemplate`'s JSON-Schema
 * via the `definition` "version".
 */
export interface MessageTemplateVersion {
templateId: Id
version: number
name: MessageTemplateName
purpose: MessageTemplatePurpose
description?: string
body: NotificationTemplate
author: Actor
/**
 * What changed, in the author's words.
 */
note?: string
createdAt: Timestamp
}
/**
 * How one person wants to hear about things: which channels per urgency, their addresses there, quiet hours in their time zone, and when an unacknowledged message escalates. Without one, in-app for everything and email from high urgency on.
 */
export interface NotificationPolicy {
userId: Id
timeZone?: TimeZone1
contacts: NotificationContacts
channels: NotificationChannelsByUrgency
quietHours?: QuietHours
escalation?: NotificationEscalation1
updatedAt: Timestamp
}
/**
 * Ack-or-escalate: unacknowledged this many minutes after delivery (or at once if it could not be delivered), the same message goes out on `channel`.
 */
export interface NotificationEscalation1 {
afterMinutes: number
channel: ChannelName1
address?: string
}
/**
 * One message to one address on one channel, as the outbox holds it: queued → sending → delivered, or back to queued with a due time after a failed attempt, or dead (dead-lettered) when it cannot be delivered; cancelled when an escalation became moot. The same idempotency key always names the same notification.
 */
export interface Notification {
id: Id
idempotencyKey: IdempotencyKey
channel: ChannelName1
status: NotificationStatus
urgency: NotificationUrgency
recipient: NotificationRecipient
/**
 * Where on the channel: a Slack channel or user id, an email address, a phone number, a URL, a user id for in-app.
 */
address: string
issueId?: Id
message: NotificationMessage
dueAt: Timestamp3
deferral?: NotificationDeferral
plugin?: PluginName1
/**
 * Attempts since it was (re)queued.
 */
attemptCount: number
/**
 * The most recent attempts, oldest first.
 * 
 * @maxItems 50
 */
attempts: DeliveryAttempt[]
/**
 * The provider's id of the delivered message (Slack ts, SMTP Message-ID, SMS sid, …).
 */
externalId?: string
deliveredAt?: Timestamp
deadAt?: Timestamp
lastError?: string
cancelledReason?: string
redeliveries: number
ack?: NotificationAck
escalation?: NotificationEscalation
escalationOf?: Id6
source?: NotificationSource
createdAt: Timestamp
updatedAt: Timestamp
}
/**
 * This interface was referenced by `Notification`'s JSON-Schema
 * via the `definition` "recipient".
 */
export interface NotificationRecipient {
kind: ("user" | "agent" | "customer" | "address")
id?: Id
name?: string
}
/**
 * The rendered message, stored as sent so that every retry sends the same thing.
 * 
 * This interface was referenced by `Notification`'s JSON-Schema
 * via the `definition` "message".
 */
export interface NotificationMessage {
subject?: string
text: string
html?: string
/**
 * Structured context for machine channels (webhook).
 */
data?: {
[k: string]: unknown | undefined
}
links?: NotificationLinks
}
export interface NotificationLinks {
issue?: string
statusPage?: string
}
export interface NotificationDeferral {
reason: ("quiet_hours" | "escalation_timeout")
until: Timestamp
}
/**
 * This interface was referenced by `Notification`'s JSON-Schema
 * via the `definition` "attempt".
 */
export interface DeliveryAttempt {
at: Timestamp
/**
 * delivered; retry (the notifier asked); failed (permanent); timeout, error, invalid (the plugin hung, threw or answered garbage); unavailable (no enabled notifier for the channel).
 */
outcome: ("delivered" | "retry" | "failed" | "timeout" | "error" | "invalid" | "unavailable")
plugin?: string
durationMs: number
error?: string
retryAfterMs?: number
nextAttemptAt?: Timestamp
}
export interface NotificationAck {
required: boolean
ackedAt?: Timestamp
ackedBy?: string
}
/**
 * This interface was referenced by `Notification`'s JSON-Schema
 * via the `definition` "source".
 */
export interface NotificationSource {
kind: ("api" | "flow" | "escalation" | "system")
principalId?: string
flowId?: string
runId?: string
nodeId?: string
/**
 * The escalation path that sent this notice: acknowledging the notice acknowledges the path.
 */
escalationId?: string
}
/**
 * The `notify` node: tell someone, through the outbox. Templates are Liquid; the variables are the issue, its customer and assignee, and whatever the triggering event carries (brief, sla, handoff, …).
 */
export interface NotifyNodeData {
to: NotifyTarget
/**
 * A fixed urgency, or `from_priority` (low→low, medium→normal, high→high, critical→critical). Default from_priority.
 */
urgency?: ("from_priority" | "low" | "normal" | "high" | "critical")
template?: NotificationTemplate1
templateName?: MessageTemplateName1
/**
 * Ask for acknowledgement (Slack button, API); with an escalation, unacknowledged messages escalate.
 */
ack?: boolean
escalate?: NotificationEscalation
}
/**
 * Liquid templates (https://liquidjs.com) rendered with issue, customer, assignee, brief, sla, handoff and links, plus the caller's variables. `channels` overrides parts per channel (e.g. a short SMS, an HTML email).
 */
export interface NotificationTemplate1 {
subject?: string
text: string
html?: string
channels?: {
[k: string]: NotificationChannelTemplate | undefined
}
}
/**
 * Data of the playbook node kinds: steps people do (task, consult, receipt, satisfaction), parallel workstreams (fork, join) and the automatic parts a playbook needs (expert search, war room).
 */
export interface PlaybookNodes {
[k: string]: unknown | undefined
}
/**
 * When a step is due: `within` after the playbook started (from: playbook, e.g. triage 0-5 min) or after the step started (from: step). Past it, the step is recorded as missed and escalates.
 * 
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "window".
 */
export interface PlaybookWindow {
within: SlaDuration
from?: ("playbook" | "step")
}
/**
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "item".
 */
export interface PlaybookItem {
id: string
text: string
}
/**
 * A step a person does: a checklist for one role, due within a window, with evidence they attach. Done when every item is checked (or the step is marked done). Past its window it is recorded as missed and its escalation path (or the playbook's standard one) starts; it can still be done.
 * 
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "task".
 */
export interface TaskNodeData {
title: string
role: PlaybookRole
instructions?: string
/**
 * @minItems 1
 * @maxItems 30
 */
items: [PlaybookItem, ...(PlaybookItem)[]]
window?: PlaybookWindow
/**
 * required: the step cannot be done without a note or link attached.
 */
evidence?: ("none" | "optional" | "required")
escalation?: EscalationSteps1
}
/**
 * Starts parallel workstreams: one per branch, side by side. A join brings them together again.
 * 
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "fork".
 */
export interface ForkNodeData {
/**
 * @minItems 2
 * @maxItems 10
 */
branches: [ForkBranch, ForkBranch, ...(ForkBranch)[]]
}
export interface ForkBranch {
/**
 * The output handle.
 */
id: string
label: string
}
/**
 * Waits until every workstream of the fork before it has arrived (or ended), then goes on once.
 * 
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "join".
 */
export interface JoinNodeData {
label?: string
}
/**
 * Asks the run's expert a question with a reply deadline. The issue's owner stays the owner: a consultation never changes ownership. answered, or unanswered when the deadline passes.
 * 
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "consult".
 */
export interface ConsultNodeData {
/**
 * Default: the question asked when the playbook was started from the issue page.
 */
question?: string
replyWithin: SlaDuration
}
/**
 * The receiver of a handoff confirms they have the brief and can take it on (confirmed), or says what is missing (refused).
 * 
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "receipt".
 */
export interface ReceiptNodeData {
title?: string
role?: PlaybookRole1
window?: PlaybookWindow
}
/**
 * Asks the customer whether they are satisfied, through a status update with a link to answer. satisfied, unsatisfied, or no-answer when `waitFor` passes.
 * 
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "satisfaction".
 */
export interface SatisfactionNodeData {
question: string
waitFor: SlaDuration
}
/**
 * Ranks the agents for the issue (skill fit, success on similar issues, load, availability) and makes the best available one other than the owner the run's expert. none: nobody available.
 * 
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "expertSearch".
 */
export interface ExpertSearchNodeData {
minScore?: number
}
/**
 * Opens the issue's war room: the shared workspace with the people of the given roles pulled in, each told with a link.
 * 
 * This interface was referenced by `PlaybookNodes`'s JSON-Schema
 * via the `definition` "warRoom".
 */
export interface WarRoomNodeData {
/**
 * @minItems 1
 * @maxItems 6
 */
roles: [PlaybookRole, ...(PlaybookRole)[]]
message?: string
}
/**
 * One playbook running on one issue: its workstreams (tokens) and a record per step — started, due, done or missed, by whom, with what evidence, and the time taken against the window (read by analytics).
 */
export interface PlaybookRun {
id: Id
flowId: Id
flowName: string
version: number
issueId: Id
status: ("active" | "completed" | "failed" | "cancelled")
startedBy: Actor
/**
 * The event that started it; absent when started by a person.
 */
trigger?: string
/**
 * Asked when the playbook was started (a consultation's question).
 */
question?: string
participants: PlaybookParticipants
warRoom?: PlaybookWarRoom
/**
 * @maxItems 200
 */
tokens: PlaybookToken[]
/**
 * @maxItems 1000
 */
steps: PlaybookStep[]
error?: string
startedAt: Timestamp
endedAt?: Timestamp
updatedAt: Timestamp
}
export interface PlaybookParticipants {
receiver?: PlaybookPerson
expert?: PlaybookPerson
handoffId?: Id
}
/**
 * This interface was referenced by `PlaybookRun`'s JSON-Schema
 * via the `definition` "person".
 */
export interface PlaybookPerson {
agentId: Id
name: string
}
export interface PlaybookWarRoom {
openedAt: Timestamp
/**
 * @maxItems 100
 */
people: PlaybookAssignee[]
}
/**
 * This interface was referenced by `PlaybookRun`'s JSON-Schema
 * via the `definition` "assignee".
 */
export interface PlaybookAssignee {
kind: ("agent" | "team")
id: Id
name: string
}
/**
 * One workstream: where it stands in the graph. A fork ends its token and starts one per branch; a join waits for its siblings.
 * 
 * This interface was referenced by `PlaybookRun`'s JSON-Schema
 * via the `definition` "token".
 */
export interface PlaybookToken {
id: string
status: ("running" | "waiting" | "joined" | "forked" | "ended" | "failed")
/**
 * The fork branch this workstream follows.
 */
lane?: string
/**
 * Open forks, innermost last.
 * 
 * @maxItems 20
 */
groups: string[]
waiting?: FlowRunWaiting
}
/**
 * A step of the run. Steps people do carry a window (dueAt), who does them and their outcome; automatic steps (executive summary, war room, notify, …) say what they did.
 * 
 * This interface was referenced by `PlaybookRun`'s JSON-Schema
 * via the `definition` "step".
 */
export interface PlaybookStep {
id: string
nodeId: string
type: string
title: string
automatic: boolean
lane?: string
role?: PlaybookRole
/**
 * @maxItems 50
 */
assignees?: PlaybookAssignee[]
instructions?: string
status: ("open" | "done" | "confirmed" | "refused" | "answered" | "unanswered" | "satisfied" | "unsatisfied" | "no-answer")
startedAt: Timestamp
dueAt?: Timestamp
/**
 * From the step's start to its due time.
 */
windowMs?: number
/**
 * The window passed before the step was done.
 */
missed?: boolean
missedAt?: Timestamp
escalationId?: Id
doneAt?: Timestamp
doneBy?: Actor
/**
 * From start to done.
 */
durationMs?: number
evidenceRule?: ("none" | "optional" | "required")
/**
 * @maxItems 30
 */
items?: PlaybookStepItem[]
/**
 * @maxItems 100
 */
evidence?: PlaybookEvidence[]
consultation?: PlaybookConsultation
receipt?: PlaybookReceipt
satisfaction?: PlaybookSatisfaction
/**
 * What an automatic step produced, in words (the executive summary's lines, who was pulled in).
 * 
 * @maxItems 50
 */
output?: string[]
}
export interface PlaybookStepItem {
id: string
text: string
done: boolean
doneAt?: Timestamp
doneBy?: Actor
}
/**
 * This interface was referenced by `PlaybookRun`'s JSON-Schema
 * via the `definition` "evidence".
 */
export interface PlaybookEvidence {
id: string
at: Timestamp
by: Actor
text: string
url?: string
}
export interface PlaybookConsultation {
question: string
expert?: PlaybookPerson
answer?: string
answeredAt?: Timestamp
answeredBy?: Actor
}
export interface PlaybookReceipt {
handoffId?: Id
reason?: string
}
export interface PlaybookSatisfaction {
question: string
/**
 * The secret in the customer's answer link.
 */
token?: string
link?: string
comment?: string
answeredAt?: Timestamp
}
/**
 * A discovered plugin as the API shows it: its manifest, whether it is enabled and configured, and its health on this instance. Secret values are never shown, only whether each is set.
 */
export interface PluginInfo {
name: string
version?: string
title?: string
description?: string
/**
 * folder: a folder of plugins/; package: an installed baton-plugin-* package.
 */
source: ("folder" | "package")
/**
 * Relative to the project when inside it.
 */
location?: string
enabled: boolean
/**
 * invalid: the manifest or entry is broken (see errors); unconfigured: a required secret or setting is missing; failing: the last calls all failed; degraded: some recent call failed.
 */
status: ("ok" | "degraded" | "failing" | "unconfigured" | "disabled" | "invalid")
capabilities: PluginCapabilityDeclaration[]
settingsSchema?: {
[k: string]: unknown | undefined
}
secrets: PluginSecretState[]
errors: PluginProblem[]
health: PluginHealth
/**
 * The inbound webhook addresses of an ingest plugin, as providers must call them (on the instance's public URL).
 */
hooks?: PluginHookAddress[]
}
/**
 * This interface was referenced by `PluginManifest`'s JSON-Schema
 * via the `definition` "notifierDeclaration".
 */
export interface NotifierDeclaration {
kind: "notifier"
channel: ChannelName1
/**
 * Messages on this channel carry an acknowledge action that reaches Baton.
 */
acknowledge?: boolean
}
/**
 * This interface was referenced by `PluginManifest`'s JSON-Schema
 * via the `definition` "ingestDeclaration".
 */
export interface IngestDeclaration {
kind: "ingest"
/**
 * @minItems 1
 * @maxItems 20
 */
routes: [IngestRouteDeclaration, ...(IngestRouteDeclaration)[]]
}
export interface IngestRouteDeclaration {
method: ("POST" | "PUT")
/**
 * Below `/hooks/<plugin>`, e.g. `/inbound`.
 */
path: string
summary?: string
}
/**
 * This interface was referenced by `PluginManifest`'s JSON-Schema
 * via the `definition` "nodeKindDeclaration".
 */
export interface NodeKindDeclaration {
kind: "node-kind"
/**
 * @minItems 1
 * @maxItems 20
 * 
 * Items: `<plugin>.<kind>`, e.g. slack.war-room.
 */
types: [string, ...(string)[]]
}
/**
 * This interface was referenced by `PluginManifest`'s JSON-Schema
 * via the `definition` "intelligenceDeclaration".
 */
export interface IntelligenceDeclaration {
kind: "intelligence"
/**
 * @minItems 1
 */
provides: [("embeddings" | "summaries"), ...(("embeddings" | "summaries"))[]]
}
export interface PluginSecretState {
name: string
description?: string
required: boolean
set: boolean
}
export interface PluginProblem {
/**
 * Where in the manifest or settings.
 */
pointer?: string
message: string
}
/**
 * Counted on this instance since it started.
 * 
 * This interface was referenced by `PluginInfo`'s JSON-Schema
 * via the `definition` "health".
 */
export interface PluginHealth {
calls: number
/**
 * Calls that threw, timed out or answered garbage.
 */
failures: number
timeouts: number
invalidResults: number
/**
 * Inbound webhooks refused for a bad or missing signature.
 */
rejectedRequests: number
consecutiveFailures: number
lastSuccessAt?: Timestamp
lastError?: PluginLastError
}
export interface PluginLastError {
at: Timestamp
kind: ("threw" | "timeout" | "invalid" | "signature")
operation?: string
message: string
}
export interface PluginHookAddress {
method: ("POST" | "PUT")
url: string
summary?: string
}
/**
 * A plugin's `plugin.json`: who it is, what it extends, the JSON Schema of its settings, the secrets it needs and where it may connect. Read and validated before any of its code runs.
 */
export interface PluginManifest {
$schema?: string
name: PluginName
/**
 * Semantic version.
 */
version: string
title?: string
description?: string
/**
 * The module, relative to the manifest, whose default export is `definePlugin({...})`.
 */
entry: string
/**
 * @minItems 1
 * @maxItems 20
 */
capabilities: [PluginCapabilityDeclaration, ...(PluginCapabilityDeclaration)[]]
settings?: PluginSettingsSchema
/**
 * @maxItems 20
 */
secrets?: PluginSecretSpec[]
egress?: PluginEgress
/**
 * How long one call into the plugin may take (default: BATON_PLUGIN_TIMEOUT_MS).
 */
timeoutMs?: number
}
/**
 * A JSON Schema (2020-12) of an object: the studio renders the settings form from it and the API validates against it.
 * 
 * This interface was referenced by `PluginManifest`'s JSON-Schema
 * via the `definition` "settingsSchema".
 */
export interface PluginSettingsSchema {
type: "object"
properties?: {
[k: string]: unknown | undefined
}
required?: string[]
}
/**
 * This interface was referenced by `PluginManifest`'s JSON-Schema
 * via the `definition` "secretSpec".
 */
export interface PluginSecretSpec {
name: string
description?: string
/**
 * The plugin reports itself unconfigured until this secret is set.
 */
required?: boolean
}
/**
 * Where the plugin's `http` may connect: host patterns, plus the hosts of URL settings. Private, loopback and link-local addresses stay refused unless the instance allows them (BATON_EGRESS_ALLOW_PRIVATE).
 * 
 * This interface was referenced by `PluginManifest`'s JSON-Schema
 * via the `definition` "egress".
 */
export interface PluginEgress {
/**
 * @maxItems 50
 * 
 * Items: `api.example.com`, `*.example.com` (any subdomain), or `*` (any public host).
 */
hosts?: string[]
/**
 * Names of settings holding base URLs: their hosts are allowed too.
 * 
 * @maxItems 20
 */
settings?: string[]
}
/**
 * What plugin calls must return. The host validates every result against these before using it: a plugin that answers garbage is contained and reported in its health, never trusted.
 */
export interface PluginResults {
[k: string]: unknown | undefined
}
export interface DeliveryDelivered {
status: "delivered"
externalId?: string
}
export interface DeliveryRetry {
status: "retry"
reason: string
retryAfterMs?: number
}
export interface DeliveryFailed {
status: "failed"
reason: string
}
export interface VerifyAccepted {
ok: true
}
export interface VerifyRejected {
ok: false
reason: string
}
/**
 * What an ingest route made of a request: the events to apply, and optionally the response the sender expects.
 * 
 * This interface was referenced by `PluginResults`'s JSON-Schema
 * via the `definition` "ingestResult".
 */
export interface IngestResult {
/**
 * @maxItems 100
 */
events: InboundEvent[]
response?: IngestResponse
}
export interface IngestResponse {
status: number
headers?: {
[k: string]: string | undefined
}
/**
 * Sent as JSON, or as text when a string.
 */
body?: (string | {

} | unknown[])
}
/**
 * This interface was referenced by `PluginResults`'s JSON-Schema
 * via the `definition` "nodeResult".
 */
export interface PluginNodeResult {
handle: string
trace?: {
[k: string]: unknown | undefined
}
}
/**
 * This interface was referenced by `PluginResults`'s JSON-Schema
 * via the `definition` "summary".
 */
export interface SummaryResult {
summary: string
}
/**
 * An RFC 9457 problem details body, sent as application/problem+json with every error.
 */
export interface Problem {
/**
 * A URI naming the kind of problem.
 */
type: string
title: string
status: number
detail?: string
instance?: string
/**
 * One entry per offending field, each with a JSON pointer into the request.
 */
errors?: ProblemFieldError[]
}
export interface ProblemFieldError {
/**
 * e.g. /body/subject or /query/limit
 */
pointer: string
detail: string
}
/**
 * One trained version of the learned router (queue, priority and type from the organisation's own resolved issues). The weights are stored apart, in chunks.
 */
export interface RoutingModelInfo {
id: Id
/**
 * Increases by one with every training; predictions name the version that made them.
 */
version: number
createdAt: Timestamp
/**
 * @maxItems 3
 */
labels: RoutingModelLabel[]
/**
 * Training issues per label (issues that carried it).
 */
examples: {
queue?: number
priority?: number
type?: number
}
durationMs: number
/**
 * Size of the stored weights.
 */
sizeBytes: number
/**
 * history: resolved issues in the store.
 */
source: ("history" | "file")
}
export interface RoutingModelLabel {
label: RoutingLabel
/**
 * @maxItems 10000
 */
classes: string[]
/**
 * Feature rows of the linear model.
 */
features: number
}
/**
 * How one queue assigns its issues: which agents may take them (teams, skills, availability, capacity per channel), in which order (round-robin or least-loaded, optional skills, affinity to the customer's previous agent), and whether work is offered with an accept timeout or assigned outright.
 */
export interface RoutingPolicy {
id: Id
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "queueName".
 */
queue: string
description?: string
teamIds?: TeamIds1
strategy: RoutingStrategy1
skills: RoutingSkills1
priorityWeights: PriorityWeights1
affinity: RoutingAffinity1
offer: RoutingOfferPolicy1
createdAt: Timestamp
updatedAt: Timestamp
}
/**
 * An issue waiting in a queue for an agent.
 * 
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "queueEntry".
 */
export interface QueueEntry {
issueId: Id
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "queueName".
 */
queue: string
priority: Priority
weight: number
enqueuedAt: Timestamp
state: ("waiting" | "offered")
offers?: number
/**
 * Rounds of offers that went unanswered so far.
 */
rounds?: number
/**
 * Agents who declined or let an offer of this issue expire.
 */
excluded: Id[]
required?: SkillRequirement[]
optional?: SkillRequirement[]
/**
 * Why nobody took it on the last attempt.
 */
reason?: string
}
/**
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "candidate".
 */
export interface RoutingCandidate {
agentId: Id
name: string
eligible: boolean
load?: number
capacity?: number
reasons: string[]
}
/**
 * What routing did with an issue and why: every candidate with the reasons it was or was not chosen.
 * 
 * This interface was referenced by `RoutingPolicy`'s JSON-Schema
 * via the `definition` "decision".
 */
export interface RouteDecision {
issueId: Id
queue: string
outcome: ("assigned" | "offered" | "queued")
agentId?: Id
offerId?: Id
reason?: string
candidates: RoutingCandidate[]
}
/**
 * Past resolutions and knowledge-base articles like an issue, best first: lexical ranking (BM25) and vector similarity fused by reciprocal rank.
 */
export interface SimilarResults {
items: SimilarItem[]
retrieval: {
lexical: true
/**
 * The embedding model used, or null (lexical only).
 */
embeddings: (string | null)
/**
 * True while the index of past resolved issues is still being built after a start: the list holds only what is indexed so far.
 */
warming?: boolean
}
}
export interface SimilarItem {
kind: ("issue" | "article")
id: Id
title: string
/**
 * Fused reciprocal-rank score (higher is closer).
 */
score: number
/**
 * Cosine similarity of the vectors, when one matched.
 */
similarity?: number
matchedBy: ("bm25" | "lexical-vector" | "embedding")[]
queue?: string
type?: string
tags?: string[]
/**
 * The start of the problem description.
 */
snippet?: string
/**
 * How it was resolved (the agents' replies, or the article's steps).
 */
resolution?: string
/**
 * An article's status.
 */
status?: string
/**
 * How many more of the closest past issues had this same title and resolution: they are folded into this item (the best-ranked of them), so the list holds different resolutions. Absent when none.
 */
repeats?: number
}
/**
 * One metric's clock on one issue: a state machine (start, pause, resume, stop, cancel, reset) measured in business time, with an append-only log of everything that happened to it.
 */
export interface SlaClock {
id: Id
issueId: Id
policyId: Id
metric: SlaMetric
/**
 * What the clock is about when a metric can run more than once per issue (a handoff id).
 */
ref?: string
state: SlaClockState
priority: Priority
target?: SlaDuration
/**
 * The target in business milliseconds; absent: tracked only.
 */
targetMs?: number
businessHours: boolean
calendar: BusinessCalendarSpec1
warnAt: SlaWarnAt
/**
 * Thresholds (percent) already reached in this run of the clock.
 * 
 * @maxItems 10
 */
fired: number[]
/**
 * Business milliseconds elapsed before `runningSince` (the whole elapsed time when not running).
 */
elapsedMs: number
runningSince?: Timestamp
dueAt?: Timestamp4
breachedAt?: Timestamp
/**
 * A stopped clock: whether it stopped within its target.
 */
met?: boolean
/**
 * Bumped by every transition: a timer scheduled for an older generation does nothing.
 */
gen: number
startedAt: Timestamp
stoppedAt?: Timestamp
/**
 * @maxItems 10000
 */
log: SlaClockEvent[]
createdAt: Timestamp
updatedAt: Timestamp
}
/**
 * The promises made to customers: a target per metric and priority, measured in business time on a calendar, with pause statuses and warning thresholds.
 */
export interface SlaPolicy {
id: Id
name: Name
description?: string
/**
 * The policy for issues that no other policy's `match` selects. At most one policy is the default.
 */
isDefault: boolean
/**
 * Policies are tried in ascending order; the first whose `match` holds applies.
 */
order: number
match?: SlaPolicyMatch
metrics: SlaMetrics
calendar: SlaCalendarPolicy
pauseOn: PauseOn1
warnAt: SlaWarnAt
createdAt: Timestamp
updatedAt: Timestamp
}
/**
 * The `data` of the routing, SLA, handoff and escalation node kinds.
 */
export interface SupportNodeData {
[k: string]: unknown | undefined
}
/**
 * Routes the issue through a queue's policy: assigns it, offers it, or leaves it waiting in the queue (which re-drains when capacity frees).
 * 
 * This interface was referenced by `SupportNodeData`'s JSON-Schema
 * via the `definition` "route".
 */
export interface RouteNodeData {
/**
 * Put the issue in this queue first; default: the queue it is in.
 */
queue?: string
/**
 * @maxItems 20
 */
required?: SkillRequirement[]
/**
 * @maxItems 20
 */
optional?: SkillRequirement[]
}
/**
 * apply: start the clocks of a policy (default: the one that matches the issue); start, pause, resume, stop, cancel, reset: drive one metric's clock; check: branch on a metric's state.
 * 
 * This interface was referenced by `SupportNodeData`'s JSON-Schema
 * via the `definition` "sla".
 */
export interface SlaNodeData {
action: ("apply" | "start" | "pause" | "resume" | "stop" | "cancel" | "reset" | "check")
policyId?: Id
metric?: SlaMetric
}
/**
 * Offers the issue to an agent, a team or the best agent of a queue with a brief, and waits for the offer to be accepted, declined or to expire.
 * 
 * This interface was referenced by `SupportNodeData`'s JSON-Schema
 * via the `definition` "handoff".
 */
export interface HandoffNodeData {
to: HandoffParty1
/**
 * Why the issue is handed off. Give this, `templateName`, or both.
 */
reason?: string
templateName?: MessageTemplateName2
expiresIn?: SlaDuration5
}
/**
 * Runs an escalation path and waits until someone acknowledges it or its steps run out.
 * 
 * This interface was referenced by `SupportNodeData`'s JSON-Schema
 * via the `definition` "escalate".
 */
export interface EscalateNodeData {
name?: string
steps: EscalationSteps
}
/**
 * A group of agents that owns a set of queues and hands issues to and from other teams.
 */
export interface Team {
id: Id
name: Name
description?: string
queues: Queues1
timeZone?: TimeZone
escalationTeamId?: Id7
leadAgentId?: Id8
notifications?: TeamNotifications
createdAt: Timestamp
updatedAt: Timestamp
}
export interface TimelineEventMeta {
id: Id
issueId: Id
customerId: Id
at: Timestamp5
author: Actor
occurredAt?: Timestamp6
receivedBy?: Actor4
}
/**
 * Who did something: a customer, an agent, a signed-in user, the system or an integration.
 */
export interface Actor4 {
kind: ("customer" | "agent" | "user" | "system" | "integration")
id?: Id
name?: string
}
/**
 * Someone who signs in to Baton. Password hashes never leave the server.
 */
export interface User {
id: Id
email: Email
name: Name
roles: Roles1
agentId?: Id9
disabled: boolean
createdAt: Timestamp
updatedAt: Timestamp
lastLoginAt?: Timestamp
}
/**
 * The shared workspace of one issue as read through the API. Live, it is the Yjs document `issue:<id>` on the collaboration hub (`/collab/issue:<id>`): `notes` is a Y.Text; `comments`, `annotations`, `decisions` and `files` are Y.Maps from an entry's id to a plain JSON entry of the shape below (the id inside an entry equals its key). Entries are written whole; an edit replaces the entry.
 */
export interface IssueWorkspace {
issueId: Id
/**
 * The shared notes as plain text.
 */
notes: string
/**
 * Oldest first.
 */
comments: WorkspaceComment[]
/**
 * Oldest first.
 */
annotations: WorkspaceAnnotation[]
/**
 * The decision log, oldest first.
 */
decisions: WorkspaceDecision[]
/**
 * Oldest first.
 */
files: FileRef[]
}
/**
 * A threaded comment. A thread is opened by a comment whose threadId is its own id; replies carry the thread's id and the id of the comment they answer.
 * 
 * This interface was referenced by `IssueWorkspace`'s JSON-Schema
 * via the `definition` "comment".
 */
export interface WorkspaceComment {
id: WorkspaceEntryId
threadId: WorkspaceEntryId
parentId?: WorkspaceEntryId
text: string
author?: WorkspaceAuthor
createdAt: Timestamp
editedAt?: Timestamp
/**
 * On a thread's opening comment: the thread is resolved.
 */
resolved?: boolean
}
/**
 * Who wrote an entry, as the client displays it. The server attributes mirrored timeline events to the signed-in principal of the connection that wrote them, not to this claim.
 * 
 * This interface was referenced by `IssueWorkspace`'s JSON-Schema
 * via the `definition` "author".
 */
export interface WorkspaceAuthor {
id?: string
name?: string
}
/**
 * A note pinned to one timeline item of the issue.
 * 
 * This interface was referenced by `IssueWorkspace`'s JSON-Schema
 * via the `definition` "annotation".
 */
export interface WorkspaceAnnotation {
id: WorkspaceEntryId
eventId: Id10
text: string
author?: WorkspaceAuthor
createdAt: Timestamp
}
/**
 * An entry of the decision log: what was decided (text), why, who decided and when.
 * 
 * This interface was referenced by `IssueWorkspace`'s JSON-Schema
 * via the `definition` "decision".
 */
export interface WorkspaceDecision {
id: WorkspaceEntryId
/**
 * What was decided.
 */
text: string
why?: string
/**
 * Who decided (a person or a group).
 */
who?: string
decidedAt: Timestamp
author?: WorkspaceAuthor
}
/**
 * A file uploaded through `POST /api/issues/{id}/files`, stored once by its SHA-256 and downloaded from `GET /api/files/{sha256}`. Keyed by sha256 in the workspace's `files` map.
 * 
 * This interface was referenced by `IssueWorkspace`'s JSON-Schema
 * via the `definition` "fileRef".
 */
export interface FileRef {
sha256: Sha256
name: string
size: number
contentType: string
uploadedAt: Timestamp
uploadedBy?: Actor
}
