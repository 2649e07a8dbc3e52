/**
 * Notifications, end to end: `send` turns "tell this person (or this customer, or this address)
 * about this" into outbox entries — one per channel the recipient's policy picks for the urgency,
 * each rendered for its channel, held until quiet hours end unless the urgency breaks through,
 * carrying an ack-or-escalate rule when asked — and wakes the delivery worker. Acknowledgements
 * (API, Slack's button) stop escalations; a delivered but unacknowledged notification escalates to
 * the next channel after its timeout, a dead one at once.
 *
 * Escalation timeouts are outbox entries themselves (queued with a due time, claimed with the same
 * lease as every delivery), so they survive restarts and fire once across instances.
 */
import type {
  Agent,
  Customer,
  Issue,
  Notification,
  NotificationEscalation,
  NotificationMessage,
  NotificationPolicy,
  NotificationRecipient,
  NotificationSource,
  NotificationTemplate,
  NotificationUrgency,
  NotifyTarget,
  Priority,
  QuietHours,
} from '@baton/schemas';
import type { Principal } from '../auth/principal.ts';
import type { AuthService } from '../auth/service.ts';
import type { DirectoryService } from '../directory/service.ts';
import { invalidInput, ProblemError, unprocessable } from '../http/problem.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { IssueService } from '../issues/issues.ts';
import type { PluginHost } from '../plugins/host.ts';
import type { Clock } from '../shared/clock.ts';
import { newId } from '../shared/ids.ts';
import type { Store } from '../store/port.ts';
import { InAppHub } from './in-app.ts';
import { Outbox, type StoredNotification, toNotification } from './outbox.ts';
import { PolicyService } from './policies.ts';
import { quietUntil } from './quiet-hours.ts';
import { StatusPages } from './status-pages.ts';
import { TemplateError, TemplateRenderer } from './templates.ts';
import { type DeliveryHooks, DeliveryWorker, type WorkerOptions } from './worker.ts';

export interface SendRequest {
  to: NotifyTarget;
  issueId?: string;
  /** Default: from the issue's priority, else normal. */
  urgency?: NotificationUrgency;
  template: NotificationTemplate;
  /** More template variables: brief, sla, handoff, … (the core ones — issue, customer, assignee, links — win). */
  vars?: Record<string, unknown>;
  /** The same key again returns what it queued the first time. Default: a new key. */
  idempotencyKey?: string;
  ack?: boolean;
  escalate?: NotificationEscalation;
  source: NotificationSource;
  /** Resolve and render, store nothing (flow simulation). */
  dryRun?: boolean;
}

export interface SendResult {
  notifications: Notification[];
  /** Channels the policy picked that could not be used, and why. */
  skipped: { channel: string; reason: string }[];
}

interface Delivery {
  channel: string;
  address: string;
  recipient: NotificationRecipient;
  timeZone?: string;
  quietHours?: QuietHours;
}

interface Resolved {
  deliveries: Delivery[];
  skipped: SendResult['skipped'];
  policy?: NotificationPolicy;
  /** The agent behind the recipient, for templates. */
  agent?: Agent;
}

/**
 * Template variables another module contributes from what a notification is about: given the issue
 * and the variables so far (the triggering event's payload among them), returns more — e.g. the
 * handoff and its brief for a `handoffId`. Core variables are never replaced.
 */
export type VariableProvider = (context: {
  issue: Issue | undefined;
  vars: Readonly<Record<string, unknown>>;
}) => Promise<Record<string, unknown>> | Record<string, unknown>;

/** An SLA trigger's payload (metric, dueAt, remainingMs, percent) as `sla`. */
function slaVariables({ vars }: { vars: Readonly<Record<string, unknown>> }): Record<string, unknown> {
  if (typeof vars.metric !== 'string' || typeof vars.clockId !== 'string') return {};
  const { metric, clockId, dueAt, remainingMs, percent } = vars;
  return { sla: { metric, clockId, dueAt, remainingMs, percent } };
}

