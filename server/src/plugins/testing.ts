/**
 * An in-process Baton for plugin and notification tests, like `startTestBaton` but with the plugin
 * host set up as the tests need: the project's plugins (plus optional fixture folders), loopback
 * allowed explicitly for local sinks and SMTP servers, a known public URL, and the delivery worker
 * driven by the test (`runDue`) with a ManualClock — nothing sleeps.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import type { NotifyService } from '../notify/service.ts';
import type { WorkerOptions } from '../notify/worker.ts';
import { createServices, type Services } from '../services.ts';
import { ManualClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';
import { TEST_ADMIN_TOKEN } from '../testing/harness.ts';
import { type HostLogger, type PluginHost, REPO_ROOT } from './host.ts';
import { SecretBox } from './secret-box.ts';

export const FIXTURES = join(import.meta.dirname, 'fixtures');

export interface PluginTestBaton {
  app: FastifyInstance;
  services: Services;
  clock: ManualClock;
  plugins: PluginHost;
  notify: NotifyService;
  dataDir: string;
  /** Log lines the host and worker wrote. */
  logs: { level: string; obj: object; msg: string }[];
  request(options: InjectOptions & { token?: string | null }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startPluginTestBaton(
  options: {
    extraPluginDirs?: string[];
    worker?: WorkerOptions;
    allowPrivate?: string[];
    packageDirs?: string[];
  } = {},
): Promise<PluginTestBaton> {
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-plugins-'));
  const store = await openStore({ dataDir });
  const clock = new ManualClock();
  const logs: PluginTestBaton['logs'] = [];
  const log: HostLogger = {
    error: (obj, msg) => logs.push({ level: 'error', obj, msg }),
    warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
    info: (obj, msg) => logs.push({ level: 'info', obj, msg }),
    debug: () => {},
  };
  const services = await createServices({
    store,
    clock,
    log,
    notifications: {
      plugins: {
        secretBox: new SecretBox(randomBytes(32)),
        dirs: [join(REPO_ROOT, 'plugins'), ...(options.extraPluginDirs ?? [])],
        packageDirs: options.packageDirs ?? [],
        allowPrivate: options.allowPrivate ?? ['127.0.0.1'],
        publicUrl: 'http://baton.test',
        log,
      },
      worker: { backoff: { random: () => 0.5 }, ...options.worker },
      startWorker: false,
    },
  });
  await services.auth.bootstrapAdminToken(TEST_ADMIN_TOKEN);
  const app = await buildApp({ services });
  await app.ready();
  return {
    app,
    services,
    clock,
    plugins: services.notifications.plugins,
    notify: services.notifications.notify,
    dataDir,
    logs,
    request({ token, headers, ...rest }) {
      const bearer = token === undefined ? TEST_ADMIN_TOKEN : token;
      return app.inject({
        ...rest,
        headers: { ...(headers ?? {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      });
    },
    async close() {
      await app.close();
      await services.bus.drain();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
