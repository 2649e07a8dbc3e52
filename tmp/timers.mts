import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '../server/src/shared/clock.ts';
import { openStore } from '../server/src/store/index.ts';
import { TimerService } from '../server/src/timers/service.ts';
const n = Number(process.argv[2] ?? 100000);
const store = await openStore({ dataDir: await mkdtemp(join(tmpdir(), 'tm-')), logger: { info() {}, warn() {} } } as any);
const clock = new ManualClock('2026-01-05T09:00:00.000Z');
const t = new TimerService(store, clock, { poll: false });
await t.init();
let fired = 0;
t.handle('x', () => { fired++; });
const base = clock.now().getTime();
for (let i = 0; i < n; i++) await t.schedule('x', new Date(base + 500 + i * 100), { i });
await new Promise((r) => setTimeout(r, 3000));
const times: number[] = [];
for (let r = 0; r < 20; r++) {
  clock.advance?.(1000);
  const s = performance.now();
  await t.runDue();
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ n, fired, medianRunDueMs: times[10], maxMs: times.at(-1) }));
await store.close();
