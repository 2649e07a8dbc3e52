/**
 * SLA benchmark: the shipped configuration (demo data, flows, agents and the seeded Standard policy:
 * first response within 1 business hour, Monday to Friday 09:00–17:00 in the customer's time zone,
 * warnings at 50 and 75 %, the breach at 100 %) with issues ingested in the same process from
 * customers in 7 time zones, the timer poller firing thresholds on the real clock, and an independent
 * check of every firing.
 *
 * The clock runs at real speed from a chosen instant (a constant offset from the system clock), so
 * business hours are where the run needs them: Wednesday 2026-12-09, 12:00–13:00 UTC, when São Paulo
 * opens (09:00 local), London and Berlin are open, Dubai closes (17:00 local), Halifax opens at the
 * end (09:00 local) and New York and Tokyo are closed. A 1-hour business target cannot fire within a
 * few real minutes, so the run is 5 stages of `--stage` real seconds, 15 shifted minutes apart (the
 * clock jumps forward between stages, 5 s before each stage's first issue; nothing else touches it). Issues are ingested at `--rate` per
 * second during each stage; one opened δ seconds into a stage reaches 50 % δ seconds into the stage
 * two later, 75 % three later and its breach four later — in real time, where the poller must fire it.
 *
 * The expectation is computed here, separately from the SLA module: for each clock that ran without
 * interruption (no pause, stop or reset in its log), when its business time (walked minute by minute
 * through `Intl` local times, or wall time for non-business metrics) reaches each threshold. A firing
 * due inside a stage must be observed after it (lateness = observed − due, on the same clock); one
 * due while the clock jumped (a gap) must fire right after the jump (`catchUp`, not in lateness);
 * one due after the run must not have fired. missed / early / unexpected count the disagreements.
 *
 * Prints progress to stderr and, last on stdout:
 * {"bench":"sla","clocks","warnings","breaches","missed","early","unexpected","p99LatenessMs",…}
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { seedDemoData } from '../server/src/demo/seed.ts';
import { createServices } from '../server/src/services.ts';
import type { Clock } from '../server/src/shared/clock.ts';
import { openStore } from '../server/src/store/index.ts';
import { percentile } from './support/process.ts';

/** Real-speed time from a chosen instant: `set` moves it (a jump), nothing else does. */
class ShiftedClock implements Clock {
  #offset = 0;
  now(): Date {
    return new Date(Date.now() + this.#offset);
  }
  set(to: number): void {
    this.#offset = to - Date.now();
  }
}

const ZONES = [
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Dubai',
  'America/Halifax',
  'America/New_York',
  'Asia/Tokyo',
] as const;
const FIRST_STAGE = Date.parse('2026-12-09T12:00:00.000Z');
const STAGE_SPACING_MS = 15 * 60_000;
const STAGES = 5;
/** Real time between a jump and the stage's first issue. */
const LEAD_MS = 5000;
const MINUTE = 60_000;
/** An observation this much before its due time is early (the poller's own timer resolution). */
const EARLY_TOLERANCE_MS = 5;

// ---- the independent expectation ------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
const openMinutes = new Map<string, boolean>();

/** Whether `ms` falls in Monday–Friday 09:00–17:00 local time in `zone` (constant within a UTC minute). */
function isOpen(zone: string, ms: number): boolean {
  const minute = Math.floor(ms / MINUTE);
  const key = `${zone}|${minute}`;
  const cached = openMinutes.get(key);
  if (cached !== undefined) return cached;
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(minute * MINUTE).map((p) => [p.type, p.value]));
  const local = Number(parts.hour) * 60 + Number(parts.minute);
  const open = !['Sat', 'Sun'].includes(parts.weekday ?? '') && local >= 9 * 60 && local < 17 * 60;
  openMinutes.set(key, open);
  return open;
}

/** When `needMs` of business (or wall) time has passed since `start`, or null if not before `horizon`. */
function reached(zone: string, business: boolean, start: number, needMs: number, horizon: number) {
  if (!business) return start + needMs <= horizon ? start + needMs : null;
  let t = start;
  let accrued = 0;
  while (t < horizon) {
    const minuteEnd = (Math.floor(t / MINUTE) + 1) * MINUTE;
    if (isOpen(zone, t)) {
      if (accrued + (minuteEnd - t) >= needMs) return t + (needMs - accrued);
      accrued += minuteEnd - t;
    }
    t = minuteEnd;
  }
  return null;
}

