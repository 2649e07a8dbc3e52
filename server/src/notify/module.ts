/**
 * The notify module: the outbox, delivery worker, policies and templates (NotifyService), its routes
 * and the `notify` node kind. It sends through the plugin host it is given, shows plugins' in-app
 * pushes live, takes acknowledgements plugins receive (Slack's button), turns the escalation
 * module's `escalation.notify` notices into outbox entries, and remembers outbound email Message-IDs
 * so that a customer's reply threads into its issue.
 */
import type { AuthService } from '../auth/service.ts';
import type { DirectoryService } from '../directory/service.ts';
import type { BusLogger, EventBus } from '../events/bus.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { IssueService } from '../issues/issues.ts';
import { type BatonModule, bindRoutes } from '../module.ts';
import type { PluginHostOptions } from '../plugins/host.ts';
import type { Plugins } from '../plugins/module.ts';
import { type Clock, ManualClock } from '../shared/clock.ts';
import type { Store } from '../store/port.ts';
import { notifyKind } from './node-kind.ts';
import { notifyRoutes } from './routes.ts';
import { NotifyService } from './service.ts';
import type { WorkerOptions } from './worker.ts';

export interface NotificationsOptions {
  /** Plugin host settings. Default: the project's plugins, and — for tests and tools — a random key. */
  plugins?: Partial<PluginHostOptions>;
  worker?: WorkerOptions;
  /** Run the delivery worker while the server runs. Default: yes, unless the clock is a ManualClock. */
  startWorker?: boolean;
}

/** Channels whose providers' message ids come back as In-Reply-To on a customer's reply. */
const EMAIL_CHANNELS = new Set(['email', 'customer-status']);

export function createNotify(deps: {
  store: Store;
  clock: Clock;
  bus: EventBus;
  plugins: Plugins;
  issues: IssueService;
  customers: CustomerService;
  directory: DirectoryService;
  auth: AuthService;
  log: BusLogger;
  options?: NotificationsOptions;
}): { module: BatonModule; notify: NotifyService } {
  const { store, clock, bus, options = {} } = deps;
  const { host, inbound } = deps.plugins;
  const log = deps.log;
  const notify = new NotifyService(
    store,
    {
      clock,
      plugins: host,
      issues: deps.issues,
      customers: deps.customers,
      directory: deps.directory,
      auth: deps.auth,
    },
    { worker: { log, ...options.worker } },
  );
  deps.plugins.onInApp((push) => notify.inApp.push(push));
  inbound.setAckReceiver(notify);
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

  const startWorker = options.startWorker ?? !(clock instanceof ManualClock);
  const module: BatonModule = {
    name: 'notify',
    routes: bindRoutes(notifyRoutes, { notify }),
    kinds: [notifyKind(notify)],
    init: () => notify.init(),
    listen: () =>
      bus.on('escalation.notify', async (e) => {
        // A repeated step notifies again: the notice id keeps them apart.
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
              idempotencyKey: `escalation:${e.escalationId}:${e.noticeId}:${recipient.kind}:${recipient.id}`,
              // The path it came from, typed: acknowledging the notice acknowledges the path.
              source: { kind: 'system', escalationId: e.escalationId },
            });
          } catch (err) {
            log.error(
              { err, escalationId: e.escalationId, recipient },
              'an escalation notice could not be queued',
            );
          }
        }
      }),
    start() {
      if (startWorker) notify.worker.start();
    },
    stop: () => notify.worker.stop(),
  };
  return { module, notify };
}
