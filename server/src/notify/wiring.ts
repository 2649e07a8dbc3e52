/**
 * How plugins and notifications join the rest of an instance, in one place so that services.ts
 * needs one call: the plugin host (loaded), the inbound applier, the notify service; plugin events
 * routed (in-app pushes to the live hub, inbound events to the applier); acknowledgements from
 * plugins; the `notify` node kind and plugins' node kinds in the flow engine; escalation notices
 * from the escalation module delivered through the outbox; and outbound email Message-IDs
 * remembered so that a customer's reply threads into its issue.
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '@baton/schemas';
import type { AuthService } from '../auth/service.ts';
import type { FlowEngine } from '../engine/engine.ts';
import type { BusLogger, EventBus } from '../events/bus.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { IssueService } from '../issues/issues.ts';
import { PluginHost, type PluginHostOptions } from '../plugins/host.ts';
import { InboundApplier } from '../plugins/ingest.ts';
import { pluginNodeKinds } from '../plugins/node-kinds.ts';
import { SecretBox } from '../plugins/secret-box.ts';
import type { DirectoryService } from '../routing/directory.ts';
import { type Clock, ManualClock } from '../shared/clock.ts';
import type { Store } from '../store/port.ts';
import { notifyKind } from './node-kind.ts';
import { NotifyService } from './service.ts';
import type { TemplateSandboxOptions } from './template-sandbox.ts';
import type { WorkerOptions } from './worker.ts';

export interface NotificationsOptions {
  /** Plugin host settings. Default: the project's plugins, and — for tests and tools — a random key. */
  plugins?: Partial<PluginHostOptions>;
  worker?: WorkerOptions;
  /** Run the delivery worker while the server runs. Default: yes, unless the clock is a ManualClock. */
  startWorker?: boolean;
  /** Template rendering limits (defaults: `TEMPLATE_SANDBOX_DEFAULTS`). */
  templates?: Partial<TemplateSandboxOptions>;
}

export interface Notifications {
  plugins: PluginHost;
  inbound: InboundApplier;
  notify: NotifyService;
  /**
   * Acknowledging a notification that an escalation step sent acknowledges the escalation too (its
   * path stops). Called once the escalation module exists.
   */
  linkEscalations(escalations: { acknowledge(id: string, actor: Actor): Promise<unknown> }): void;
  /** Templates of notifications about a handoff (a `handoffId` variable) get `handoff` and `brief`. */
  linkHandoffs(handoffs: { get(id: string): Promise<{ brief: unknown }> }): void;
  /** Starts the delivery worker (when enabled). */
  start(): void;
  stop(): Promise<void>;
}

/** Channels whose providers' message ids come back as In-Reply-To on a customer's reply. */
const EMAIL_CHANNELS = new Set(['email', 'customer-status']);

export async function createNotifications(deps: {
  store: Store;
  clock: Clock;
  bus: EventBus;
  engine: FlowEngine;
  issues: IssueService;
  customers: CustomerService;
  directory: DirectoryService;
  auth: AuthService;
  log: BusLogger;
  options?: NotificationsOptions;
}): Promise<Notifications> {
  const { store, clock, bus, engine, options = {} } = deps;
  const log = deps.log as BusLogger &
    Partial<Record<'warn' | 'info' | 'debug', (obj: object, msg: string) => void>>;
  const plugins = new PluginHost(store, clock, {
    secretBox: new SecretBox(randomBytes(32)),
    log,
    ...options.plugins,
  });
  const inbound = new InboundApplier(store, { issues: deps.issues, customers: deps.customers, clock });
  const notify = new NotifyService(
    store,
    {
      clock,
      plugins,
      issues: deps.issues,
      customers: deps.customers,
      directory: deps.directory,
      auth: deps.auth,
    },
    { worker: { log, ...options.worker }, ...(options.templates ? { templates: options.templates } : {}) },
  );
  plugins.onEvent(async (plugin, event) => {
    if (event.type === 'in_app') notify.inApp.push(event);
    else await inbound.apply(plugin, [event]);
  });
  inbound.setAckReceiver(notify);
  await plugins.init();
  await inbound.init();
  await notify.init();

  engine.kinds.register(notifyKind(notify));
  for (const kind of pluginNodeKinds(plugins)) {
    try {
      engine.kinds.register(kind);
    } catch (err) {
      log.error(
        { err, type: kind.type },
        `plugin node kind ${kind.type} was not registered: ${(err as Error).message}`,
      );
    }
  }

  notify.worker.setHooks({
    dead: notify.escalationHooks.dead,
    async delivered(doc, at) {
      await notify.escalationHooks.delivered(doc, at);
      if (doc.issueId && EMAIL_CHANNELS.has(doc.channel)) {
        const sent = await notify.outbox.collection.findOne({ _id: doc._id });
        const id = sent?.externalId?.replace(/^<|>$/g, '');
        if (id) await inbound.rememberOutbound(`email:${id}`, doc.issueId, sent?.plugin ?? doc.channel);
      }
    },
  });

  bus.on('escalation.notify', async (e) => {
    // A repeated step notifies again: the notice id (when the escalation module gives one) keeps them apart.
    const notice = (e as { noticeId?: unknown }).noticeId;
    const noticeKey = typeof notice === 'string' ? notice : String(e.step);
    for (const recipient of e.recipients) {
      try {
        await notify.send({
          to:
            recipient.kind === 'user'
              ? { kind: 'user', id: recipient.id }
              : { kind: 'agent', id: recipient.id },
          issueId: e.issueId,
          urgency: e.urgency,
          // The notice is text, not a template: it goes in as a variable.
          template: { subject: 'Escalation: {{ issue.subject }}', text: '{{ notice }}' },
          vars: { notice: e.message, escalation: { id: e.escalationId, step: e.step } },
          idempotencyKey: `escalation:${e.escalationId}:${noticeKey}:${recipient.kind}:${recipient.id}`,
          source: { kind: 'system' },
        });
      } catch (err) {
        log.error(
          { err, escalationId: e.escalationId, recipient },
          'an escalation notice could not be queued',
        );
      }
    }
  });

  const startWorker = options.startWorker ?? !(clock instanceof ManualClock);
  return {
    plugins,
    inbound,
    notify,
    linkEscalations(escalations) {
      notify.onAcknowledged(async (doc, by) => {
        const escalationId = /^escalation:([^:]+):/.exec(doc.idempotencyKey)?.[1];
        if (!escalationId) return;
        const [kind, id] = by.split(':', 2);
        const actor: Actor =
          kind === 'user' && id ? { kind: 'user', id } : { kind: 'integration', name: by.slice(0, 200) };
        try {
          await escalations.acknowledge(escalationId, actor);
        } catch (err) {
          // Already ended (acknowledged elsewhere, exhausted, cancelled): nothing left to stop.
          if ((err as { kind?: string }).kind !== 'conflict') throw err;
        }
      });
    },
    linkHandoffs(handoffs) {
      notify.addVariables(async ({ vars }) => {
        if (typeof vars.handoffId !== 'string') return {};
        const handoff = await handoffs.get(vars.handoffId);
        return { handoff, brief: handoff.brief };
      });
    },
    start() {
      if (startWorker) notify.worker.start();
    },
    async stop() {
      await notify.worker.stop();
      await notify.templates.close();
      plugins.close();
    },
  };
}
