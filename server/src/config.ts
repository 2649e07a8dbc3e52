/**
 * Configuration, read once from the environment. Every setting has a documented default (the
 * README's configuration table is generated from the same list) so that `npm start` just works.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  mongodbUri: string | undefined;
  adminToken: string | undefined;
  demo: boolean;
  bodyLimit: number;
  logLevel: string;
  sessionTtlMs: number;
  fsync: 'always' | 'interval';
  studioDir: string;
  secretKey: string | undefined;
  publicUrl: string;
  egressAllowPrivate: string[];
  pluginTimeoutMs: number;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  maxConnectionsPerIp: number;
  maxRequestsPerPrincipal: number;
  hubMaxConnectionsPerPrincipal: number;
  hubMaxConnectionsPerIp: number;
  fileMaxBytes: number;
  filesIssueQuotaBytes: number;
  filesQuotaBytes: number;
  signInPerMinute: number;
  signInMaxFailures: number;
  signInLockoutMs: number;
  templateTimeoutMs: number;
  /** Share of live flow runs (0–100) stored with their full trace. */
  flowTracePercent: number;
  /** Unfinished event handlers at which new issues are refused (0: never). */
  ingestBacklog: number;
  /** TEST ONLY: delay before the listeners of a new issue run (kill -9 tests); 0 in production. */
  testAfterAckDelayMs: number;
  retrievalWarmDelayMs: number;
  /** The lexical vector index (the router's neighbour search) on its own thread. */
  retrievalThread: boolean;
}

export interface Setting {
  env: string;
  default: string;
  description: string;
}

