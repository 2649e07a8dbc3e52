/**
 * The load side of `npm run bench -- collab`, run in its own process: K stock y-websocket clients
 * (`WebsocketProvider` over `ws`) spread over D documents. Each client appends small entries to a
 * Y.Array of its document at a fixed rate, each entry carrying (client, seq, send time); every other
 * client of the document measures, on receipt, how long the entry took to reach it (fan-out latency,
 * one clock: all clients live in this process).
 *
 * The schedule is deterministic: client i sends its seq s at start + (s + i/K) / rate. Entries with
 * seq in the measured range (after the warm-up) count; the process waits for them up to a drain
 * deadline and prints one JSON line with counts and latency percentiles.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export interface ClientsConfig {
  /** ws://host:port/collab (Baton) or ws://host:port (reference server). */
  serverUrl: string;
  documents: string[];
  /** One token per client (Baton), or none (reference server). */
  tokens: string[] | null;
  clients: number;
  ratePerClient: number;
  warmupSec: number;
  measureSec: number;
  drainSec: number;
  connectTimeoutSec: number;
}

export interface ClientsResult {
  clients: number;
  docs: number;
  connectMs: number;
  sent: number;
  expected: number;
  delivered: number;
  lost: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  updatesPerSec: number;
  disconnects: number;
  /** CPU of this (client) process while sending and draining, in % of one core. */
  clientCpuPct: number;
  /** Every measured fan-out latency in ms (for percentiles over several client processes). */
  latencies: number[];
}

type Entry = [client: number, seq: number, sentAt: number];

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function run(config: ClientsConfig): Promise<ClientsResult> {
  const { clients: K, ratePerClient: rate } = config;
  const firstMeasured = Math.round(config.warmupSec * rate);
  const lastMeasured = Math.round((config.warmupSec + config.measureSec) * rate); // exclusive
  const docs: Y.Doc[] = [];
  const providers: WebsocketProvider[] = [];
  const latencies: number[] = [];
  let disconnects = 0;

  for (let i = 0; i < K; i++) {
    const doc = new Y.Doc();
    const name = config.documents[i % config.documents.length] as string;
    const token = config.tokens?.[i];
    const provider = new WebsocketProvider(config.serverUrl, name, doc, {
      ...(token ? { params: { token } } : {}),
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    provider.on('connection-close', () => {
      disconnects++;
    });
    doc.getArray<Entry>('bench').observe((event) => {
      if (event.transaction.local) return;
      const now = performance.now();
      for (const item of event.changes.added) {
        for (const entry of item.content.getContent() as Entry[]) {
          if (entry[1] >= firstMeasured && entry[1] < lastMeasured) latencies.push(now - entry[2]);
        }
      }
    });
    docs.push(doc);
    providers.push(provider);
  }

  const connectStart = performance.now();
  const connectDeadline = connectStart + config.connectTimeoutSec * 1000;
  while (providers.some((p) => !p.synced)) {
    if (performance.now() > connectDeadline) {
      throw new Error(`only ${providers.filter((p) => p.synced).length} of ${K} clients synced in time`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const connectMs = performance.now() - connectStart;
  console.error(
    `  ${K} clients synced on ${config.documents.length} documents in ${connectMs.toFixed(0)} ms`,
  );
  disconnects = 0;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();

  const perClient = lastMeasured;
  const start = performance.now() + 100;
  const next = new Array<number>(K).fill(0);
  let sent = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      let remaining = false;
      for (let i = 0; i < K; i++) {
        let seq = next[i] as number;
        while (seq < perClient && start + ((seq + i / K) / rate) * 1000 <= now) {
          const sentAt = performance.now();
          (docs[i] as Y.Doc).getArray<Entry>('bench').push([[i, seq, sentAt]]);
          if (seq >= firstMeasured) sent++;
          seq++;
        }
        next[i] = seq;
        if (seq < perClient) remaining = true;
      }
      if (remaining) setTimeout(tick, 2);
      else done();
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });

  const clientsPerDoc = new Map<string, number>();
  for (let i = 0; i < K; i++) {
    const name = config.documents[i % config.documents.length] as string;
    clientsPerDoc.set(name, (clientsPerDoc.get(name) ?? 0) + 1);
  }
  let expected = 0;
  for (let i = 0; i < K; i++) {
    const name = config.documents[i % config.documents.length] as string;
    expected += (lastMeasured - firstMeasured) * ((clientsPerDoc.get(name) ?? 1) - 1);
  }
  const drainDeadline = performance.now() + config.drainSec * 1000;
  while (latencies.length < expected && performance.now() < drainDeadline)
    await new Promise((r) => setTimeout(r, 20));

  const disconnectsDuringRun = disconnects;
  const cpu = process.cpuUsage(cpuStart);
  const clientCpuPct = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100;
  for (const p of providers) p.destroy();
  const sorted = Float64Array.from(latencies).sort();
  return {
    clients: K,
    docs: config.documents.length,
    connectMs: Math.round(connectMs),
    sent,
    expected,
    delivered: latencies.length,
    lost: expected - latencies.length,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    updatesPerSec: Math.round(latencies.length / config.measureSec),
    disconnects: disconnectsDuringRun,
    clientCpuPct: Math.round(clientCpuPct),
    latencies: latencies.map((l) => round(l)),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

// Every provider registers a process 'exit' listener; hundreds are expected here.
process.setMaxListeners(0);
const config = JSON.parse(process.argv[2] ?? '{}') as ClientsConfig;
const hardStop = setTimeout(
  () => {
    console.error('collab clients: hard time limit reached');
    process.exit(3);
  },
  (config.connectTimeoutSec + config.warmupSec + config.measureSec + config.drainSec + 30) * 1000,
);
hardStop.unref();
const result = await run(config);
// Exit only once the (large) line is written: a pipe is written asynchronously.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
