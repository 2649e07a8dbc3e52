/**
 * Notify benchmark: 10,000 notifications through the outbox — queued with `notify.send`, claimed
 * with leases by the delivery worker, sent by the webhook plugin (HMAC-signed, SSRF-guarded with
 * loopback allowed explicitly) — to a loopback HTTP sink that fails 20% of first attempts (503). The
 * sink counts successful receipts per idempotency key: a key received twice is a duplicate. Bounded:
 * stops when every message is delivered or after `--timeout` seconds. Prints
 * {"bench":"notify","messages","delivered","duplicates","perSec","p99DeliveryMs"}.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SecretBox } from '../server/src/plugins/secret-box.ts';
import { createServices } from '../server/src/services.ts';
import { systemClock } from '../server/src/shared/clock.ts';
import { openStore } from '../server/src/store/index.ts';

interface Sink {
  url: string;
  delivered: Map<string, number>;
  attempts: number;
  failedFirst: number;
  close(): Promise<void>;
}

/** Fails the first attempt of a deterministic 20% of keys (every key whose number is ≡ 0 mod 5). */
async function startSink(): Promise<Sink> {
  const seen = new Set<string>();
  const delivered = new Map<string, number>();
  const sink: Sink = { url: '', delivered, attempts: 0, failedFirst: 0, close: async () => {} };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      sink.attempts++;
      const key = String(req.headers['idempotency-key'] ?? '');
      const n = Number(/bench-(\d+)/.exec(key)?.[1] ?? -1);
      if (!seen.has(key)) {
        seen.add(key);
        if (n % 5 === 0) {
          sink.failedFirst++;
          res.writeHead(503).end();
          return;
        }
      }
      delivered.set(key, (delivered.get(key) ?? 0) + 1);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sink.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return sink;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      messages: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '32' },
      timeout: { type: 'string', default: '300' },
    },
  });
  const messages = Number(values.messages);
  const deadline = Date.now() + Number(values.timeout) * 1000;
  const sink = await startSink();
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-bench-notify-'));
  const store = await openStore({ dataDir });
  const errors: string[] = [];
  const log = { error: (_obj: object, msg: string) => void errors.push(msg), warn: () => {}, info: () => {} };
  const services = await createServices({
    store,
    clock: systemClock,
    log,
    notifications: {
      plugins: {
        secretBox: new SecretBox(randomBytes(32)),
        allowPrivate: ['127.0.0.1'],
        publicUrl: 'http://127.0.0.1:3000',
      },
      worker: { concurrency: Number(values.concurrency), backoff: { baseDelayMs: 200 } },
    },
  });
  const { notify, plugins } = services.notifications;
  try {
    await plugins.putSecrets('webhook', { signingSecret: 'bench-secret' });
    services.notifications.start();
    console.error(`bench notify: ${messages} notifications to ${sink.url}, 20% of first attempts fail`);
    const started = Date.now();
    const template = { subject: 'Bench {{ n }}', text: 'Notification {{ n }} of {{ total }}' };
    for (let i = 0; i < messages; i += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, messages - i) }, (_, j) =>
          notify.send({
            to: { kind: 'address', channel: 'webhook', address: `${sink.url}/hook` },
            template,
            vars: { n: i + j, total: messages },
            idempotencyKey: `bench-${i + j}`,
            source: { kind: 'system' },
          }),
        ),
      );
    }
    console.error(`bench notify: queued in ${Date.now() - started} ms`);
    let last = -1;
    while (sink.delivered.size < messages && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      if (
        sink.delivered.size !== last &&
        Math.floor(sink.delivered.size / 2000) !== Math.floor(last / 2000)
      ) {
        console.error(`bench notify: ${sink.delivered.size} delivered, ${sink.attempts} attempts`);
      }
      last = sink.delivered.size;
    }
    // Let the last results settle in the outbox before reading it.
    const settleBy = Date.now() + 10_000;
    while (
      (await notify.outbox.collection.countDocuments({ status: 'delivered' })) < sink.delivered.size &&
      Date.now() < settleBy
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await services.notifications.stop();
    const rows = await notify.outbox.collection.find({ status: 'delivered' });
    const latencies = rows
      .map((r) => Date.parse(r.deliveredAt!) - Date.parse(r.createdAt))
      .sort((a, b) => a - b);
    const lastDelivered = Math.max(...rows.map((r) => Date.parse(r.deliveredAt!)));
    const seconds = (lastDelivered - started) / 1000;
    const duplicates = [...sink.delivered.values()].reduce((sum, n) => sum + (n - 1), 0);
    const counts = await notify.outbox.countByStatus();
    console.error(
      JSON.stringify({
        sinkAttempts: sink.attempts,
        failedFirstAttempts: sink.failedFirst,
        outbox: counts,
        seconds,
        errors: errors.slice(0, 5),
      }),
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'notify',
        messages,
        delivered: sink.delivered.size,
        duplicates,
        perSec: Math.round(rows.length / seconds),
        p99DeliveryMs: percentile(latencies, 99),
      })}\n`,
    );
  } finally {
    await services.notifications.stop();
    await services.timers.stop();
    await services.bus.drain();
    await store.close();
    await sink.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