interface StoredClockRow {
  _id: string;
  issueId: string;
  metric: string;
  state: string;
  startedAt: string;
  targetMs?: number;
  businessHours: boolean;
  calendar: { timeZone: string };
  warnAt: number[];
  log: Array<{ type: string }>;
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      rate: { type: 'string', default: '10' },
      stage: { type: 'string', default: '25' },
    },
  });
  const rate = Number(values.rate);
  const stageMs = Number(values.stage) * 1000;
  if (!(rate > 0) || !(stageMs >= 10_000))
    throw new Error('--rate must be positive and --stage at least 10 s');
  const ingestMs = stageMs - 5000;

  const clock = new ShiftedClock();
  clock.set(FIRST_STAGE - 10 * MINUTE);
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-bench-sla-'));
  const store = await openStore({ dataDir });
  const errors: unknown[] = [];
  const services = await createServices({
    store,
    clock,
    log: { error: (obj) => void errors.push(obj) },
    pollTimers: true,
  });
  try {
    const seeded = await seedDemoData(services);
    console.error(`bench sla: demo seeded ${JSON.stringify(seeded)}`);
    const policies = await services.sla.listPolicies();
    const standard = policies.find((p) => p.isDefault);
    console.error(`bench sla: default policy ${standard?.name} (${policies.length} policies)`);
    services.timers.start();

    const mine = new Map<string, string>(); // issue id → customer's time zone
    const observed: Array<{ clockId: string; issueId: string; percent: number; at: number }> = [];
    services.bus.on('sla.warning', (e) => {
      if (mine.has(e.issueId))
        observed.push({
          clockId: e.clock.id,
          issueId: e.issueId,
          percent: e.percent,
          at: clock.now().getTime(),
        });
    });
    services.bus.on('sla.breached', (e) => {
      if (mine.has(e.issueId))
        observed.push({ clockId: e.clock.id, issueId: e.issueId, percent: 100, at: clock.now().getTime() });
    });

    // How long the event loop was held (by ingest and everything it triggers, or by the machine):
    // no timer can fire while it is.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const segments: Array<{ from: number; to: number }> = [];
    let n = 0;
    for (let s = 0; s < STAGES; s++) {
      const stageAt = FIRST_STAGE + s * STAGE_SPACING_MS;
      // The jump itself makes 15 minutes of everything else due at once (offer expiries, routing's
      // shift changes, the demo's timers); ingest starts — and so thresholds fall due — only after
      // that burst had LEAD_MS of real time, as it would have on a clock that never jumps.
      clock.set(stageAt - LEAD_MS);
      const from = clock.now().getTime();
      await new Promise((r) => setTimeout(r, LEAD_MS));
      const realStart = performance.now();
      let inStage = 0;
      // Ingest: issues from customers across the zones, at the rate, for most of the stage.
      while (performance.now() - realStart < ingestMs) {
        const zone = ZONES[n % ZONES.length] as string;
        const { issue } = await services.issues.create({
          subject: `Export fails, case ${n}`,
          body: 'The nightly export fails with a timeout since Monday.',
          channel: 'email',
          // 490 customers, each always in the same zone (a customer keeps the time zone it was created with).
          customer: { email: `sla-bench-${n % 490}@example.test`, timeZone: zone },
        });
        mine.set(issue.id, zone);
        n++;
        inStage++;
        const ahead = realStart + (inStage / rate) * 1000 - performance.now();
        // Keep to the rate, and let the bus and the poller have the loop between issues.
        await new Promise((r) => (ahead > 0 ? setTimeout(r, ahead) : setImmediate(r)));
      }
      const rest = stageMs - (performance.now() - realStart);
      if (rest > 0) await new Promise((r) => setTimeout(r, rest));
      await services.bus.drain();
      segments.push({ from, to: clock.now().getTime() });
      console.error(
        `bench sla: stage ${s + 1}/${STAGES} at ${new Date(stageAt).toISOString()}: ${n} issues, ${observed.length} thresholds fired`,
      );
    }
    const end = clock.now().getTime();
    loopDelay.disable();
    const cpu = process.cpuUsage(cpuStart);
    const cpuPct = Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - wallStart)) * 100);
    await services.timers.stop();
    await services.bus.drain();

    // The expectation, per clock of the bench's issues that ran without interruption.
    const rows = (await store
      .collection('sla_clocks')
      .find({ issueId: { $in: [...mine.keys()] } })) as unknown as StoredClockRow[];
    const seen = new Map<string, number>();
    for (const o of observed) seen.set(`${o.clockId}|${o.percent}`, o.at);
    let interrupted = 0;
    let zoneMismatch = 0;
    let missed = 0;
    let early = 0;
    let catchUp = 0;
    let deferred = 0;
    const lateness: number[] = [];
    const worst: Array<{ late: number; intoStageMs: number; percent: number; zone: string }> = [];
    const expectedKeys = new Set<string>();
    for (const row of rows) {
      if (row.targetMs === undefined) continue;
      const zone = mine.get(row.issueId) as string;
      if (row.businessHours && row.calendar.timeZone !== zone) zoneMismatch++;
      if (row.log.some((entry) => !['started', 'warning', 'breached'].includes(entry.type))) {
        interrupted++;
        continue;
      }
      for (const percent of row.warnAt) {
        const key = `${row._id}|${percent}`;
        const due = reached(
          zone,
          row.businessHours,
          Date.parse(row.startedAt),
          Math.ceil((row.targetMs * percent) / 100),
          end,
        );
        if (due === null) {
          deferred++;
          continue;
        }
        expectedKeys.add(key);
        const at = seen.get(key);
        if (at === undefined) {
          missed++;
          continue;
        }
        const inSegment = segments.some((g) => due >= g.from && due <= g.to);
        if (at < due - EARLY_TOLERANCE_MS) early++;
        else if (inSegment) {
          lateness.push(at - due);
          const g = segments.find((x) => due >= x.from && due <= x.to) as { from: number };
          worst.push({ late: at - due, intoStageMs: due - g.from, percent, zone });
        } else catchUp++;
      }
    }
    const unexpected = [...seen.keys()].filter((key) => !expectedKeys.has(key)).length;
    const warnings = observed.filter((o) => o.percent < 100).length;
    const breaches = observed.filter((o) => o.percent === 100).length;
    const byZone = Object.fromEntries(
      ZONES.map((zone) => [zone, observed.filter((o) => mine.get(o.issueId) === zone).length]),
    );
    console.error(
      JSON.stringify({
        handlerErrors: errors.length,
        latest: worst.sort((a, b) => b.late - a.late).slice(0, 8),
        firedByZone: byZone,
        segments: segments.map((g) => `${new Date(g.from).toISOString()}…${new Date(g.to).toISOString()}`),
      }),
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'sla',
        issues: n,
        clocks: rows.length,
        warnings,
        breaches,
        expected: expectedKeys.size,
        missed,
        early,
        unexpected,
        p50LatenessMs: Math.round(percentile(lateness, 50)),
        p99LatenessMs: Math.round(percentile(lateness, 99)),
        maxLatenessMs: Math.round(percentile(lateness, 100)),
        catchUp,
        notDueInRun: deferred,
        interrupted,
        zoneMismatch,
        ingestPerSec: Math.round((n / (STAGES * stageMs)) * 1000),
        loopDelayP99Ms: Math.round(loopDelay.percentile(99) / 1e6),
        loopDelayMaxMs: Math.round(loopDelay.max / 1e6),
        processCpuPct: cpuPct,
        rssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        loadAvg: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      })}\n`,
    );
  } finally {
    const closed = (async () => {
      await services.timers.stop();
      await services.bus.drain();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    })();
    const stuck = await Promise.race([
      closed.then(() => false),
      new Promise<boolean>((r) => setTimeout(() => r(true), 20_000).unref()),
    ]);
    if (stuck) console.error(`bench sla: shutdown did not finish in 20 s (data left in ${dataDir})`);
    // Whatever the demo still has going (a flow waiting on a timer, a plugin call) must not keep the
    // benchmark alive once its line is printed.
    setTimeout(() => process.exit(process.exitCode ?? 0), 1000).unref();
  }
}
