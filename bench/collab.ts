/**
 * Collaboration benchmark: K stock y-websocket clients over D documents, in a separate process
 * (`bench/collab-clients.ts`), each appending small entries to its document at a fixed rate; every
 * other client of the document timestamps their arrival (fan-out latency at the receiving clients).
 *
 * 1. Baton as `npm start` runs it (its own process, embedded store): clients authenticate with their
 *    own API key (agent role) on `issue:<id>` documents, and every update is stored before it is
 *    forwarded (auth and persistence on).
 * 2. In the same run, the same load against the reference server `@y/websocket-server@0.1.1`
 *    (no auth, no persistence), one server at a time so neither competes for the 2 cores.
 *
 * updatesPerSec = entries sent during the measured window and delivered to another client (within
 * the drain deadline), per second of that window. kbPerDoc = growth of the server's resident memory
 * from before the clients connect to the end of the run, per document (with its connections).
 * Prints {"bench":"collab","clients","docs","p99Ms","updatesPerSec","refUpdatesPerSec","ratio","kbPerDoc",…}.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { api, readJson, repoRoot, startBaton } from '../tests/helpers/server.ts';
import type { ClientsConfig, ClientsResult } from './collab-clients.ts';

function rssKb(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? Number.NaN);
}

/** CPU time (user + system) a process used so far, in ms. */
function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

