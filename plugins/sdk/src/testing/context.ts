/**
 * A real plugin context for tests: real guarded HTTP (so egress and SSRF rules apply as in Baton),
 * secrets and settings as given, and a recorder of what the plugin logged, emitted and requested.
 */
import { type PluginContext, type PluginEvent, type PluginLogger, secretsFrom } from '../context.ts';
import { createGuardedHttp, type EgressPolicy } from '../http.ts';

export interface RecordedLog {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown>;
}

export interface RecordedRequest {
  method: string;
  url: string;
  status?: number;
  error?: string;
}

/** Everything a plugin did through its context, in order. */
export class Recorder {
  readonly logs: RecordedLog[] = [];
  readonly events: PluginEvent[] = [];
  readonly requests: RecordedRequest[] = [];

  clear(): void {
    this.logs.length = 0;
    this.events.length = 0;
    this.requests.length = 0;
  }

  /** Logged messages at a level, e.g. `recorder.messages('warn')`. */
  messages(level?: RecordedLog['level']): string[] {
    return this.logs.filter((l) => !level || l.level === level).map((l) => l.msg);
  }
}

export interface TestContextOptions<S> {
  name?: string;
  version?: string;
  settings?: S;
  secrets?: Record<string, string>;
  /** Default: any public host, nothing private. Allow loopback explicitly for a local sink. */
  egress?: Partial<EgressPolicy>;
  now?: Date | (() => Date);
  publicUrl?: string;
  /** The call's deadline (aborts `ctx.signal`). Default 10 s. */
  timeoutMs?: number;
}

export interface TestContext<S> {
  ctx: PluginContext<S>;
  recorder: Recorder;
}

export function createTestContext<S = Record<string, unknown>>(
  options: TestContextOptions<S> = {},
): TestContext<S> {
  const name = options.name ?? 'test-plugin';
  const recorder = new Recorder();
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const http = createGuardedHttp({
    plugin: name,
    hosts: options.egress?.hosts ?? ['*'],
    allowPrivate: options.egress?.allowPrivate ?? [],
    signal,
  });
  const log = (level: RecordedLog['level']) => (msg: string, data?: Record<string, unknown>) => {
    recorder.logs.push({ level, msg, ...(data ? { data } : {}) });
  };
  const logger: PluginLogger = {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
  };
  const now = options.now;
  const ctx: PluginContext<S> = {
    plugin: { name, version: options.version ?? '0.0.0' },
    settings: (options.settings ?? {}) as S,
    secrets: secretsFrom(name, options.secrets ?? {}),
    log: logger,
    http: {
      assertAllowed: (host) => http.assertAllowed(host),
      async fetch(url, init) {
        const record: RecordedRequest = { method: (init?.method ?? 'GET').toUpperCase(), url: String(url) };
        recorder.requests.push(record);
        try {
          const res = await http.fetch(url, init);
          record.status = res.status;
          return res;
        } catch (err) {
          record.error = (err as Error).message;
          throw err;
        }
      },
    },
    async emit(event) {
      recorder.events.push(event);
    },
    signal,
    publicUrl: options.publicUrl ?? 'http://baton.test',
    now: () => (typeof now === 'function' ? now() : (now ?? new Date())),
  };
  return { ctx, recorder };
}
