/**
 * Notify benchmark: notifications through Baton's outbox to a real webhook receiver, with the
 * failures that make at-least-once delivery send twice, and the delivery worker killed mid-run.
 *
 * - Baton runs as `npm start` runs it (its own process, demo data, default settings — the outbox's
 *   delivery worker lives in the server process), with loopback allowed as a webhook target
 *   (BATON_EGRESS_ALLOW_PRIVATE=127.0.0.1) and the webhook plugin's signing secret set over the API.
 * - `--messages` notifications are queued with `POST /api/notifications` at `--rate` per second (each
 *   with its own idempotency key; a POST refused while the server is down is sent again with the same
 *   key); the worker sends them through the webhook plugin.
 * - The receiver is an HTTP server on loopback that verifies the signature and acts on a
 *   notification once per `Idempotency-Key` (the documented contract for webhook receivers). Of all
 *   requests (retries included, drawn from a seeded generator): 5 % are acknowledged late — after
 *   the plugin's 10 s timeout, so the sender retries what the receiver already has — and 5 % are
 *   received and then answered with a TCP reset (the sender cannot know it arrived).
 * - Once `--kill-at` of the notifications have arrived, the server is killed with SIGKILL while
 *   sends are in flight, and restarted on the same data folder.
 *
 * The receiver identifies each notification independently of the key (its number in the text), so
 * `duplicatesAtReceiver` counts notifications it acted on more than once (a retry under another key,
 * or without one); `sameKeyRepeats` counts the repeats the key absorbed. `lost` = queued and never
 * arrived by the deadline. Latency is from the first POST to the first arrival at the receiver.
 *
 * Prints {"bench":"notify","deliveries","duplicatesAtReceiver","lost","lateAcks","resets",
 * "workerKilled","p99DeliveryMs",…}.
 */
import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { verifyPayload } from '../plugins/sdk/src/signature.ts';
import { api, type RunningBaton, startBaton } from '../tests/helpers/server.ts';
import { percentile } from './support/process.ts';

const SIGNING_SECRET = 'whsec_bench_notify';
/** The webhook plugin's default timeout (plugin.json): a late answer comes after it. */
const SENDER_TIMEOUT_MS = 10_000;

/** mulberry32: a small seeded generator, so every run injects the same sequence of failures. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Receiver {
  url: string;
  requests: number;
  lateAcks: number;
  resets: number;
  badSignatures: number;
  /** Requests whose key was already acted on (absorbed by the receiver's dedupe). */
  sameKeyRepeats: number;
  /** Keys acted on. */
  keys: Set<string>;
  /** Per notification number: how often the receiver acted on it, and when it first arrived. */
  actedOn: Map<number, number>;
  firstArrival: Map<number, number>;
  close(): Promise<void>;
}

