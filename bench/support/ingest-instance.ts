/**
 * One Baton instance for the analytics bench's ingest-overhead rounds, in a process of its own so
 * that its garbage collection and background work are billed to it and not to the instance it is
 * compared with. Started with `analytics` = "1" (analytics listening, as shipped) or "0" (analytics
 * unsubscribed after the seed); driven over IPC by bench/analytics.ts:
 * - sends `{ ready: true }` once seeded, served and idle;
 * - on `{ batch: n }` opens n issues (each with a customer message and an agent reply), waits for
 *   every listener to finish and analytics' buffered writes to be made, and answers
 *   `{ cpuUs, wallMs }`: this process's CPU (user + system) and wall time for the batch;
 * - on `{ close: true }` closes the store, removes its folder and exits.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoData } from '../../server/src/demo/seed.ts';
import { createServices } from '../../server/src/services.ts';
import { ManualClock } from '../../server/src/shared/clock.ts';
import { openStore } from '../../server/src/store/index.ts';

/** A Monday, 09:30 UTC: the demo agents are on shift, so issues are offered, not only queued. */
const INGEST_AT = new Date('2026-06-01T09:30:00.000Z');
const STORY = 'My nightly export fails with error 504 and the invoice totals are missing since Monday.';

type Command = { batch: number } | { close: true };

const analytics = process.argv[2] === '1';
const send = (message: object) => process.send!(message);

const dataDir = await mkdtemp(join(tmpdir(), 'baton-bench-ingest-'));
const store = await openStore({ dataDir });
// The configuration `npm start` runs: demo teams and agents with their past issues, the shipped
// routing and notification flows and playbooks, the business-hours SLA policy.
const services = await createServices({
  store,
  clock: new ManualClock(INGEST_AT),
  log: { error: () => {} },
  warmDelayMs: 0,
});
await seedDemoData(services);
services.modules.serving();
await services.intelligence.warmUp();
await services.bus.drain();
await services.analytics.flush();
if (!analytics) services.analytics.unfollow();
const agent = (await services.directory.allAgents())[0]!;
let next = 0;

async function batch(n: number): Promise<{ cpuUs: number; wallMs: number }> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let k = 0; k < n; k++) {
    const i = next++;
    const { issue } = await services.issues.create({
      subject: `Ingest ${i}`,
      body: STORY,
      channel: 'email',
      customer: { email: `ingest-${i % 200}@example.com` },
    });
    await services.issues.addEvent(
      issue.id,
      { type: 'customer_message', text: 'Any news?' },
      { defaultAuthor: { kind: 'system', name: 'bench' } },
    );
    await services.issues.addEvent(
      issue.id,
      { type: 'agent_reply', text: 'On it.' },
      { author: { kind: 'agent', id: agent.id }, defaultAuthor: { kind: 'system', name: 'bench' } },
    );
    if (k % 50 === 49) await services.bus.drain();
  }
  await services.bus.drain();
  // Analytics' write-behind is made inside the measurement (a timer would make it a second later).
  if (analytics) await services.analytics.flush();
  const used = process.cpuUsage(cpu);
  return { cpuUs: used.user + used.system, wallMs: performance.now() - start };
}

process.on('message', (command: Command) => {
  if ('batch' in command) {
    void batch(command.batch).then(send);
    return;
  }
  void (async () => {
    await services.modules.stop();
    await services.bus.drain();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
    process.exit(0);
  })();
});
send({ ready: true });