export const PRIORITY_URGENCY: Record<Priority, NotificationUrgency> = {
  low: 'low',
  medium: 'normal',
  high: 'high',
  critical: 'critical',
};

export interface NotifyDeps {
  clock: Clock;
  plugins: PluginHost;
  issues: IssueService;
  customers: CustomerService;
  directory: DirectoryService;
  auth: AuthService;
}

export class NotifyService {
  readonly outbox: Outbox;
  readonly worker: DeliveryWorker;
  readonly policies: PolicyService;
  readonly inApp = new InAppHub();
  readonly statusPages: StatusPages;
  readonly templates = new TemplateRenderer();
  readonly #ackListeners: ((doc: StoredNotification, by: string) => Promise<void>)[] = [];
  readonly #variables: VariableProvider[] = [slaVariables];
  readonly #log: WorkerOptions['log'];
  /** Ack-or-escalate: delivered arms the timeout, dead escalates at once. */
  readonly escalationHooks: Required<DeliveryHooks> = {
    delivered: (doc, at) =>
      this.#armEscalation(doc, new Date(at.getTime() + (doc.escalation?.afterMinutes ?? 0) * 60_000)),
    dead: (doc, at) => this.#armEscalation(doc, at),
  };

  constructor(
    store: Store,
    private readonly deps: NotifyDeps,
    options: { worker?: WorkerOptions } = {},
  ) {
    this.outbox = new Outbox(store, deps.clock);
    this.policies = new PolicyService(store, deps.clock);
    this.statusPages = new StatusPages(store, { issues: deps.issues, clock: deps.clock });
    this.worker = new DeliveryWorker(this.outbox, deps.plugins, deps.clock, options.worker);
    this.#log = options.worker?.log;
    this.worker.setHooks(this.escalationHooks);
  }

  async init(): Promise<void> {
    await this.outbox.init();
    await this.statusPages.init();
  }

  /** Queues the notifications for one request (see the module comment). */
  async send(request: SendRequest): Promise<SendResult> {
    const now = this.deps.clock.now();
    const issue = request.issueId ? await this.#issue(request.issueId) : undefined;
    const urgency = request.urgency ?? (issue ? PRIORITY_URGENCY[issue.priority] : 'normal');
    const resolved = await this.#resolve(request.to, issue, urgency);
    const baseKey = request.idempotencyKey ?? newId('ntf');
    const customer = issue ? await this.deps.customers.find(issue.customerId) : null;
    const assignee = issue?.assignee?.agentId ? await this.#agentOrNull(issue.assignee.agentId) : null;

    const links: NotificationMessage['links'] = {};
    if (issue) links.issue = `${this.deps.plugins.publicUrl}/issues/${issue.id}`;
    const toCustomer = request.to.kind === 'customer';
    if (toCustomer && issue && !request.dryRun) {
      links.statusPage = `${this.deps.plugins.publicUrl}/status/${await this.statusPages.ensure(issue.id)}`;
    }
    const vars: Record<string, unknown> = {
      ...(request.vars ?? {}),
      issue: issue ?? null,
      customer: customer ? publicCustomer(customer) : null,
      assignee: assignee ? publicAgent(assignee) : null,
      recipient: {
        kind: request.to.kind,
        name: resolved.deliveries[0]?.recipient.name ?? null,
        timeZone: resolved.deliveries[0]?.timeZone ?? 'UTC',
      },
      urgency,
      links,
      now: now.toISOString(),
    };

    // Other modules' context (a handoff's brief, an SLA clock): added, never replacing the core ones.
    for (const provide of this.#variables) {
      try {
        for (const [key, value] of Object.entries(await provide({ issue, vars })))
          if (!(key in vars)) vars[key] = value;
      } catch (err) {
        this.#log?.warn?.(
          { err: (err as Error).message },
          'a notification variable provider failed; rendering without it',
        );
      }
    }

