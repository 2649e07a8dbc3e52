/**
 * The load side of `npm run bench -- collab`, run in its own process (pinned to its own core by the
 * parent): K clients over D documents speaking the y-websocket wire protocol (sync step 1/2 and
 * updates, y-protocols' encoding) over `ws`. Each client writes small entries to a Y.Array of its
 * document at a fixed rate, each entry carrying (client, seq, send time); every other client of the
 * document measures, on receipt, how long the entry took to reach it (one clock: all clients live in
 * this process).
 *
 * Why not the stock `WebsocketProvider` per client: a receiving Y.Doc integrates every entry, which
 * costs the load generator more per delivery than either server spends, so the clients saturated
 * first and both servers looked equal. Here a client's Y.Doc holds only its own entries (what it
 * writes builds only on what it wrote, which the server has), and received updates are decoded
 * (`Y.decodeUpdate`) rather than integrated. The servers see the same frames as from stock clients.
 *
 * The schedule is deterministic: client i sends its seq s at start + (s + i/K) / rate. Entries with
 * seq in the measured range (after the warm-up) count; the process waits for them up to a drain
 * deadline and prints one JSON line with counts and latency percentiles.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
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
  disconnects: number;
  /** CPU of this (client) process while sending and draining, in % of one core. */
  clientCpuPct: number;
  /** performance.now() (this process) when the first measured entry was due and when the last was. */
  windowMs: number;
}

type Entry = [client: number, seq: number, sentAt: number];

const MESSAGE_SYNC = 0;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;

function syncMessage(type: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function percentile(sorted: Float64Array, p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Client {
  index: number;
  doc: Y.Doc;
  socket: WebSocket;
  synced: boolean;
}

async function run(config: ClientsConfig): Promise<ClientsResult> {
  const { clients: K, ratePerClient: rate } = config;
  const firstMeasured = Math.round(config.warmupSec * rate);
  const lastMeasured = Math.round((config.warmupSec + config.measureSec) * rate); // exclusive
  const latencies: number[] = [];
  const list: Client[] = [];
  let disconnects = 0;

  const onUpdate = (client: Client, update: Uint8Array) => {
    const now = performance.now();
    const { structs } = Y.decodeUpdate(update);
    for (const struct of structs) {
      const content = (struct as Y.Item).content as { arr?: unknown[] } | undefined;
      if (!content?.arr) continue;
      for (const entry of content.arr as Entry[]) {
        if (!Array.isArray(entry) || entry[0] === client.index) continue;
        if (entry[1] >= firstMeasured && entry[1] < lastMeasured) latencies.push(now - entry[2]);
      }
    }
  };

  for (let i = 0; i < K; i++) {
    const doc = new Y.Doc();
    const name = config.documents[i % config.documents.length] as string;
    const token = config.tokens?.[i];
    const url = `${config.serverUrl}/${encodeURIComponent(name)}${token ? `?token=${encodeURIComponent(token)}` : ''}`;
    const socket = new WebSocket(url, { perMessageDeflate: false });
    socket.binaryType = 'nodebuffer';
    const client: Client = { index: i, doc, socket, synced: false };
    doc.on('update', (update: Uint8Array) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(syncMessage(SYNC_UPDATE, update));
    });
    socket.on('open', () => socket.send(syncMessage(SYNC_STEP1, Y.encodeStateVector(doc))));
    socket.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return; // awareness, auth
      const type = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (type === SYNC_STEP1) socket.send(syncMessage(SYNC_STEP2, Y.encodeStateAsUpdate(doc, payload)));
      else if (type === SYNC_STEP2) client.synced = true;
      else if (type === SYNC_UPDATE) onUpdate(client, payload);
    });
    socket.on('close', () => {
      disconnects++;
    });
    socket.on('error', () => {});
    list.push(client);
  }

  const connectStart = performance.now();
  const connectDeadline = connectStart + config.connectTimeoutSec * 1000;
  while (list.some((c) => !c.synced)) {
    if (performance.now() > connectDeadline) {
      throw new Error(`only ${list.filter((c) => c.synced).length} of ${K} clients synced in time`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const connectMs = performance.now() - connectStart;
  disconnects = 0;
  const start = performance.now() + 100;
  // Tell the parent when the measured window starts and ends (it samples the server's CPU there).
  console.error(`clients synced ${K} on ${config.documents.length} documents in ${connectMs.toFixed(0)} ms`);
  const windowStart = start + (firstMeasured / rate) * 1000;
  const windowEnd = start + (lastMeasured / rate) * 1000;
  setTimeout(() => console.error('window start'), windowStart - performance.now());
  setTimeout(() => console.error('window end'), windowEnd - performance.now());
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();

  const next = new Array<number>(K).fill(0);
  let sent = 0;
  await new Promise<void>((done) => {
    const tick = () => {
      const now = performance.now();
      let remaining = false;
      for (let i = 0; i < K; i++) {
        let seq = next[i] as number;
        while (seq < lastMeasured && start + ((seq + i / K) / rate) * 1000 <= now) {
          (list[i] as Client).doc.getArray<Entry>('bench').push([[i, seq, performance.now()]]);
          if (seq >= firstMeasured) sent++;
          seq++;
        }
        next[i] = seq;
        if (seq < lastMeasured) remaining = true;
      }
      if (remaining) setTimeout(tick, 1);
      else done();
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });

  const perDoc = new Map<string, number>();
  for (let i = 0; i < K; i++) {
    const name = config.documents[i % config.documents.length] as string;
    perDoc.set(name, (perDoc.get(name) ?? 0) + 1);
  }
  let expected = 0;
  for (let i = 0; i < K; i++) {
    const name = config.documents[i % config.documents.length] as string;
    expected += (lastMeasured - firstMeasured) * ((perDoc.get(name) ?? 1) - 1);
  }
  const drainDeadline = performance.now() + config.drainSec * 1000;
  while (latencies.length < expected && performance.now() < drainDeadline)
    await new Promise((r) => setTimeout(r, 20));

  const disconnectsDuringRun = disconnects;
  const cpu = process.cpuUsage(cpuStart);
  const clientCpuPct = ((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100;
  for (const c of list) c.socket.terminate();
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
    disconnects: disconnectsDuringRun,
    clientCpuPct: Math.round(clientCpuPct),
    windowMs: Math.round(windowEnd - windowStart),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

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
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
