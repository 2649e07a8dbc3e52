/**
 * The plugins module: the plugin host (discovery, settings, guarded calls), inbound ingest (webhooks
 * and plugin events written through the issues module), the plugin routes and plugins' node kinds.
 * Modules above it use the host (notify sends through it) and subscribe to what plugins push
 * (`onInApp`); nothing here knows who they are.
 */
import { randomBytes } from 'node:crypto';
import type { InAppPush } from '@baton/plugin-sdk';
import type { BusLogger } from '../events/bus.ts';
import type { CustomerService } from '../issues/customers.ts';
import type { IssueService } from '../issues/issues.ts';
import { type BatonModule, bindRoutes } from '../module.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store/port.ts';
import { type HostLogger, PluginHost, type PluginHostOptions } from './host.ts';
import { InboundApplier } from './ingest.ts';
import { pluginNodeKinds } from './node-kinds.ts';
import { pluginRoutes } from './routes.ts';
import { SecretBox } from './secret-box.ts';

export interface Plugins {
  readonly module: BatonModule;
  readonly host: PluginHost;
  readonly inbound: InboundApplier;
  /** In-app pushes plugins emit (the in-app notifier), for whoever shows them live. */
  onInApp(listener: (push: InAppPush) => void): void;
}

export function createPlugins(deps: {
  store: Store;
  clock: Clock;
  issues: IssueService;
  customers: CustomerService;
  log: BusLogger;
  /** Default: the project's plugins, and — for tests and tools — a random key. */
  options?: Partial<PluginHostOptions>;
}): Plugins {
  const { store, clock } = deps;
  const log = deps.log as HostLogger;
  const host = new PluginHost(store, clock, {
    secretBox: new SecretBox(randomBytes(32)),
    log,
    ...deps.options,
  });
  const inbound = new InboundApplier(store, { issues: deps.issues, customers: deps.customers, clock });
  const inAppListeners: Array<(push: InAppPush) => void> = [];
  host.onEvent(async (plugin, event) => {
    if (event.type === 'in_app') for (const listener of inAppListeners) listener(event);
    else await inbound.apply(plugin, [event]);
  });
  const module: BatonModule = {
    name: 'plugins',
    routes: bindRoutes(pluginRoutes, { plugins: host, inbound }),
    // Known once the host has loaded the plugins (in `init`, before anything is registered).
    get kinds() {
      return pluginNodeKinds(host);
    },
    // A plugin's kind whose name is taken is left out, not fatal: the other plugins still load.
    onRegisterError(err, what) {
      log.error({ err, type: what.name }, `plugin node kind ${what.name} was not registered: ${err.message}`);
    },
    async init() {
      await host.init();
      await inbound.init();
    },
    stop: () => host.close(),
  };
  return {
    module,
    host,
    inbound,
    onInApp: (listener) => {
      inAppListeners.push(listener);
    },
  };
}
