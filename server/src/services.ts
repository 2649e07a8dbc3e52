/**
 * The domain services of one Baton instance, wired together. State lives here, per instance —
 * never in module-level globals — so tests can run several servers in one process.
 */
import { AnalyticsService } from './analytics/service.ts';
import { AuthService } from './auth/service.ts';
import { CollabHub, type CollabOptionsInput } from './collab/index.ts';
import { FlowEngine } from './engine/engine.ts';
import { RunStore } from './engine/runs.ts';
import { FlowRuntime } from './engine/runtime.ts';
import { EscalationService } from './escalation/service.ts';
import { type BusLogger, EventBus } from './events/bus.ts';
import { FlowLab } from './flows/lab.ts';
import { FlowService } from './flows/service.ts';
import { HandoffService } from './handoffs/service.ts';
import { buildBrief } from './intelligence/brief/brief.ts';
import { registerIntelligence } from './intelligence/nodes.ts';
import type { EmbeddingProvider } from './intelligence/providers/provider.ts';
import { IntelligenceService } from './intelligence/service.ts';
import { CustomerService } from './issues/customers.ts';
import { IssueService } from './issues/issues.ts';
import { TimelineService } from './issues/timeline.ts';
import { createNotifications, type Notifications, type NotificationsOptions } from './notify/wiring.ts';
import { DirectoryService } from './routing/directory.ts';
import { registerSupport } from './routing/engine.ts';
import { RoutingService } from './routing/service.ts';
import { type Clock, ManualClock } from './shared/clock.ts';
import { SlaService } from './sla/service.ts';
import type { Store } from './store/port.ts';
import { TimerService } from './timers/service.ts';

export interface Services {
  store: Store;
  clock: Clock;
  bus: EventBus;
  auth: AuthService;
  customers: CustomerService;
  timeline: TimelineService;
  issues: IssueService;
  directory: DirectoryService;
  timers: TimerService;
  engine: FlowEngine;
  runs: RunStore;
  flows: FlowService;
  lab: FlowLab;
  runtime: FlowRuntime;
  collab: CollabHub;
  sla: SlaService;
  routing: RoutingService;
  handoffs: HandoffService;
  escalations: EscalationService;
  intelligence: IntelligenceService;
  /** Plugins (host), inbound webhooks and notifications (outbox, delivery, policies). */
  notifications: Notifications;
  analytics: AnalyticsService;
}

export async function createServices(options: {
  store: Store;
  clock: Clock;
  log: BusLogger;
  sessionTtlMs?: number;
  /** Poll for due timers. Default: yes, unless the clock is a ManualClock (only a test moves it). */
  pollTimers?: boolean;
  /** Collaboration hub tunables (defaults: `COLLAB_DEFAULTS`). */
  collab?: CollabOptionsInput;
  /** Embeddings for retrieval (transformers.js); none: lexical only. */
  embedder?: EmbeddingProvider;
  /** Plugin host and delivery worker settings (defaults: the project's plugins, worker off with a ManualClock). */
  notifications?: NotificationsOptions;
}): Promise<Services> {
  const { store, clock } = options;
  const bus = new EventBus(options.log);
  const auth = new AuthService(
    store,
    clock,
    options.sessionTtlMs ? { sessionTtlMs: options.sessionTtlMs } : {},
  );
  const customers = new CustomerService(store, clock);
  const timeline = new TimelineService(store);
  const directory = new DirectoryService(store, clock, bus);
  const issues = new IssueService(store, { clock, bus, customers, timeline, directory });
  const timers = new TimerService(store, clock, {
    log: options.log,
    poll: options.pollTimers ?? !(clock instanceof ManualClock),
  });
  const engine = new FlowEngine(clock);
  const notifications = await createNotifications({
    ...{ store, clock, bus, engine, issues, customers, directory, auth, log: options.log },
    ...(options.notifications ? { options: options.notifications } : {}),
  });
  const intelligence = new IntelligenceService(store, {
    clock,
    bus,
    issues,
    timeline,
    log: options.log,
    embedder: options.embedder,
  });
  registerIntelligence(engine, intelligence);
  const runs = new RunStore(store, clock);
  const flows = new FlowService(store, { clock, engine, runs });
  const runtime = new FlowRuntime({
    ...{ engine, runs, flows, timers, bus, issues, customers, timeline, clock },
    log: options.log,
  });
  const lab = new FlowLab({ clock, engine, flows, issues, facts: runtime.factSource });
  const collab = new CollabHub({ store, clock, auth, issues, timeline, log: options.log }, options.collab);
  // The live `flow:<id>` documents are the drafts: opened from the stored draft, handed back to it.
  collab.useFlowDraftSource(flows);
  flows.useLiveDrafts(collab);
  // Each module declares the indexes it owns.
  for (const module of [auth, customers, timeline, directory, issues, collab]) await module.init();
  for (const module of [timers, runs, flows, intelligence]) await module.init();
  const sla = new SlaService(store, { clock, bus, timers, issues, customers, directory });
  const routing = new RoutingService(store, { clock, bus, timers, issues, timeline, directory });
  const handoffs = new HandoffService(store, {
    clock,
    bus,
    timers,
    issues,
    timeline,
    directory,
    routing,
    // Each handoff also carries intelligence's structured brief (every item quotes a timeline event).
    intelligenceBrief: (issue, events) => buildBrief(issue, events),
  });
  const escalations = new EscalationService(store, { clock, bus, timers, issues, timeline, directory });
  notifications.linkEscalations(escalations);
  notifications.linkHandoffs(handoffs);
  for (const module of [sla, routing, handoffs, escalations]) await module.init();
  registerSupport(engine, { sla, routing, handoffs, escalations, issues, directory });
  sla.follow();
  routing.follow();
  handoffs.follow();
  escalations.follow();
  const analytics = new AnalyticsService(store, {
    clock,
    bus,
    issues,
    timeline,
    handoffs,
    sla,
    runs,
    flows,
    directory,
    log: options.log,
  });
  await analytics.init();
  analytics.follow();
  intelligence.start();
  runtime.start();
  await runtime.recover();
  return {
    store,
    clock,
    bus,
    auth,
    customers,
    timeline,
    issues,
    directory,
    timers,
    engine,
    runs,
    flows,
    lab,
    runtime,
    collab,
    sla,
    routing,
    handoffs,
    escalations,
    intelligence,
    notifications,
    analytics,
  };
}
