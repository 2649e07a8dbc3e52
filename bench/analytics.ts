/**
 * Analytics benchmark: `--issues` issues (default 100,000) with their handoffs written into the
 * embedded store as history (issues, timelines, handoff records, SLA clocks), spread over 120 days.
 * Then:
 * - rebuild: every analytics number recomputed from that history (`rebuildMs`; `eventsPerSec` is
 *   the signals it replayed per second);
 * - queries: the dashboard's requests over a 90-day range (five reports, several groupings, CSV,
 *   ROI, a drill-down), `--rounds` times each through the HTTP layer (`p95Ms`);
 * - ingest overhead: `--ingest` issues opened (each with a customer message and an agent reply)
 *   through the issues module with every module's listeners, in the shipped configuration (demo
 *   teams, agents and history, shipped flows and playbooks), by two fresh instances in processes of
 *   their own (without and with the analytics listeners) fed alternately in batches,
 *   `--ingest-rounds` rounds: CPU time per issue (`ingestCpuUsPerIssueWith` / `…Without`, medians)
 *   and `ingestOverheadPct`, the median of the rounds' overheads (`ingestOverheadSpreadPct`: their
 *   lowest and highest).
 *
 * Prints progress to stderr and, last on stdout:
 * {"bench":"analytics","issues":…,"p95Ms":…,"rebuildMs":…,"eventsPerSec":…,"ingestOverheadPct":…,…}
 */
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../server/src/app.ts';
import { createServices, type Services } from '../server/src/services.ts';
import { ManualClock } from '../server/src/shared/clock.ts';
import { openStore } from '../server/src/store/index.ts';
import type { Store } from '../server/src/store/port.ts';
import { repoRoot } from '../tests/helpers/server.ts';

