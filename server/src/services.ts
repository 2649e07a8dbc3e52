/**
 * The domain services of one Baton instance, wired together. State lives here, per instance —
 * never in module-level globals — so tests can run several servers in one process.
 *
 * Each service is built once from the ones it needs (one direction: nothing is patched in later);
 * each module then declares what it adds (`module.ts`), and one {@link ModuleSet} brings them up.
 */
import { createAjv } from '@baton/schemas';
import { analyticsModule } from './analytics/module.ts';
import { AnalyticsService } from './analytics/service.ts';
import { authModule } from './auth/module.ts';
import { AuthService } from './auth/service.ts';
import type { SignInLimits } from './auth/sign-in-guard.ts';
import type { FileLimits } from './collab/files.ts';
import { CollabHub, type CollabOptionsInput } from './collab/index.ts';
import { collabModule } from './collab/module.ts';
import { directoryModule } from './directory/module.ts';
import { DirectoryService } from './directory/service.ts';
import { FlowEngine } from './engine/engine.ts';
import { RunStore } from './engine/runs.ts';
import { FlowRuntime } from './engine/runtime.ts';
import { escalationModule } from './escalation/module.ts';
import { EscalationService } from './escalation/service.ts';
import { type BusLogger, EventBus } from './events/bus.ts';
import { outboxModule } from './events/module.ts';
import { EventOutbox } from './events/outbox.ts';
import { FlowLab } from './flows/lab.ts';
import { flowsModule, runtimeModule } from './flows/module.ts';
import { FlowService } from './flows/service.ts';
import { handoffsModule } from './handoffs/module.ts';
import { HandoffService } from './handoffs/service.ts';
import { intelligenceModule } from './intelligence/module.ts';
import type { EmbeddingProvider } from './intelligence/providers/provider.ts';
import { IntelligenceService } from './intelligence/service.ts';
import { IngestAdmission } from './issues/admission.ts';
import { CustomerService } from './issues/customers.ts';
import { IssueService } from './issues/issues.ts';
import { issuesModule } from './issues/module.ts';
import { TimelineService } from './issues/timeline.ts';
import { type BatonModule, ModuleSet } from './module.ts';
import { createNotify, type NotificationsOptions } from './notify/module.ts';
import type { NotifyService } from './notify/service.ts';
import { createPlaybooks, type Playbooks, playbooksModule } from './playbooks/module.ts';
import type { PluginHost } from './plugins/host.ts';
import type { InboundApplier } from './plugins/ingest.ts';
import { createPlugins } from './plugins/module.ts';
import { routingModule } from './routing/module.ts';
import { RoutingService } from './routing/service.ts';
import { type Clock, ManualClock } from './shared/clock.ts';
import { slaModule } from './sla/module.ts';
import { SlaService } from './sla/service.ts';
import type { Store } from './store/port.ts';
import { TemplateLibrary } from './templates/library.ts';
import { templatesModule } from './templates/module.ts';
import { TemplateRendering } from './templates/rendering.ts';
import { TimerService } from './timers/service.ts';
import { workModule } from './work/module.ts';

export interface Services {
  store: Store;
  clock: Clock;
  bus: EventBus;
  /** Events owed durably after an acknowledgement (replayed on start). */
  outbox: EventOutbox;
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
  /** Playbook runs: steps people do, parallel workstreams, windows (server/src/playbooks). */
  playbooks: Playbooks;
  /** The Handoff Template Library and its previews. */
  templates: TemplateLibrary;
  templateRendering: TemplateRendering;
  analytics: AnalyticsService;
  /** Every module of the instance, in dependency order: app.ts mounts their routes and runs their lifecycle. */
  modules: ModuleSet;
}

/** The plugin host, inbound ingest and notify, with the delivery worker's own start and stop (tools, benches). */
export interface Notifications {
  plugins: PluginHost;
  inbound: InboundApplier;
  notify: NotifyService;
  /** Starts the delivery worker (when enabled). */
  start(): void;
  stop(): Promise<void>;
}

