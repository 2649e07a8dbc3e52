/**
 * Configuration, read once from the environment. Every setting has a documented default (the
 * README's configuration table is generated from the same list) so that `npm start` just works.
 */
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
  };
}
