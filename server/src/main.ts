/**
 * `npm start`: open the store, seed demo data on an empty store, serve, and shut down cleanly on
 * SIGINT/SIGTERM (the store flushes; a kill -9 loses nothing acknowledged either).
 */
import pino from 'pino';
import { register as registerTypeScript } from 'tsx/esm/api';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { seedDemoData } from './demo/seed.ts';
import { installReferenceFlows } from './flows/reference.ts';
import { embeddingConfigFromEnv, loadTransformersProvider } from './intelligence/providers/transformers.ts';
import { resolveSecretKey } from './plugins/secret-box.ts';
import { installProcessGuard } from './process-guard.ts';
import { createServices } from './services.ts';
import { systemClock } from './shared/clock.ts';
import { openStore } from './store/index.ts';

// `npm start` runs the bundle (server/scripts/bundle.ts), whose modules are plain JavaScript and
// loaded before this line. Plugins are TypeScript folders imported later: register tsx for them now,
// so only they pay for it. (Run from source, `--import tsx` registered it already.)
if (process.env.BATON_BUNDLE === '1') registerTypeScript();

const config = loadConfig();
// Readable lines for a person at a terminal; JSON lines for log collectors and pipes.
const log = pino({
  level: config.logLevel,
  ...(process.stdout.isTTY
    ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } }
    : {}),
});

const store = await openStore({
  dataDir: config.dataDir,
  ...(config.mongodbUri ? { mongodbUri: config.mongodbUri } : {}),
  fsync: config.fsync,
  logger: { info: (m: string) => log.info(m), warn: (m: string) => log.warn(m) },
});
const secretKey = await resolveSecretKey({
  envValue: config.secretKey,
  storeKind: store.kind,
  dataDir: config.dataDir,
});
if (secretKey.source === 'generated') {
  log.warn(
    `BATON_SECRET_KEY is not set: generated a key for plugin secrets in ${secretKey.file} — back it up with the data`,
  );
} else if (secretKey.source === 'none') {
  log.warn(
    'BATON_SECRET_KEY is not set: plugin secrets cannot be saved (with MongoDB there is no local place for a generated key)',
  );
}
// Embeddings only when a model is configured (BATON_EMBEDDING_MODEL); otherwise retrieval is lexical.
const embedding = embeddingConfigFromEnv(process.env);
const embedder = embedding ? await loadTransformersProvider(embedding) : undefined;
if (embedding) log.info({ model: embedding.model }, 'embedding model loaded');
const services = await createServices({
  store,
  clock: systemClock,
  log: log,
  sessionTtlMs: config.sessionTtlMs,
  flowTracePercent: config.flowTracePercent,
  ingestBacklog: config.ingestBacklog,
  testAfterAckDelayMs: config.testAfterAckDelayMs,
  signIn: {
    attemptsPerMinute: config.signInPerMinute,
    maxFailures: config.signInMaxFailures,
    lockoutMs: config.signInLockoutMs,
  },
  collab: {
    maxConnectionsPerPrincipal: config.hubMaxConnectionsPerPrincipal,
    maxConnectionsPerIp: config.hubMaxConnectionsPerIp,
  },
  files: {
    maxFileBytes: config.fileMaxBytes,
    issueQuotaBytes: config.filesIssueQuotaBytes,
    instanceQuotaBytes: config.filesQuotaBytes,
  },
  ...(embedder ? { embedder } : {}),
  warmDelayMs: config.retrievalWarmDelayMs,
  retrievalThread: config.retrievalThread,
  notifications: {
    plugins: {
      secretBox: secretKey.box,
      publicUrl: config.publicUrl,
      allowPrivate: config.egressAllowPrivate,
      defaultTimeoutMs: config.pluginTimeoutMs,
    },
    templates: { timeoutMs: config.templateTimeoutMs },
  },
});

const admin = await services.auth.bootstrapAdminToken(config.adminToken);
if (admin.generated) {
  // Printed once, to stdout, on a new store; only its hash is kept.
  process.stdout.write(
    `\n  Admin token (shown once, store it now): ${admin.generated}\n  Rotate it with: npm run baton -- admin-token rotate\n\n`,
  );
}

if (config.demo) {
  const seeded = await seedDemoData(services);
  if (seeded) log.info(seeded, 'seeded demo data into an empty store (BATON_DEMO=0 to skip)');
} else if ((await services.flows.list({ limit: 1 })).items.length === 0) {
  // Without the demo, a new store still tells people about offers, SLA risks and customer updates:
  // the default notifications flow (routing is the organisation's own to draw).
  await installReferenceFlows(services, ['default-notifications.flow.json']);
  log.info('installed the Default notifications flow into an empty store');
}

const app = await buildApp({
  services,
  bodyLimit: config.bodyLimit,
  studioDir: config.studioDir,
  logger: log,
  limits: {
    requestTimeoutMs: config.requestTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
    maxConnectionsPerIp: config.maxConnectionsPerIp,
    maxRequestsPerPrincipal: config.maxRequestsPerPrincipal,
  },
});

let closing = false;
async function shutdown(signal: string, code = 0): Promise<void> {
  if (closing) return;
  closing = true;
  log.info({ signal }, 'shutting down');
  await app.close();
  await services.bus.drain();
  await store.close();
  process.exit(code);
}
// Once serving, a stray exception or rejection (a plugin's, a timer's) is logged and the server
// keeps serving; a storm of them ends the process cleanly. Start-up failures still end it at once.
installProcessGuard({ log, shutdown: (reason) => void shutdown(reason, 1) });
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const address = await app.listen({ port: config.port, host: config.host });
log.info(`Baton is running at ${address} (store: ${store.kind}; API docs at ${address}/api/docs)`);