const TOKEN = 'bench-admin-token-0123456789';
const MINUTE = 60_000;
const DAY = 86_400_000;
const CHANNELS = ['email', 'chat', 'phone', 'web'] as const;
const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
const QUEUES = ['Technical Support', 'Billing', 'Returns', 'Sales', 'IT'];
const REASONS = [
  'Needs billing expert',
  'Shift change',
  'Escalation to tier 2',
  'Language',
  'Product specialist',
];
const STORY = 'My nightly export fails with error 504 and the invoice totals are missing since Monday.';

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      issues: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '20' },
      ingest: { type: 'string', default: '1000' },
      'ingest-rounds': { type: 'string', default: '5' },
    },
  });
  const count = Number(values.issues);
  const now = new Date('2026-06-01T00:00:00.000Z');
  const clock = new ManualClock(now);
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-bench-analytics-'));
  const store = await openStore({ dataDir });
  const log = { error: (obj: object, msg: string) => console.error(msg, obj) };
  const services = await createServices({ store, clock, log });
  await services.auth.bootstrapAdminToken(TOKEN);
  const app = await buildApp({ services });
  await app.ready();
  try {
    const agents = await people(services);
    let t = performance.now();
    await seed(store, count, agents, now);
    console.error(`seeded ${count} issues in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    t = performance.now();
    const rebuilt = await services.analytics.rebuild();
    const rebuildMs = Math.round(performance.now() - t);
    const eventsPerSec = Math.round(rebuilt.signals / (rebuildMs / 1000));
    console.error(`rebuilt ${rebuilt.issues} issues, ${rebuilt.signals} signals in ${rebuildMs} ms`);

    const from = new Date(now.getTime() - 89 * DAY).toISOString().slice(0, 10);
    const to = now.toISOString().slice(0, 10);
    const range = `from=${from}&to=${to}`;
    const urls = [
      `/api/analytics/handoffs?${range}`,
      `/api/analytics/handoffs?${range}&groupBy=agent`,
      `/api/analytics/handoffs?${range}&groupBy=reason`,
      `/api/analytics/sla?${range}`,
      `/api/analytics/routing?${range}&groupBy=queue`,
      `/api/analytics/teams?${range}`,
      `/api/analytics/bottlenecks?${range}`,
      `/api/analytics/handoffs?${range}&groupBy=agent&format=csv`,
      `/api/analytics/roi?${range}`,
      `/api/analytics/issues?${range}&report=handoffs&column=expired&limit=50`,
    ];
    const times: number[] = [];
    const perUrl = new Map<string, number[]>();
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const url of urls) {
        const start = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${TOKEN}` } });
        times.push(performance.now() - start);
        perUrl.set(url, [...(perUrl.get(url) ?? []), performance.now() - start]);
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      }
    }
    times.sort((a, b) => a - b);
    for (const [url, ts] of perUrl)
      console.error(
        `  ${Math.round(Math.max(...ts))} ms max, ${Math.round(ts.reduce((x, y) => x + y, 0) / ts.length)} ms avg  ${url.split('?')[0]} ${url.split('&').slice(2).join('&')}`,
      );
    const p95Ms = Math.round(times[Math.floor(times.length * 0.95)]! * 10) / 10;
    const p50Ms = Math.round(times[Math.floor(times.length * 0.5)]! * 10) / 10;
    const check = (
      await app.inject({
        method: 'GET',
        url: `/api/analytics/handoffs?${range}`,
        headers: { authorization: `Bearer ${TOKEN}` },
      })
    ).json();
    console.error(
      `queries: p50 ${p50Ms} ms, p95 ${p95Ms} ms; 90 days: ${check.totals.handoffs} handoffs, ${check.totals.issues} issues`,
    );

    const ingest = await ingestOverhead(Number(values.ingest), Number(values['ingest-rounds']));
    console.error(
      `ingest: ${ingest.cpuUsWith} µs CPU/issue with analytics, ${ingest.cpuUsWithout} without (median of ${values['ingest-rounds']} rounds; overhead ${ingest.overheadPct} %, spread ${ingest.overheadSpreadPct.join('…')} %)`,
    );
    console.log(
      JSON.stringify({
        bench: 'analytics',
        issues: count,
        p95Ms,
        rebuildMs,
        eventsPerSec,
        ingestOverheadPct: ingest.overheadPct,
        ingestOverheadSpreadPct: ingest.overheadSpreadPct,
        ingestCpuUsPerIssueWith: ingest.cpuUsWith,
        ingestCpuUsPerIssueWithout: ingest.cpuUsWithout,
        p50Ms,
        signals: rebuilt.signals,
        ingestPerSecWith: ingest.perSecWith,
        ingestPerSecWithout: ingest.perSecWithout,
      }),
    );
  } finally {
    await app.close();
    await services.bus.drain();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface People {
  teams: string[];
  agents: Array<{ id: string; teamId: string }>;
}

export async function people(services: Services): Promise<People> {
  const teams: string[] = [];
  const agents: People['agents'] = [];
  for (let t = 0; t < 5; t++) {
    const team = await services.directory.createTeam({ name: `Team ${t + 1}`, queues: [QUEUES[t]!] });
    teams.push(team.id);
    for (let a = 0; a < 8; a++) {
      const agent = await services.directory.createAgent({
        name: `Agent ${t + 1}.${a + 1}`,
        email: `agent-${t}-${a}@example.com`,
        timeZone: 'UTC',
        teamIds: [team.id],
        status: 'available',
      });
      agents.push({ id: agent.id, teamId: team.id });
    }
  }
  return { teams, agents };
}

/** History as Baton would have written it, straight into the store through the port. */
export async function seed(store: Store, count: number, people: People, now: Date): Promise<void> {
  const issues = store.collection<{ _id: string }>('issues');
  const timeline = store.collection<{ _id: string }>('timeline');
  const handoffs = store.collection<{ _id: string }>('handoffs');
  const clocks = store.collection<{ _id: string }>('sla_clocks');
  const span = 120 * DAY;
  const start = now.getTime() - span;
  const batch = {
    issues: [] as object[],
    timeline: [] as object[],
    handoffs: [] as object[],
    clocks: [] as object[],
  };
  const flush = async () => {
    await issues.insertMany(batch.issues as { _id: string }[]);
    await timeline.insertMany(batch.timeline as { _id: string }[]);
    await handoffs.insertMany(batch.handoffs as { _id: string }[]);
    await clocks.insertMany(batch.clocks as { _id: string }[]);
    batch.issues = [];
    batch.timeline = [];
    batch.handoffs = [];
    batch.clocks = [];
  };
  let rnd = 42;
  const random = () => {
    rnd = (rnd * 1103515245 + 12345) % 2147483648;
    return rnd / 2147483648;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  for (let i = 0; i < count; i++) {
    const id = `iss_bench${String(i).padStart(7, '0')}`;
    const customerId = `cus_bench${i % 5000}`;
    const t0 = start + Math.floor((i / count) * (span - DAY));
    const iso = (ms: number) => new Date(t0 + ms).toISOString();
    const channel = pick(CHANNELS);
    const priority = pick(PRIORITIES);
    const first = pick(people.agents);
    const queue = QUEUES[people.teams.indexOf(first.teamId)]!;
    let seq = 0;
    const ev = (ms: number, author: object, content: object) =>
      batch.timeline.push({
        _id: `evt_${id.slice(4)}_${seq++}`,
        issueId: id,
        customerId,
        at: iso(ms),
        author,
        ...content,
      });
    const system = { kind: 'system', name: 'bench' };
    const changed = (ms: number, data: object) =>
      ev(ms, system, { type: 'system_event', action: 'issue.updated', text: 'changed', data });
    batch.timeline.push({
      _id: `evt_${id.slice(4)}`,
      issueId: id,
      customerId,
      at: iso(0),
      author: { kind: 'customer', id: customerId },
      type: 'customer_message',
      text: STORY,
      channel,
    });
    changed(2 * MINUTE, { assignee: { from: null, to: { agentId: first.id, teamId: first.teamId } } });
    ev(5 * MINUTE, { kind: 'agent', id: first.id }, { type: 'agent_reply', text: 'Looking into it.' });
    changed(5 * MINUTE, { status: { from: 'new', to: 'open' } });
    let owner = first;
    let at = 10 * MINUTE;
    const handoffCount = random() < 0.3 ? 3 : random() < 0.5 ? 2 : 1;
    for (let h = 0; h < handoffCount; h++) {
      let to = pick(people.agents);
      while (to.id === owner.id) to = pick(people.agents);
      const hid = `hnd_${id.slice(4)}_${h}`;
      const expired = random() < 0.1;
      const acceptMs = Math.floor(random() * 20 * MINUTE) + 30_000;
      const touchMs = Math.floor(random() * 30 * MINUTE) + 60_000;
      const offeredAt = iso(at);
      const note = (ms: number, action: string) =>
        ev(
          ms,
          { kind: 'system', name: 'handoffs' },
          { type: 'system_event', action, text: action, data: { handoffId: hid } },
        );
      note(at, 'handoff.offered');
      const doc: Record<string, unknown> = {
        _id: hid,
        issueId: id,
        from: { agentId: owner.id, teamId: owner.teamId },
        to: { agentId: to.id, teamId: to.teamId },
        reason: pick(REASONS),
        brief: {
          assembledFrom: 'timeline',
          assembledAt: offeredAt,
          summary: '',
          lastMessages: [],
          openQuestions: [],
          stepsTried: [],
          commitments: [],
          linkedEventIds: [],
        },
        onExpire: 'none',
        attempt: 1,
        offeredAt,
        expiresAt: iso(at + 10 * MINUTE),
        createdBy: system,
        createdAt: offeredAt,
        updatedAt: offeredAt,
      };
      if (expired) {
        note(at + 10 * MINUTE, 'handoff.expired');
        Object.assign(doc, { status: 'expired', expiredAt: iso(at + 10 * MINUTE), clocks: {} });
        at += 11 * MINUTE;
        batch.handoffs.push(doc);
        continue;
      }
      note(at + acceptMs, 'handoff.accepted');
      changed(at + acceptMs, {
        assignee: {
          from: { agentId: owner.id, teamId: owner.teamId },
          to: { agentId: to.id, teamId: to.teamId },
        },
      });
      ev(
        at + acceptMs + touchMs,
        { kind: 'agent', id: to.id },
        { type: 'agent_reply', text: 'I have your case now.' },
      );
      note(at + acceptMs + touchMs, 'handoff.completed');
      Object.assign(doc, {
        status: 'completed',
        acceptedAt: iso(at + acceptMs),
        acceptedBy: to.id,
        completedAt: iso(at + acceptMs + touchMs),
        firstTouchAt: iso(at + acceptMs + touchMs),
        clocks: {
          timeToAcceptMs: acceptMs,
          timeToFirstTouchMs: touchMs,
          timeToCompleteMs: acceptMs + touchMs,
        },
      });
      batch.handoffs.push(doc);
      if (random() < 0.4) {
        const repeat = random() < 0.4;
        ev(
          at + acceptMs + touchMs + MINUTE,
          { kind: 'customer', id: customerId },
          {
            type: 'customer_message',
            text: repeat ? `As I said: ${STORY}` : 'Thanks, any update on this?',
          },
        );
      }
      owner = to;
      at += acceptMs + touchMs + 5 * MINUTE;
    }
    const resolved = random() < 0.8;
    if (resolved) changed(at + 30 * MINUTE, { status: { from: 'open', to: 'resolved' } });
    batch.issues.push({
      _id: id,
      subject: `Bench issue ${i}`,
      body: STORY,
      channel,
      customerId,
      priority,
      status: resolved ? 'resolved' : 'open',
      tags: [],
      queue,
      assignee: { agentId: owner.id, teamId: owner.teamId },
      createdAt: iso(0),
      updatedAt: iso(at),
      lastActivityAt: iso(at),
      ...(resolved ? { resolvedAt: iso(at + 30 * MINUTE) } : {}),
    });
    batch.clocks.push({
      _id: `slc_${id.slice(4)}`,
      issueId: id,
      policyId: 'sla_default',
      metric: 'firstResponse',
      ref: '',
      state: 'stopped',
      priority,
      businessHours: false,
      calendar: { timeZoneFrom: 'policy', timeZone: 'UTC' },
      warnAt: [50, 75, 100],
      fired: [],
      elapsedMs: 5 * MINUTE,
      targetMs: i % 7 === 0 ? 4 * MINUTE : 60 * MINUTE,
      met: i % 7 !== 0,
      gen: 1,
      startedAt: iso(0),
      stoppedAt: iso(5 * MINUTE),
      log: [
        { at: iso(0), type: 'started', elapsedMs: 0 },
        { at: iso(5 * MINUTE), type: 'stopped', elapsedMs: 5 * MINUTE },
      ],
      createdAt: iso(0),
      updatedAt: iso(5 * MINUTE),
    });
    if (batch.issues.length >= 1000) {
      await flush();
      if ((i + 1) % 10_000 === 0) console.error(`seeded ${i + 1}`);
    }
  }
  await flush();
}

/**
 * CPU per ingested issue through the issues module (all listeners), with and without analytics, in
 * the shipped configuration. Each round starts two fresh instances, each in a process of its own
 * (bench/support/ingest-instance.ts: garbage collection and background work are billed to the
 * instance that caused them), one without the analytics listeners, and feeds them alternately
 * `BATCH` issues at a time: bursts of load on the shared box fall on both alike instead of on
 * whichever run they happened to hit. A round's overhead compares the two processes' CPU summed
 * over all its batches; the result is the median of the rounds' overheads, the spread their range.
 */
async function ingestOverhead(count: number, rounds: number) {
  const BATCH = 100;
  const instance = async (analytics: boolean) => {
    const child = fork(join(repoRoot, 'bench/support/ingest-instance.ts'), [analytics ? '1' : '0'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const replies: Array<(message: unknown) => void> = [];
    child.on('message', (message) => replies.shift()?.(message));
    const reply = <T>() => new Promise<T>((resolve) => replies.push(resolve as (m: unknown) => void));
    await reply<{ ready: true }>();
    // One batch unmeasured, so that compiling the hot paths is not billed to the first one.
    const warm = reply();
    child.send({ batch: BATCH });
    await warm;
    let issues = 0;
    let cpuUs = 0;
    let wallMs = 0;
    return {
      async batch(n: number) {
        const done = reply<{ cpuUs: number; wallMs: number }>();
        child.send({ batch: n });
        const used = await done;
        issues += n;
        cpuUs += used.cpuUs;
        wallMs += used.wallMs;
      },
      result: () => ({ cpuUs: cpuUs / issues, perSec: issues / (wallMs / 1000) }),
      close: () =>
        new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.send({ close: true });
        }),
    };
  };
  const round = async (n: number) => {
    const [without, withA] = await Promise.all([instance(false), instance(true)]);
    for (let done = 0; done < n; done += BATCH) {
      const size = Math.min(BATCH, n - done);
      // Alternating which goes first, so neither always runs while the other's writes settle.
      if ((done / BATCH) % 2) {
        await without.batch(size);
        await withA.batch(size);
      } else {
        await withA.batch(size);
        await without.batch(size);
      }
    }
    const out = { without: without.result(), with: withA.result() };
    await Promise.all([without.close(), withA.close()]);
    return out;
  };
  const withA: number[] = [];
  const without: number[] = [];
  const overheads: number[] = [];
  const perSecWith: number[] = [];
  const perSecWithout: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const r = await round(count);
    without.push(r.without.cpuUs);
    withA.push(r.with.cpuUs);
    perSecWithout.push(r.without.perSec);
    perSecWith.push(r.with.perSec);
    overheads.push(((r.with.cpuUs - r.without.cpuUs) / r.without.cpuUs) * 100);
    console.error(
      `  ingest round ${i + 1}: ${Math.round(r.without.cpuUs)} µs CPU/issue without analytics, ${Math.round(r.with.cpuUs)} with (${overheads[i]!.toFixed(1)} %)`,
    );
  }
  const r1 = (v: number) => Math.round(v * 10) / 10;
  return {
    overheadPct: r1(median(overheads)),
    overheadSpreadPct: [r1(Math.min(...overheads)), r1(Math.max(...overheads))] as const,
    cpuUsWith: Math.round(median(withA)),
    cpuUsWithout: Math.round(median(without)),
    perSecWith: Math.round(median(perSecWith)),
    perSecWithout: Math.round(median(perSecWithout)),
  };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