export const SETTINGS: readonly Setting[] = [
  { env: 'PORT', default: '3000', description: 'HTTP port for the API, the hub, webhooks and the studio.' },
  {
    env: 'HOST',
    default: '127.0.0.1',
    description: 'Interface to listen on; `0.0.0.0` to accept remote connections.',
  },
  {
    env: 'BATON_DATA_DIR',
    default: './data',
    description:
      'Folder of the embedded store (used when MONGODB_URI is unset). One Baton process per folder.',
  },
  {
    env: 'MONGODB_URI',
    default: '(unset)',
    description: 'Use MongoDB through the official driver instead of the embedded store.',
  },
  {
    env: 'BATON_ADMIN_TOKEN',
    default: '(generated)',
    description:
      'Bootstrap admin bearer token (≥16 chars). Unset on a new store: one is generated and printed once.',
  },
  {
    env: 'BATON_DEMO',
    default: '1',
    description: 'Seed demo teams, agents, customers and issues into an empty store; `0` to skip.',
  },
  {
    env: 'BATON_BODY_LIMIT',
    default: '1048576',
    description: 'Largest accepted request body, in bytes (larger: 413).',
  },
  { env: 'BATON_LOG_LEVEL', default: 'info', description: 'fatal, error, warn, info, debug or trace.' },
  { env: 'BATON_SESSION_TTL_HOURS', default: '168', description: 'How long a sign-in lasts.' },
  {
    env: 'BATON_FSYNC',
    default: 'interval',
    description:
      'Embedded store: `interval` fsyncs at most once a second (nothing is lost on a process crash or kill -9); `always` also survives power loss, slower.',
  },
  {
    env: 'BATON_SECRET_KEY',
    default: '(generated)',
    description:
      'Key that encrypts plugin secrets at rest (AES-256-GCM): 32 bytes as base64 or hex. Unset: generated once into `<data dir>/secret.key` (embedded store); with MongoDB, secrets cannot be saved until it is set.',
  },
  {
    env: 'BATON_PUBLIC_URL',
    default: '(http://HOST:PORT)',
    description:
      'Where people and providers reach Baton: links in notifications, Slack buttons, customer status pages.',
  },
  {
    env: 'BATON_EGRESS_ALLOW_PRIVATE',
    default: '(none)',
    description:
      'Comma-separated IPs or CIDRs plugins may reach although private, loopback or link-local (refused otherwise, against SSRF), e.g. an internal SMTP relay.',
  },
  {
    env: 'BATON_PLUGIN_TIMEOUT_MS',
    default: '10000',
    description: 'Longest a plugin call may take unless its manifest says otherwise.',
  },
  {
    env: 'BATON_REQUEST_TIMEOUT_MS',
    default: '120000',
    description: 'Longest a whole request (headers and body) may take to arrive; slower: 408.',
  },
  {
    env: 'BATON_HEADERS_TIMEOUT_MS',
    default: '20000',
    description: 'Longest the request headers may take to arrive; slower: 408.',
  },
  {
    env: 'BATON_MAX_CONNECTIONS_PER_IP',
    default: '1000',
    description: 'Open connections one address may hold (hub sockets included); more are dropped.',
  },
  {
    env: 'BATON_MAX_REQUESTS_PER_PRINCIPAL',
    default: '100',
    description: 'Requests one signed-in principal may have in flight at once; more: 429.',
  },
  {
    env: 'BATON_HUB_MAX_CONNECTIONS_PER_PRINCIPAL',
    default: '50',
    description: 'Collaboration hub connections one principal may hold at once; more are closed with 4429.',
  },
  {
    env: 'BATON_HUB_MAX_CONNECTIONS_PER_IP',
    default: '500',
    description: 'Collaboration hub connections one address may hold at once; more are closed with 4429.',
  },
  {
    env: 'BATON_FILE_MAX_BYTES',
    default: '10485760',
    description: 'Largest workspace file upload, in bytes (larger: 413).',
  },
  {
    env: 'BATON_FILES_ISSUE_QUOTA_BYTES',
    default: '209715200',
    description:
      "Bytes of files one issue's workspace may hold, each distinct file counted once (beyond: 413).",
  },
  {
    env: 'BATON_FILES_QUOTA_BYTES',
    default: '21474836480',
    description:
      'Bytes of files the instance may hold (`<data dir>/files`, or GridFS with MongoDB), each distinct file once (beyond: 507).',
  },
  {
    env: 'BATON_SIGNIN_PER_MINUTE',
    default: '10',
    description: 'Sign-in attempts one address may make per minute; more: 429.',
  },
  {
    env: 'BATON_SIGNIN_MAX_FAILURES',
    default: '5',
    description: 'Failed sign-ins in a row after which an account is locked.',
  },
  {
    env: 'BATON_SIGNIN_LOCKOUT_MINUTES',
    default: '15',
    description: 'How long a locked account stays locked.',
  },
  {
    env: 'BATON_TEMPLATE_TIMEOUT_MS',
    default: '500',
    description:
      'Longest a notification template may take to render (in a worker thread, stopped when it overruns; 422).',
  },
  {
    env: 'BATON_INGEST_BACKLOG',
    default: '20000',
    description:
      'Work still owed after acknowledging issues (unfinished event handlers: flow runs, SLA, routing) at which new issues are refused with 503 and Retry-After until it drains; 0 never refuses.',
  },
  {
    env: 'BATON_FLOW_TRACE_PERCENT',
    default: '0',
    description:
      'Share of live flow runs (0–100) stored with their full trace (each step’s conditions, facts and timing); the rest keep the path they took. The default for every flow without its own share: an admin sets one per flow in the editor\'s Runs tab (off, 1 in 10, every run), kept for an hour unless they pick another duration or "until changed" (`POST /api/flows/:id/tracing {percent, forMinutes}`). A simulation in the lab always traces, and so does every playbook run.',
  },
  {
    env: 'BATON_RETRIEVAL_WARM_DELAY_MS',
    default: '1000',
    description:
      'How long after start-up the similar-issues index of past resolved issues starts building (in the background, after the server listens; until it is done, similar lists say "still indexing").',
  },
  {
    env: 'BATON_RETRIEVAL_THREAD',
    default: 'auto',
    description:
      'Keep the lexical vector index of past issues (the router’s search for similar tickets) on its own thread, beside the event loop: about a tenth of an issue’s work at 100,000 issues. `auto`: when the process may use two or more cores; `1` always; `0` never (on one core the thread only adds its messages).',
  },
  // Read by intelligence/providers/transformers.ts, listed here so they are documented with the rest.
  {
    env: 'BATON_EMBEDDING_MODEL',
    default: '(unset)',
    description:
      'A transformers.js model id or folder for embeddings (e.g. `Xenova/multilingual-e5-small`). Unset: retrieval and routing stay lexical and need no model.',
  },
  {
    env: 'BATON_MODEL_DIR',
    default: '(unset)',
    description: 'Folder where model folders live, for offline machines.',
  },
  {
    env: 'BATON_ALLOW_REMOTE_MODELS',
    default: '0',
    description: '`1` lets transformers.js download a missing model from its hub (where a network exists).',
  },
];

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const fsync = env.BATON_FSYNC ?? 'interval';
  if (fsync !== 'always' && fsync !== 'interval')
    throw new Error('BATON_FSYNC must be "always" or "interval"');
  const demo = env.BATON_DEMO ?? '1';
  if (!['0', '1', 'false', 'true'].includes(demo)) throw new Error('BATON_DEMO must be 0 or 1');
  const retrievalThread = env.BATON_RETRIEVAL_THREAD || 'auto';
  if (!['auto', '0', '1', 'false', 'true'].includes(retrievalThread))
    throw new Error('BATON_RETRIEVAL_THREAD must be auto, 0 or 1');
  return {
    port: int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(cwd, env.BATON_DATA_DIR || './data'),
    mongodbUri: env.MONGODB_URI || undefined,
    adminToken: env.BATON_ADMIN_TOKEN || undefined,
    demo: demo === '1' || demo === 'true',
    bodyLimit: int(env, 'BATON_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    logLevel: env.BATON_LOG_LEVEL || 'info',
    sessionTtlMs: int(env, 'BATON_SESSION_TTL_HOURS', 168, 1, 24 * 365) * 3600 * 1000,
    fsync,
    studioDir: resolve(import.meta.dirname, '../../studio/dist'),
    secretKey: env.BATON_SECRET_KEY || undefined,
    publicUrl: (env.BATON_PUBLIC_URL || `http://${env.HOST || '127.0.0.1'}:${env.PORT || '3000'}`).replace(
      /\/+$/,
      '',
    ),
    egressAllowPrivate: (env.BATON_EGRESS_ALLOW_PRIVATE ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    pluginTimeoutMs: int(env, 'BATON_PLUGIN_TIMEOUT_MS', 10_000, 100, 120_000),
    requestTimeoutMs: int(env, 'BATON_REQUEST_TIMEOUT_MS', 120_000, 1_000, 3_600_000),
    headersTimeoutMs: int(env, 'BATON_HEADERS_TIMEOUT_MS', 20_000, 1_000, 600_000),
    maxConnectionsPerIp: int(env, 'BATON_MAX_CONNECTIONS_PER_IP', 1_000, 1, 1_000_000),
    maxRequestsPerPrincipal: int(env, 'BATON_MAX_REQUESTS_PER_PRINCIPAL', 100, 1, 100_000),
    hubMaxConnectionsPerPrincipal: int(env, 'BATON_HUB_MAX_CONNECTIONS_PER_PRINCIPAL', 50, 1, 100_000),
    hubMaxConnectionsPerIp: int(env, 'BATON_HUB_MAX_CONNECTIONS_PER_IP', 500, 1, 1_000_000),
    fileMaxBytes: int(env, 'BATON_FILE_MAX_BYTES', 10 * 1024 * 1024, 1, 2 ** 40),
    filesIssueQuotaBytes: int(env, 'BATON_FILES_ISSUE_QUOTA_BYTES', 200 * 1024 * 1024, 1, 2 ** 50),
    filesQuotaBytes: int(env, 'BATON_FILES_QUOTA_BYTES', 20 * 1024 ** 3, 1, 2 ** 52),
    signInPerMinute: int(env, 'BATON_SIGNIN_PER_MINUTE', 10, 1, 100_000),
    signInMaxFailures: int(env, 'BATON_SIGNIN_MAX_FAILURES', 5, 1, 1_000),
    signInLockoutMs: int(env, 'BATON_SIGNIN_LOCKOUT_MINUTES', 15, 1, 24 * 60) * 60_000,
    templateTimeoutMs: int(env, 'BATON_TEMPLATE_TIMEOUT_MS', 500, 10, 60_000),
    flowTracePercent: int(env, 'BATON_FLOW_TRACE_PERCENT', 0, 0, 100),
    ingestBacklog: int(env, 'BATON_INGEST_BACKLOG', 20_000, 0, 10_000_000),
    testAfterAckDelayMs: int(env, 'BATON_TEST_AFTER_ACK_DELAY_MS', 0, 0, 600_000),
    retrievalWarmDelayMs: int(env, 'BATON_RETRIEVAL_WARM_DELAY_MS', 1000, 0, 24 * 3600_000),
    // On one core the thread would only add its messages to the same core's work.
    retrievalThread:
      retrievalThread === 'auto'
        ? availableParallelism() >= 2
        : retrievalThread === '1' || retrievalThread === 'true',
  };
}