export async function createServices(options: {
  store: Store;
  clock: Clock;
  log: BusLogger;
  sessionTtlMs?: number;
  /** Sign-in throttling and lockout (defaults: `SIGN_IN_DEFAULTS`). */
  signIn?: Partial<SignInLimits>;
  /** Poll for due timers. Default: yes, unless the clock is a ManualClock (only a test moves it). */
  pollTimers?: boolean;
  /** Collaboration hub tunables (defaults: `COLLAB_DEFAULTS`). */
  collab?: CollabOptionsInput;
  /** Workspace file size and quotas (defaults: `FILE_LIMIT_DEFAULTS`). */
  files?: Partial<FileLimits>;
  /** Embeddings for retrieval (transformers.js); none: lexical only. */
  embedder?: EmbeddingProvider;
  /** Unfinished event handlers at which new issues are refused with 503 (0: never; default 20,000). */
  ingestBacklog?: number;
  /** TEST ONLY: delay before a new issue's listeners run, to kill a process deterministically after the 201. */
  testAfterAckDelayMs?: number;
  /** Share of live flow runs stored with their full trace (0–100; default 100, the server's is 0). */
  flowTracePercent?: number;
  /**
   * When the retrieval index of past issues starts building, after the modules start (default
   * `WARM_DELAY_MS`, 1 s: after the server listens). Tests set it to see or skip the warming state.
   */
  warmDelayMs?: number;
  /** The retrieval index's vectors on a worker thread (default false; the server's default is on). */
  retrievalThread?: boolean;
  /** Plugin host and delivery worker settings (defaults: the project's plugins, worker off with a ManualClock). */
  notifications?: NotificationsOptions;
}): Promise<Services> {
  const { store, clock, log } = options;
  const bus = new EventBus(log);
  const auth = new AuthService(store, clock, {
    ...(options.sessionTtlMs ? { sessionTtlMs: options.sessionTtlMs } : {}),
    ...(options.signIn ? { signIn: options.signIn } : {}),
  });
  const customers = new CustomerService(store, clock);
  const timeline = new TimelineService(store);
  const directory = new DirectoryService(store, clock, bus);
  const admission = new IngestAdmission(() => bus.backlog, options.ingestBacklog ?? 20_000);
  const outbox = new EventOutbox(store, {
    bus,
    clock,
    log,
    testDelayMs: options.testAfterAckDelayMs ?? 0,
    // An owed event whose issue was never stored (its write failed after the owed one) is dropped.
    stillOwed: async (event) => (event.type === 'issue.created' ? issues.exists(event.issue.id) : true),
  });
  const issues = new IssueService(store, { clock, bus, customers, timeline, directory, admission, outbox });
  auth.linkAgents({
    exists: (agentId) => directory.agentExists(agentId),
    link: async (agentId, userId) => {
      await directory.updateAgent(agentId, { userId });
    },
  });
  const timers = new TimerService(store, clock, {
    log,
    poll: options.pollTimers ?? !(clock instanceof ManualClock),
  });
  // One Ajv per purpose (strict document validation) shared by the engine and the hub: each schema
  // compiles once per instance, on first use.
  const ajv = createAjv();
  const engine = new FlowEngine(clock, ajv);
  const collab = new CollabHub(
    {
      ...{ store, clock, auth, issues, timeline, log, ajv },
      ...(options.files ? { files: options.files } : {}),
    },
    options.collab,
  );
  const runs = new RunStore(store, clock);
  // The live `flow:<id>` documents are the drafts.
  // Live runs keep their full trace at this share unless their flow sets its own (the studio's Runs tab).
  const flowTracePercent = options.flowTracePercent ?? 100;
  const flows = new FlowService(store, {
    clock,
    engine,
    runs,
    live: collab,
    defaultTracePercent: flowTracePercent,
  });
  const runtime = new FlowRuntime({
    engine,
    runs,
    flows,
    timers,
    bus,
    issues,
    customers,
    timeline,
    clock,
    log,
    tracePercent: flowTracePercent,
  });
  const lab = new FlowLab({ clock, engine, flows, issues, facts: runtime.factSource });
  const plugins = createPlugins({
    ...{ store, clock, issues, customers, log },
    ...(options.notifications?.plugins ? { options: options.notifications.plugins } : {}),
  });
  const templates = new TemplateLibrary(store, { clock });
  const templateRendering = new TemplateRendering({
    ...{ library: templates, issues, customers, directory, clock },
    publicUrl: () => plugins.host.publicUrl,
  });
  const notifications = createNotify({
    ...{ store, clock, bus, plugins, issues, customers, directory, auth, templates, log },
    ...(options.notifications ? { options: options.notifications } : {}),
  });
  const { notify } = notifications;
  const intelligence = new IntelligenceService(store, {
    clock,
    bus,
    issues,
    timeline,
    customers,
    log,
    embedder: options.embedder,
    warmDelayMs: options.warmDelayMs,
    retrievalThread: options.retrievalThread,
  });
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
    // One brief engine: the handoff's brief is a view of intelligence's (with the customer record).
    brief: (issue, events, now) => intelligence.briefOf(issue, events, { now }),
  });
  const escalations = new EscalationService(store, { clock, bus, timers, issues, timeline, directory });
  const playbooks = createPlaybooks({
    ...{
      store,
      clock,
      bus,
      engine,
      flows,
      issues,
      timeline,
      directory,
      timers,
      handoffs,
      escalations,
      routing,
    },
    ...{ notify, facts: runtime.factSource, log, publicUrl: () => plugins.host.publicUrl },
  });
  const analytics = new AnalyticsService(store, {
    ...{ clock, bus, issues, timeline, handoffs, sla, runs, flows, directory },
    log,
  });

  const timersModule: BatonModule = {
    name: 'timers',
    init: () => timers.init(),
    // Due timers (flow waits, SLA clocks, offers, escalation steps) fire while the server runs.
    start: () => timers.start(),
    stop: () => timers.stop(),
  };
  const modules = new ModuleSet([
    authModule(auth),
    issuesModule({ issues, customers, timeline }),
    directoryModule(directory),
    timersModule,
    collabModule({ collab, issues, clock }),
    flowsModule({ flows, lab, engine, runs, issues, log }),
    plugins.module,
    notifications.module,
    intelligenceModule({ intelligence, issues }),
    slaModule(sla),
    // Routing sits below handoffs: the ranking reads handoff outcomes through this function.
    routingModule({ routing, issues, directory, clock, handoffFailures: (ids) => handoffs.failures(ids) }),
    templatesModule({ templates, templateRendering }),
    handoffsModule({ handoffs, notify, templates: templateRendering }),
    escalationModule({ escalations, notify }),
    analyticsModule(analytics),
    workModule({ clock, issues, directory, routing, handoffs, escalations }),
    // After every module that declares triggers: its runtime follows them, as the flow runtime does.
    playbooksModule(playbooks),
    // Last: it follows every trigger event the modules above declared.
    runtimeModule(runtime),
    // After every listener is subscribed and started: work owed from before a crash runs first.
    outboxModule(outbox, log),
  ]);
  // Analytics buffers its counters: they are written before an owed event is forgotten.
  outbox.beforeClear(() => analytics.flush());
  await modules.install({ engine, collab });
  return {
    store,
    clock,
    bus,
    outbox,
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
    templates,
    templateRendering,
    notifications: {
      plugins: plugins.host,
      inbound: plugins.inbound,
      notify,
      start: () => notifications.module.start?.(),
      async stop() {
        await notifications.module.stop?.();
        plugins.module.stop?.();
      },
    },
    analytics,
    modules,
    playbooks,
  };
}
