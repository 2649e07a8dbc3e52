/**
 * An in-process Baton for plugin and notification tests, like `startTestBaton` but with the plugin
 * host set up as the tests need: the project's plugins (plus optional fixture folders), loopback
 * allowed explicitly for local sinks and SMTP servers, a known public URL, and the delivery worker
 * driven by the test (`runDue`) with a ManualClock — nothing sleeps.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { NotifyService } from '../notify/service.ts';
import type { WorkerOptions } from '../notify/worker.ts';
import { type HostLogger, type PluginHost, REPO_ROOT } from '../plugins/host.ts';
import { SecretBox } from '../plugins/secret-box.ts';
import { ManualClock } from '../shared/clock.ts';
import { startTestBaton, type TestBaton } from './harness.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'plugins', 'fixtures');

export interface PluginTestBaton extends TestBaton {
  clock: ManualClock;
  plugins: PluginHost;
  notify: NotifyService;
  /** Log lines the host and worker wrote. */
  logs: { level: string; obj: object; msg: string }[];
}

export async function startPluginTestBaton(
  options: {
    extraPluginDirs?: string[];
    worker?: WorkerOptions;
    allowPrivate?: string[];
    packageDirs?: string[];
  } = {},
): Promise<PluginTestBaton> {
  const clock = new ManualClock();
  const logs: PluginTestBaton['logs'] = [];
  const log: HostLogger = {
    error: (obj, msg) => logs.push({ level: 'error', obj, msg }),
    warn: (obj, msg) => logs.push({ level: 'warn', obj, msg }),
    info: (obj, msg) => logs.push({ level: 'info', obj, msg }),
    debug: () => {},
  };
  const baton = await startTestBaton({
    clock,
    log,
    services: {
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
    },
  });
  return {
    ...baton,
    clock,
    plugins: baton.services.notifications.plugins,
    notify: baton.services.notifications.notify,
    logs,
  };
}
