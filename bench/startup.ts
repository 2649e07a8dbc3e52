/**
 * Start-up benchmark: Baton as `npm start` runs it, on a store holding N issues (default 100,000;
 * half of them resolved with an answer on their timeline, so the retrieval index has work to do).
 * Measures the time from spawning the process to the first answered inbox page (the newest 50
 * issues, authenticated), and the resident memory once the server is idle again (the retrieval index
 * built). Prints {"bench":"startup","issues","firstAnswerMs","rssMb","firstAnswerCpuMs"}: the last is
 * the server's CPU time until that answer, which a machine busy with other work does not inflate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startBaton } from '../tests/helpers/server.ts';
import { prefill } from './support/prefill.ts';
import { cpuMs, rssMb, waitQuiet } from './support/process.ts';

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { issues: { type: 'string', default: '100000' } } });
  const issues = Number(values.issues);
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-bench-startup-'));
  try {
    const seed = await startBaton({ dataDir, demo: true, startTimeoutMs: 300_000 });
    await waitQuiet(seed.process.pid!);
    await seed.stop();
    const filled = await prefill(dataDir, issues, { resolvedShare: 0.5 });
    console.error(
      `bench startup: pre-filled ${filled.issues} issues (${filled.resolved} resolved) in ${filled.ms} ms`,
    );

    const t0 = performance.now();
    const baton = await startBaton({ dataDir, demo: true, startTimeoutMs: 300_000 });
    try {
      const listenedMs = performance.now() - t0;
      let firstAnswerMs = 0;
      // CPU the server used until then: on a machine shared with other work, wall time mostly
      // measures the queue for a core.
      let firstAnswerCpuMs = 0;
      for (;;) {
        const res = await fetch(`${baton.url}/api/issues?limit=50`, {
          headers: { authorization: `Bearer ${baton.adminToken}` },
        });
        if (res.ok && ((await res.json()) as { items: unknown[] }).items.length === 50) {
          firstAnswerMs = performance.now() - t0;
          firstAnswerCpuMs = cpuMs(baton.process.pid!);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const pid = baton.process.pid!;
      const quiet = await waitQuiet(pid);
      const indexedMs = quiet.at - t0;
      const rss = rssMb(pid);
      console.error(JSON.stringify({ listenedMs, firstAnswerMs, firstAnswerCpuMs, indexedMs, rssMb: rss }));
      process.stdout.write(
        `${JSON.stringify({
          bench: 'startup',
          issues,
          firstAnswerMs: Math.round(firstAnswerMs),
          rssMb: rss,
          firstAnswerCpuMs: Math.round(firstAnswerCpuMs),
        })}\n`,
      );
    } finally {
      await baton.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
