/**
 * SLA benchmark: 100,000 live SLA clocks on the embedded store, in one process with the real clock
 * and the timer poller. Issues are opened through the issues module at `--rate` per second (1,000:
 * far beyond any help desk, 86 million a day); the SLA module starts a first-response clock on each
 * (a 4-minute target in wall-clock time, a warning at 50 %, the breach at 100 %), the clock's next
 * threshold a durable timer. Two minutes in, the 50 % warnings begin to fire at the rate the clocks
 * were started — while clocks are still being scheduled and every clock stays live (its breach timer
 * pending). Lateness is measured per firing: the time the `sla.warning` event carries minus the
 * instant the threshold was reached. Memory is the process's peak resident set.
 *
 * Prints progress to stderr and, last on stdout:
 * {"bench":"sla","clocks":100000,"p99LateMs":…,"rssMb":…,"firings":…,"p50LateMs":…,"maxLateMs":…,"clocksPerSec":…}
 * Bounded: it stops on its own once every clock's 50 % warning has fired, or at a deadline.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { durationMs } from '../server/src/engine/duration.ts';
import { createServices } from '../server/src/services.ts';
import { systemClock } from '../server/src/shared/clock.ts';
import { thresholdMs } from '../server/src/sla/clock.ts';
import { openStore } from '../server/src/store/index.ts';

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      clocks: { type: 'string', default: '100000' },
      target: { type: 'string', default: 'PT4M' },
      customers: { type: 'string', default: '1000' },
      rate: { type: 'string', default: '1000' },
    },
  });
  const count = Number(values.clocks);
  const target = values.target!;
  const targetMs = durationMs(target);
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-bench-sla-'));
  const store = await openStore({ dataDir });
  const errors: unknown[] = [];
  const services = await createServices({
    store,
    clock: systemClock,
    log: { error: (obj) => void errors.push(obj) },
    pollTimers: true,
  });
  try {
    // Only the bench's policy applies: first response in wall-clock time, thresholds 50/75/100 %.
    const seeded = await services.sla.listPolicies();
    await services.sla.createPolicy({
      name: 'Bench',
      isDefault: true,
      order: 0,
      metrics: { firstResponse: { targets: { default: target }, businessHours: false } },
      calendar: { timeZoneFrom: 'policy', timeZone: 'UTC' },
      pauseOn: ['pending'],
      warnAt: [50, 100],
    });
    for (const p of seeded) await services.sla.deletePolicy(p.id);
    services.timers.start();

    const late: number[] = [];
    let halves = 0;
    const onFire = (at: string, startedAt: string, percent: number) => {
      late.push(Date.parse(at) - (Date.parse(startedAt) + thresholdMs(targetMs, percent)));
      if (percent === 50) halves++;
    };
    services.bus.on('sla.warning', (e) => onFire(e.at, e.clock.startedAt!, e.percent));
    services.bus.on('sla.breached', (e) => onFire(e.at, e.clock.startedAt!, 100));

    const customers = Number(values.customers);
    const rate = Number(values.rate);
    const t0 = performance.now();
    let lastReport = t0;
    for (let i = 0; i < count; i++) {
      await services.issues.create({
        subject: `Bench issue ${i}`,
        body: 'The export fails every night.',
        channel: 'email',
        customer: { email: `bench-${i % customers}@example.com` },
      });
      // Let the SLA module start each batch of clocks, and keep to the rate.
      if (i % 100 === 99) {
        await services.bus.drain();
        const ahead = t0 + ((i + 1) / rate) * 1000 - performance.now();
        await new Promise((r) => (ahead > 0 ? setTimeout(r, ahead) : setImmediate(r)));
      }
      if (performance.now() - lastReport > 5000) {
        lastReport = performance.now();
        console.error(`bench sla: ${i + 1} clocks scheduled, ${late.length} thresholds fired`);
      }
    }
    await services.bus.drain();
    const scheduleSec = (performance.now() - t0) / 1000;
    const live = await store.collection('sla_clocks').countDocuments({ state: 'running' });
    console.error(
      `bench sla: ${count} clocks scheduled in ${scheduleSec.toFixed(1)} s (${live} running); waiting for every 50 % warning`,
    );

    // The last clock's 50 % warning is due half the target after it started; allow a minute more.
    const deadline = performance.now() + targetMs / 2 + 60_000;
    while (halves < count && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      console.error(`bench sla: ${halves}/${count} clocks warned at 50 %, ${late.length} thresholds fired`);
    }
    const sorted = Float64Array.from(late).sort();
    const pct = (p: number) =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : -1;
    console.error(
      JSON.stringify({ handlerErrors: errors.length, minLateMs: sorted[0] ?? null, scheduleSec }),
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'sla',
        clocks: count,
        p99LateMs: Math.round(pct(99)),
        // Peak resident set of the process, as the OS counted it (kB).
        rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        firings: late.length,
        p50LateMs: Math.round(pct(50)),
        maxLateMs: Math.round(sorted.at(-1) ?? -1),
        clocksPerSec: Math.round(count / scheduleSec),
      })}\n`,
    );
  } finally {
    await services.timers.stop();
    await services.bus.drain();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