async function startReceiver(lateRate: number, resetRate: number, seed: number): Promise<Receiver> {
  const random = seeded(seed);
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const r: Receiver = {
    url: '',
    requests: 0,
    lateAcks: 0,
    resets: 0,
    badSignatures: 0,
    sameKeyRepeats: 0,
    keys: new Set(),
    actedOn: new Map(),
    firstArrival: new Map(),
    close: async () => {},
  };
  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    r.requests++;
    const verified = verifyPayload({
      secret: SIGNING_SECRET,
      header: req.headers['x-baton-signature'] as string | undefined,
      body,
    });
    if (!verified.ok) {
      r.badSignatures++;
      res.writeHead(401).end();
      return;
    }
    const key = String(req.headers['idempotency-key'] ?? '');
    const text = String((JSON.parse(body) as { text?: string }).text ?? '');
    const n = Number(/Notification (\d+) of/.exec(text)?.[1] ?? -1);
    // The receiver's contract: act once per Idempotency-Key.
    if (key && r.keys.has(key)) r.sameKeyRepeats++;
    else {
      if (key) r.keys.add(key);
      r.actedOn.set(n, (r.actedOn.get(n) ?? 0) + 1);
      if (!r.firstArrival.has(n)) r.firstArrival.set(n, Date.now());
    }
    const fate = random();
    if (fate < lateRate) {
      r.lateAcks++;
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) res.writeHead(200).end('{"ok":true}');
      }, SENDER_TIMEOUT_MS + 1000);
      timers.add(timer);
    } else if (fate < lateRate + resetRate) {
      r.resets++;
      req.socket.resetAndDestroy();
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }
  };
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => handle(req, res, body));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  r.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  r.close = () =>
    new Promise((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return r;
}

const ALLOW_LOOPBACK = { BATON_EGRESS_ALLOW_PRIVATE: '127.0.0.1' };

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '2000' },
      'late-rate': { type: 'string', default: '0.05' },
      'reset-rate': { type: 'string', default: '0.05' },
      'kill-at': { type: 'string', default: '0.4' },
      rate: { type: 'string', default: '20' },
      seed: { type: 'string', default: '18' },
      timeout: { type: 'string', default: '600' },
    },
  });
  const messages = Number(values.messages);
  const lateRate = Number(values['late-rate']);
  const resetRate = Number(values['reset-rate']);
  const killAt = Number(values['kill-at']);
  const rate = Number(values.rate);
  if (
    !(messages > 0) ||
    !(rate > 0) ||
    !(lateRate >= 0) ||
    !(resetRate >= 0) ||
    !(killAt > 0 && killAt < 1)
  ) {
    throw new Error(
      '--messages and --rate must be positive, the rates at least 0 and --kill-at between 0 and 1',
    );
  }
  const deadline = Date.now() + Number(values.timeout) * 1000;
  const receiver = await startReceiver(lateRate, resetRate, Number(values.seed));
  let baton: RunningBaton = await startBaton({ demo: true, env: ALLOW_LOOPBACK, startTimeoutMs: 300_000 });
  const dataDir = baton.dataDir;
  let killed = false;
  let restartMs = 0;
  try {
    const secrets = await api(baton, '/api/plugins/webhook/secrets', {
      method: 'PUT',
      json: { secrets: { signingSecret: SIGNING_SECRET } },
    });
    if (secrets.status !== 200) throw new Error(`setting the webhook secret failed: ${secrets.status}`);
    console.error(
      `bench notify: ${messages} notifications to ${receiver.url}; ${lateRate * 100} % late acknowledgements, ${resetRate * 100} % resets after receipt; the server is killed once ${killAt * 100} % arrived`,
    );

    // Queued at a steady rate, like notifications from a running help desk; a POST that fails while
    // the server is down is sent again with the same key once it is back (the outbox keeps one).
    const queuedAt = new Map<number, number>();
    const started = Date.now();
    let posted = 0;
    let postRetries = 0;
    const post = async () => {
      for (let n = 0; n < messages; n++) {
        const ahead = started + (n / rate) * 1000 - Date.now();
        if (ahead > 0) await new Promise((r) => setTimeout(r, ahead));
        queuedAt.set(n, Date.now());
        for (;;) {
          try {
            const res = await api(baton, '/api/notifications', {
              method: 'POST',
              json: {
                to: { kind: 'address', channel: 'webhook', address: `${receiver.url}/hook` },
                template: { subject: 'Bench {{ n }}', text: 'Notification {{ n }} of {{ total }}' },
                vars: { n, total: messages },
                idempotencyKey: `bench-${n}`,
              },
            });
            await res.arrayBuffer();
            if (res.status === 202) break;
            if (res.status < 500) throw new Error(`queueing failed: ${res.status}`);
          } catch (error) {
            if ((error as Error).message.startsWith('queueing failed')) throw error;
          }
          postRetries++;
          await new Promise((r) => setTimeout(r, 200));
        }
        posted++;
      }
      console.error(`bench notify: all ${messages} queued in ${Date.now() - started} ms`);
    };

    const watch = async () => {
      let lastReport = 0;
      while (receiver.firstArrival.size < messages && Date.now() < deadline) {
        if (!killed && receiver.firstArrival.size >= messages * killAt) {
          killed = true;
          console.error(
            `bench notify: ${receiver.firstArrival.size} arrived — killing the server (SIGKILL) mid-delivery`,
          );
          await baton.kill();
          const t = Date.now();
          baton = await startBaton({ dataDir, demo: true, env: ALLOW_LOOPBACK, startTimeoutMs: 300_000 });
          restartMs = Date.now() - t;
          console.error(`bench notify: restarted in ${restartMs} ms`);
        }
        await new Promise((r) => setTimeout(r, 100));
        if (Date.now() - lastReport > 5000) {
          lastReport = Date.now();
          console.error(
            `bench notify: ${posted} queued, ${receiver.firstArrival.size} arrived, ${receiver.requests} requests, ${receiver.lateAcks} late, ${receiver.resets} reset`,
          );
        }
      }
    };
    await Promise.all([post(), watch()]);
    const arrivedAll = Date.now();

    // Every notification has arrived; the outbox still retries what the receiver answered late or
    // reset. Wait for it to settle, so every repeat reaches the receiver and is counted.
    const count = async (status: string) => {
      let total = 0;
      let cursor = '';
      for (;;) {
        const res = await api(
          baton,
          `/api/notifications?status=${status}&channel=webhook&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        );
        const page = (await res.json()) as { items: unknown[]; nextCursor?: string | null };
        total += page.items.length;
        if (!page.nextCursor) return total;
        cursor = encodeURIComponent(page.nextCursor);
      }
    };
    while (Date.now() < deadline && (await count('queued')) + (await count('sending')) > 0) {
      await new Promise((r) => setTimeout(r, 500));
    }
    const outbox = {
      delivered: await count('delivered'),
      dead: await count('dead'),
      queued: await count('queued'),
      sending: await count('sending'),
    };
    console.error(
      `bench notify: outbox settled ${Date.now() - arrivedAll} ms after the last arrival: ${JSON.stringify(outbox)}`,
    );
    const latencies: number[] = [];
    for (const [n, at] of receiver.firstArrival) latencies.push(at - (queuedAt.get(n) ?? at));
    const duplicates = [...receiver.actedOn.values()].reduce((sum, k) => sum + Math.max(0, k - 1), 0);
    const delivered = [...receiver.actedOn.keys()].filter((n) => n >= 0 && n < messages).length;
    console.error(
      JSON.stringify({
        requests: receiver.requests,
        badSignatures: receiver.badSignatures,
        restartMs,
        postRetries,
        seconds: Math.round((Date.now() - started) / 1000),
      }),
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'notify',
        deliveries: delivered,
        duplicatesAtReceiver: duplicates,
        lost: messages - delivered,
        lateAcks: receiver.lateAcks,
        resets: receiver.resets,
        sameKeyRepeats: receiver.sameKeyRepeats,
        workerKilled: killed,
        outboxDelivered: outbox.delivered,
        outboxDead: outbox.dead,
        p50DeliveryMs: Math.round(percentile(latencies, 50)),
        p99DeliveryMs: Math.round(percentile(latencies, 99)),
        maxDeliveryMs: Math.round(percentile(latencies, 100)),
        loadAvg: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      })}\n`,
    );
  } finally {
    await baton.cleanup();
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
