/**
 * Work after the acknowledgement survives `kill -9` (issue 18). A real `server/src/main.ts` with the
 * demo data is told (BATON_TEST_AFTER_ACK_DELAY_MS, a test-only setting) to hold a new issue's
 * listeners for a minute: the issue is acknowledged (201) and the process is killed with SIGKILL
 * while its flow run, SLA clocks and routing are certainly not done. Restarted on the same data
 * folder without the delay, the owed `issue.created` is replayed before the server listens: the
 * issue gets its SLA clocks, is routed, and has exactly one run of each flow it triggered — and a
 * second restart replays nothing and runs nothing twice.
 */
import type { Issue, TimelineEvent } from '@baton/schemas';
import { afterAll, describe, expect, it } from 'vitest';
import { api, type RunningBaton, readJson, startBaton } from '../helpers/server.ts';

type Page<T> = { items: T[] };
type Run = { id: string; flowId: string; trigger: { event: string } };

let baton: RunningBaton | undefined;
let dataDir: string | undefined;

afterAll(async () => {
  await baton?.cleanup();
  if (dataDir) await (await import('node:fs/promises')).rm(dataDir, { recursive: true, force: true });
});

async function call<T>(path: string, init: Parameters<typeof api>[2] = {}): Promise<T> {
  if (!baton) throw new Error('no server');
  const res = await api(baton, path, init);
  if (res.status >= 300)
    throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return readJson<T>(res);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const runsOf = async (id: string) =>
  (await call<Page<Run>>(`/api/issues/${id}/runs?limit=100`)).items.filter(
    (r) => r.trigger.event === 'issue.created',
  );
const clocksOf = async (id: string) => (await call<{ clocks: unknown[] }>(`/api/issues/${id}/sla`)).clocks;
const routingNotes = async (id: string) =>
  (await call<Page<TimelineEvent>>(`/api/issues/${id}/timeline?limit=200`)).items.filter(
    (e) => e.type === 'system_event' && e.action === 'routing',
  );

describe('kill -9 right after the 201', () => {
  it('replays the owed issue.created on restart: routed, SLA clocks, exactly one flow run', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    dataDir = await mkdtemp(join(tmpdir(), 'baton-owed-'));
    baton = await startBaton({
      demo: true,
      dataDir,
      env: { BATON_TEST_AFTER_ACK_DELAY_MS: '60000' },
    });
    // On shift whenever the test runs (the demo's shifts are weekdays in Europe; off shift, routing
    // rightly queues the issue instead of routing it). Stored, so it holds after the restart.
    for (const agent of (await call<Page<{ id: string }>>('/api/agents?limit=200')).items)
      await call(`/api/agents/${agent.id}`, { method: 'PATCH', json: { workingHours: [] } });
    const issue = await call<Issue>('/api/issues', {
      method: 'POST',
      json: {
        channel: 'email',
        customer: { email: 'finance@acme.example', name: 'Ada Finance' },
        subject: 'Refund for a duplicate charge',
        body: 'We were charged twice for the March subscription and need a refund of the second payment.',
      },
    });
    // The listeners are held: nothing was done for the issue yet (this is what a crash loses).
    expect(await runsOf(issue.id)).toEqual([]);
    expect(await clocksOf(issue.id)).toEqual([]);
    await baton.kill();

    baton = await startBaton({ demo: true, dataDir });
    // Replayed before the server listened: the work is there on the first request.
    const runs = await runsOf(issue.id);
    expect(runs.length).toBeGreaterThan(0);
    const perFlow = new Map<string, number>();
    for (const r of runs) perFlow.set(r.flowId, (perFlow.get(r.flowId) ?? 0) + 1);
    expect([...perFlow.values()].every((n) => n === 1)).toBe(true);
    expect((await clocksOf(issue.id)).length).toBeGreaterThan(0);
    await until('the issue routed', async () => ((await routingNotes(issue.id)).length ? true : undefined));
    expect(baton.output.join('\n')).toContain('owed events replayed');

    // Nothing is owed any more: a second restart does not run anything again.
    const clocks = (await clocksOf(issue.id)).length;
    await baton.stop();
    baton = await startBaton({ demo: true, dataDir });
    expect((await runsOf(issue.id)).length).toBe(runs.length);
    expect((await clocksOf(issue.id)).length).toBe(clocks);
    expect(baton.output.join('\n')).not.toContain('owed events replayed');
  }, 400_000);
});