    const escalation = this.#escalation(request, resolved, urgency);
    if (escalation.skipped) resolved.skipped.push(escalation.skipped);
    const group = baseKey;
    const out: Notification[] = [];
    for (const [i, delivery] of resolved.deliveries.entries()) {
      let rendered: Awaited<ReturnType<TemplateRenderer['render']>>;
      try {
        rendered = await this.templates.render(request.template, delivery.channel, vars);
      } catch (err) {
        if (err instanceof TemplateError) throw invalidInput(`/template/${err.field}`, err.message);
        throw err;
      }
      let dueAt = now;
      let deferral: Notification['deferral'];
      const breakThrough = new Set(delivery.quietHours?.breakThrough ?? ['critical']);
      if (delivery.quietHours && delivery.channel !== 'in-app' && !breakThrough.has(urgency)) {
        const until = quietUntil(now, delivery.timeZone ?? 'UTC', delivery.quietHours);
        if (until) {
          dueAt = until;
          deferral = { reason: 'quiet_hours', until: until.toISOString() };
        }
      }
      const withEscalation = i === 0 && escalation.value;
      const ackRequired = Boolean(request.ack || withEscalation);
      const notification: Notification = {
        id: newId('ntf'),
        idempotencyKey: `${baseKey}:${delivery.channel}`,
        channel: delivery.channel,
        status: 'queued',
        urgency,
        recipient: delivery.recipient,
        address: delivery.address,
        ...(issue ? { issueId: issue.id } : {}),
        message: {
          ...rendered,
          data: { ...(issue ? { issue: issueSummary(issue) } : {}), urgency },
          links,
        },
        dueAt: dueAt.toISOString(),
        ...(deferral ? { deferral } : {}),
        attemptCount: 0,
        attempts: [],
        redeliveries: 0,
        ...(ackRequired ? { ack: { required: true } } : {}),
        ...(withEscalation ? { escalation: escalation.value } : {}),
        source: request.source,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      };
      if (request.dryRun) {
        out.push(notification);
        continue;
      }
      const { notification: stored, created } = await this.outbox.insert(notification, group);
      if (created && toCustomer && issue)
        await this.statusPages.addUpdate(issue.id, rendered.text, now.toISOString());
      out.push(stored);
    }
    if (!request.dryRun && out.length) this.worker.wake();
    return { notifications: out, skipped: resolved.skipped };
  }

  /** Acknowledges a notification (and its siblings of the same request); pending escalations stop. */
  async ack(id: string, by: string): Promise<Notification> {
    const doc = await this.outbox.getStored(id);
    const at = this.deps.clock.now().toISOString();
    const fresh = await this.outbox.acknowledge(doc.group, by, at);
    await this.outbox.cancelEscalations(doc.group, `acknowledged by ${by}`);
    if (fresh) {
      for (const listener of this.#ackListeners) {
        try {
          await listener(doc, by);
        } catch (err) {
          this.#log?.error({ err, notificationId: id }, 'an acknowledgement listener failed');
        }
      }
    }
    return this.outbox.get(id);
  }

  /** Adds template variables from another module (see `VariableProvider`). */
  addVariables(provider: VariableProvider): void {
    this.#variables.push(provider);
  }

  /** Called once per newly acknowledged request (e.g. to stop the escalation path it came from). */
  onAcknowledged(listener: (doc: StoredNotification, by: string) => Promise<void>): void {
    this.#ackListeners.push(listener);
  }

  /** An acknowledgement a notifier plugin received (e.g. Slack's button): only for what it delivered. */
  async ackFromPlugin(notificationId: string, plugin: string, by: string | undefined): Promise<void> {
    const doc = await this.outbox.collection.findOne({ _id: notificationId });
    if (!doc) throw unprocessable('/notificationId', `no notification ${notificationId} exists`);
    if (doc.plugin !== plugin) {
      throw new ProblemError(
        'forbidden',
        `plugin ${plugin} did not deliver notification ${notificationId}, so it cannot acknowledge it`,
      );
    }
    await this.ack(notificationId, `${plugin}:${by ?? 'someone'}`);
  }

  /** Whether a principal may acknowledge: the recipient themselves, or anyone who works issues. */
  mayAck(notification: Notification, principal: Principal): boolean {
    if (principal.roles.some((r) => r === 'admin' || r === 'agent' || r === 'integrator')) return true;
    const r = notification.recipient;
    return (r.kind === 'user' && r.id === principal.id) || (r.kind === 'agent' && r.id === principal.agentId);
  }

  // ---- internals ---------------------------------------------------------------------------------

  async #issue(id: string): Promise<Issue> {
    try {
      return await this.deps.issues.get(id);
    } catch (err) {
      if (err instanceof ProblemError && err.kind === 'not-found')
        throw invalidInput('/issueId', `no issue ${id} exists`);
      throw err;
    }
  }

  async #agentOrNull(id: string): Promise<Agent | null> {
    try {
      return await this.deps.directory.getAgent(id);
    } catch {
      return null;
    }
  }

  async #resolve(
    to: NotifyTarget,
    issue: Issue | undefined,
    urgency: NotificationUrgency,
  ): Promise<Resolved> {
    switch (to.kind) {
      case 'address':
        return {
          deliveries: [
            {
              channel: to.channel,
              address: to.address,
              recipient: { kind: 'address', ...(to.name ? { name: to.name } : {}) },
            },
          ],
          skipped: [],
        };
      case 'customer': {
        if (!issue) throw invalidInput('/issueId', 'a customer status update needs the issue');
        const customer = await this.deps.customers.get(issue.customerId);
        if (!customer.email)
          throw invalidInput('/to', `customer ${customer.id} has no email address for status updates`);
        return {
          deliveries: [
            {
              channel: 'customer-status',
              address: customer.email,
              recipient: { kind: 'customer', id: customer.id, name: customer.name },
              ...(customer.timeZone ? { timeZone: customer.timeZone } : {}),
            },
          ],
          skipped: [],
        };
      }
      case 'user':
        return this.#forUser(to.id, urgency, '/to/id');
      case 'agent':
        return this.#forAgent(to.id, urgency, '/to/id');
      case 'assignee': {
        if (!issue) throw invalidInput('/issueId', 'notifying the assignee needs the issue');
        const agentId = issue.assignee?.agentId;
        if (!agentId) throw invalidInput('/to', `issue ${issue.id} has no assigned agent`);
        return this.#forAgent(agentId, urgency, '/to');
      }
    }
  }

  async #forAgent(agentId: string, urgency: NotificationUrgency, pointer: string): Promise<Resolved> {
    const agent = await this.#agentOrNull(agentId);
    if (!agent) throw invalidInput(pointer, `no agent ${agentId} exists`);
    if (agent.userId) {
      const resolved = await this.#forUser(agent.userId, urgency, pointer, agent);
      return { ...resolved, agent };
    }
    // An agent without a sign-in: their email, the default policy, their time zone.
    const base = await this.policies.get(agentId);
    return this.#deliveries(
      { ...base, contacts: { email: agent.email, ...base.contacts } },
      urgency,
      { kind: 'agent', id: agent.id, name: agent.name },
      null,
      agent.timeZone,
      agent,
    );
  }

  async #forUser(
    userId: string,
    urgency: NotificationUrgency,
    pointer: string,
    agent?: Agent,
  ): Promise<Resolved> {
    let user: Awaited<ReturnType<AuthService['getUser']>>;
    try {
      user = await this.deps.auth.getUser(userId);
    } catch {
      throw invalidInput(pointer, `no user ${userId} exists`);
    }
    const policy = await this.policies.get(userId);
    const linked = agent ?? (user.agentId ? await this.#agentOrNull(user.agentId) : null) ?? undefined;
    const contacts = { email: user.email, ...policy.contacts };
    const recipient: NotificationRecipient = agent
      ? { kind: 'agent', id: agent.id, name: agent.name }
      : { kind: 'user', id: user.id, name: user.name };
    return this.#deliveries(
      { ...policy, contacts },
      urgency,
      recipient,
      user.id,
      policy.timeZone ?? linked?.timeZone,
      linked,
    );
  }

  #deliveries(
    policy: NotificationPolicy,
    urgency: NotificationUrgency,
    recipient: NotificationRecipient,
    userId: string | null,
    timeZone: string | undefined,
    agent: Agent | undefined,
  ): Resolved {
    const deliveries: Delivery[] = [];
    const skipped: SendResult['skipped'] = [];
    for (const channel of policy.channels[urgency]) {
      const address = channel === 'in-app' ? userId : policy.contacts[channel];
      if (!address) {
        skipped.push({
          channel,
          reason:
            channel === 'in-app'
              ? 'the recipient does not sign in to Baton'
              : `the recipient has no ${channel} address in their policy`,
        });
        continue;
      }
      deliveries.push({
        channel,
        address,
        recipient,
        ...(timeZone ? { timeZone } : {}),
        ...(policy.quietHours ? { quietHours: policy.quietHours } : {}),
      });
    }
    return { deliveries, skipped, policy, ...(agent ? { agent } : {}) };
  }

  #escalation(
    request: SendRequest,
    resolved: Resolved,
    urgency: NotificationUrgency,
  ): { value?: NotificationEscalation; skipped?: { channel: string; reason: string } } {
    const rule =
      request.escalate ??
      (request.ack && (urgency === 'high' || urgency === 'critical')
        ? resolved.policy?.escalation
        : undefined);
    if (!rule || !resolved.deliveries.length) return {};
    const address = rule.address ?? resolved.policy?.contacts[rule.channel];
    if (!address)
      return { skipped: { channel: rule.channel, reason: `no ${rule.channel} address to escalate to` } };
    return { value: { ...rule, address } };
  }

  /** Queues the escalation of an unacknowledged notification, due at `dueAt`. */
  async #armEscalation(parent: StoredNotification, dueAt: Date): Promise<void> {
    const rule = parent.escalation;
    if (!rule?.address || parent.escalationOf) return;
    const acked = await this.outbox.collection.findOne({
      group: parent.group,
      'ack.ackedAt': { $exists: true },
    });
    if (acked) return;
    const now = this.deps.clock.now().toISOString();
    const m = parent.message;
    const notice = `Not acknowledged on ${parent.channel} after ${rule.afterMinutes} min`;
    const { html: _html, ...plain } = m;
    await this.outbox.insert(
      {
        id: newId('ntf'),
        idempotencyKey: `${parent.idempotencyKey}:escalation`,
        channel: rule.channel,
        status: 'queued',
        urgency: parent.urgency,
        recipient: parent.recipient,
        address: rule.address,
        ...(parent.issueId ? { issueId: parent.issueId } : {}),
        message: {
          ...plain,
          subject: `[Escalated] ${m.subject ?? notice}`.slice(0, 500),
          text: `${notice}:\n${m.text}`.slice(0, 40000),
        },
        dueAt: dueAt.toISOString(),
        deferral: { reason: 'escalation_timeout', until: dueAt.toISOString() },
        attemptCount: 0,
        attempts: [],
        redeliveries: 0,
        ack: { required: true },
        escalationOf: parent._id,
        source: { kind: 'escalation' },
        createdAt: now,
        updatedAt: now,
      },
      parent.group,
    );
  }

  /** A stored notification for the API. */
  async get(id: string): Promise<Notification> {
    return toNotification(await this.outbox.getStored(id));
  }
}

function issueSummary(issue: Issue) {
  return { id: issue.id, subject: issue.subject, status: issue.status, priority: issue.priority };
}

/** What templates may say about a customer. */
function publicCustomer(c: Customer) {
  return {
    id: c.id,
    name: c.name,
    ...(c.email ? { email: c.email } : {}),
    ...(c.company ? { company: c.company } : {}),
    ...(c.tier ? { tier: c.tier } : {}),
    ...(c.attributes ? { attributes: c.attributes } : {}),
  };
}

function publicAgent(a: Agent) {
  return { id: a.id, name: a.name, email: a.email, timeZone: a.timeZone };
}
