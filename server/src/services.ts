/**
 * The domain services of one Baton instance, wired together. State lives here, per instance —
 * never in module-level globals — so tests can run several servers in one process.
 */
import { AuthService } from './auth/service.ts';
import { CollabHub, type CollabOptionsInput } from './collab/index.ts';
import { type BusLogger, EventBus } from './events/bus.ts';
import { CustomerService } from './issues/customers.ts';
import { IssueService } from './issues/issues.ts';
import { TimelineService } from './issues/timeline.ts';
import { DirectoryService } from './routing/directory.ts';
import type { Clock } from './shared/clock.ts';
import type { Store } from './store/port.ts';

export interface Services {
  store: Store;
  clock: Clock;
  bus: EventBus;
  auth: AuthService;
  customers: CustomerService;
  timeline: TimelineService;
  issues: IssueService;
  directory: DirectoryService;
  collab: CollabHub;
}

export async function createServices(options: {
  store: Store;
  clock: Clock;
  log: BusLogger;
  sessionTtlMs?: number;
  /** Collaboration hub tunables (defaults: `COLLAB_DEFAULTS`). */
  collab?: CollabOptionsInput;
}): Promise<Services> {
  const { store, clock } = options;
  const bus = new EventBus(options.log);
  const auth = new AuthService(store, clock, options.sessionTtlMs ? { sessionTtlMs: options.sessionTtlMs } : {});
  const customers = new CustomerService(store, clock);
  const timeline = new TimelineService(store);
  const directory = new DirectoryService(store, clock);
  const issues = new IssueService(store, { clock, bus, customers, timeline, directory });
  const collab = new CollabHub({ store, clock, auth, issues, timeline, log: options.log }, options.collab);
  // Each module declares the indexes it owns.
  for (const module of [auth, customers, timeline, directory, issues, collab]) await module.init();
  return { store, clock, bus, auth, customers, timeline, issues, directory, collab };
}