export interface Measured {
  sent: number;
  expected: number;
  delivered: number;
  lost: number;
  disconnects: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  updatesPerSec: number;
  /** Per client process, in % of one core. */
  clientCpuPct: number[];
  /** The server's CPU from the moment the clients synced to the end, in % of one core. */
  serverCpuPct: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Runs the clients in `procs` processes — each holding whole documents, so sender and receivers of
 * an entry share one clock — and measures the server's CPU over the load.
 */
async function measure(
  config: ClientsConfig,
  serverPid: number | undefined,
  procs: number,
): Promise<Measured> {
  let mark: { cpu: number; at: number } | null = null;
  const groups = Array.from({ length: procs }, (_, g) => {
    const documents = config.documents.filter((_, d) => d % procs === g);
    const clients = Math.round((config.clients * documents.length) / config.documents.length);
    const offset = Math.round(
      (config.clients * config.documents.filter((_, d) => d % procs < g).length) / config.documents.length,
    );
    const tokens = config.tokens ? config.tokens.slice(offset, offset + clients) : null;
    return { ...config, documents, clients, tokens };
  });
  const results = await Promise.all(
    groups.map((group) =>
      runClients(group, (line) => {
        if (line.includes('clients synced') && !mark) mark = { cpu: cpuMs(serverPid), at: performance.now() };
      }),
    ),
  );
  const from = mark as { cpu: number; at: number } | null;
  const serverCpuPct = from
    ? ((cpuMs(serverPid) - from.cpu) / (performance.now() - from.at)) * 100
    : Number.NaN;
  const sorted = Float64Array.from(results.flatMap((r) => r.latencies)).sort();
  const sum = (key: 'sent' | 'expected' | 'delivered' | 'lost' | 'disconnects') =>
    results.reduce((total, r) => total + r[key], 0);
  return {
    sent: sum('sent'),
    expected: sum('expected'),
    delivered: sum('delivered'),
    lost: sum('lost'),
    disconnects: sum('disconnects'),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    updatesPerSec: Math.round(sorted.length / config.measureSec),
    clientCpuPct: results.map((r) => r.clientCpuPct),
    serverCpuPct: Math.round(serverCpuPct),
  };
}

function runClients(config: ClientsConfig, onLine?: (line: string) => void): Promise<ClientsResult> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/collab-clients.ts', JSON.stringify(config)],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    createInterface({ input: child.stderr }).on('line', (line) => {
      console.error(line);
      onLine?.(line);
    });
    child.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`collab clients exited with ${code}`));
      done(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ClientsResult);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function startReference(): Promise<{ url: string; pid: number | undefined; stop(): Promise<void> }> {
  const port = await freePort();
  // Without YPERSISTENCE the reference server keeps documents in memory only.
  const { YPERSISTENCE: _persistence, ...env } = process.env;
  const child = spawn(process.execPath, ['node_modules/@y/websocket-server/src/server.js'], {
    cwd: repoRoot,
    env: { ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('the reference server did not start in 10 s')), 10_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.includes('running at')) {
        clearTimeout(timer);
        done();
      }
    });
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url: `ws://127.0.0.1:${port}`,
    pid: child.pid,
    async stop() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      clients: { type: 'string', default: '500' },
      docs: { type: 'string', default: '100' },
      rate: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '3' },
      seconds: { type: 'string', default: '10' },
      procs: { type: 'string', default: '1' },
    },
  });
  const clients = Number(values.clients);
  const docs = Number(values.docs);
  const rate = Number(values.rate);
  const procs = Number(values.procs);
  const base = {
    clients,
    ratePerClient: rate,
    warmupSec: Number(values.warmup),
    measureSec: Number(values.seconds),
    drainSec: 5,
    connectTimeoutSec: 60,
  };
  if (
    ![clients, docs, rate, base.warmupSec, base.measureSec].every((n) => Number.isFinite(n) && n > 0) ||
    docs > clients
  ) {
    throw new Error(
      '--clients, --docs, --rate, --warmup and --seconds must be positive, with docs ≤ clients',
    );
  }

  console.error(
    `bench collab: ${clients} clients over ${docs} documents, ${rate} updates/s each, ${base.warmupSec} s warm-up + ${base.measureSec} s measured`,
  );
  // 1. Baton, with auth and persistence.
  const baton = await startBaton({ env: { BATON_FSYNC: 'interval' } });
  let ours: Measured;
  let oursKb: number;
  try {
    const names: string[] = [];
    for (let d = 0; d < docs; d++) {
      const res = await api(baton, '/api/issues', {
        method: 'POST',
        json: {
          subject: `Bench issue ${d}`,
          body: 'Collaboration benchmark workspace.',
          channel: 'api',
          customer: { email: `bench-${d}@example.test` },
        },
      });
      if (res.status !== 201) throw new Error(`creating an issue failed: ${res.status} ${await res.text()}`);
      names.push(`issue:${(await readJson<{ id: string }>(res)).id}`);
    }
    const tokens: string[] = [];
    for (let i = 0; i < clients; i++) {
      const res = await api(baton, '/api/api-keys', {
        method: 'POST',
        json: { name: `bench ${i}`, roles: ['agent'] },
      });
      if (res.status !== 201)
        throw new Error(`creating an API key failed: ${res.status} ${await res.text()}`);
      tokens.push((await readJson<{ secret: string }>(res)).secret);
    }
    const before = rssKb(baton.process.pid);
    console.error(`  Baton (${baton.url}): server RSS ${Math.round(before / 1024)} MiB before clients`);
    ours = await measure(
      { ...base, serverUrl: `${baton.url.replace(/^http/, 'ws')}/collab`, documents: names, tokens },
      baton.process.pid,
      procs,
    );
    oursKb = (rssKb(baton.process.pid) - before) / docs;
    console.error(`  Baton: ${JSON.stringify(ours)}`);
  } finally {
    await baton.stop();
    await baton.cleanup();
  }

  // 2. The reference server, same load.
  const reference = await startReference();
  let ref: Measured;
  let refKb: number;
  try {
    const before = rssKb(reference.pid);
    const names = Array.from({ length: docs }, (_, d) => `bench-${d}`);
    ref = await measure(
      { ...base, serverUrl: reference.url, documents: names, tokens: null },
      reference.pid,
      procs,
    );
    refKb = (rssKb(reference.pid) - before) / docs;
    console.error(`  reference: ${JSON.stringify(ref)}`);
  } finally {
    await reference.stop();
  }

  const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
  console.log(
    JSON.stringify({
      bench: 'collab',
      clients,
      docs,
      p99Ms: ours.p99Ms,
      updatesPerSec: ours.updatesPerSec,
      refUpdatesPerSec: ref.updatesPerSec,
      ratio: round(ours.updatesPerSec / ref.updatesPerSec, 3),
      kbPerDoc: round(oursKb, 1),
      p50Ms: ours.p50Ms,
      lost: ours.lost,
      refP50Ms: ref.p50Ms,
      refP99Ms: ref.p99Ms,
      refLost: ref.lost,
      refKbPerDoc: round(refKb, 1),
      offeredPerSec: clients * rate,
      serverCpuPct: ours.serverCpuPct,
      refServerCpuPct: ref.serverCpuPct,
      // The machine's 1-minute load average at the end: above 2 (its cores), other work competed.
      loadAvg: round(loadavg()[0] ?? Number.NaN),
    }),
  );
}
