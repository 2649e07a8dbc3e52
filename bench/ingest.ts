/**
 * Ingest benchmark, in the shipped configuration: Baton started as `npm start` starts it (demo teams
 * and 17+ agents, the reference routing flow, the business-hours SLA policy, info logging) on a store
 * pre-filled with history (default 100,000 issues, half resolved with answers). autocannon posts new
 * issues from its own process pinned to core 1 while the server runs on core 0.
 *
 * What is measured is the server's CPU (user + system, every thread, from /proc) from the start of
 * the load until the server is idle again — so everything an issue causes after its acknowledgement
 * (flow run, SLA clocks, routing, timeline) is paid for — divided by the issues it fully processed
 * (the reference flow changed them: queue and tags set). The anchor is a bare Fastify route with the
 * same schema validation, measured the same way in the same run. The store is measured at half the
 * size and then at full size, for the slope of the cost per issue per 10,000 stored issues.
 *
 * Prints {"bench":"ingest","issuesStored","issuesPerSec","cpuUsPerIssue","bareCpuUsPerReq","cpuRatio",
 * "slopeUsPer10k","p99AckMs","p99ProcessedMs"}; cpuRatio = bareCpuUsPerReq / cpuUsPerIssue (the share
 * of Baton's cost that the bare route already pays; higher is better). p99ProcessedMs is, per issue,
 * the time from its creation to the last change its flow run made to it. Also printed: the store
 * compactions that fell inside each measured window and the server's warnings there, from its own
 * log (`compactions`, `smallCompactions`, `logWarnings`).
 *
 * The headline runs Baton on one core, started there (so it sizes itself for one core). A last phase
 * lets it use both cores, as a two-core server would, with the load generator still pinned to core 1
 * beside it (`twoCoreIssuesPerSec`, `twoCoreCpuUsPerIssue`: a lower bound, since the generator takes
 * part of that core; CPU counts every thread, the retrieval thread's included).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { repoRoot, startBaton, startFlags } from '../tests/helpers/server.ts';
import { prefill } from './support/prefill.ts';
import { cpuMs, type LoadResult, percentile, pin, runLoad, waitQuiet } from './support/process.ts';

const SERVER_CORE = 0;
const LOAD_CORE = 1;

interface Phase {
  stored: number;
  /** Issues posted before the measured load (they are stored too). */
  warmedWith: number;
  load: LoadResult;
  cpuUsPerIssue: number;
  processed: number;
  issuesPerSec: number;
  processedMs: number[];
  background: BackgroundWork;
}

/** What the server said it did besides answering requests while a phase was measured. */
interface BackgroundWork {
  /** Store compactions (each rewrites the whole snapshot: seconds of CPU at 100,000 issues). */
  compactions: number;
  /** Log lines at warn or above (a failing event handler leaves an issue not fully processed). */
  warnings: number;
  /** Each distinct message with its count (numbers masked), for a reader chasing an outlier. */
  messages: Record<string, number>;
}

/** The server's own log lines (pino JSON) other than its request lines, counted. */
function backgroundWork(lines: readonly string[]): BackgroundWork {
  const out: BackgroundWork = { compactions: 0, warnings: 0, messages: {} };
  for (const line of lines) {
    let entry: { level?: number; msg?: string; req?: unknown; res?: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      continue; // not a log line (a warning printed by Node itself)
    }
    // Request lines (only slow or failed requests are logged at info) are not background work.
    if (entry.req || entry.res || typeof entry.msg !== 'string' || entry.msg === 'request completed')
      continue;
    const msg = entry.msg.replace(/\d+/g, '#');
    out.messages[msg] = (out.messages[msg] ?? 0) + 1;
    if (msg.startsWith('compacted the store')) out.compactions++;
    if ((entry.level ?? 0) >= 40) out.warnings++;
  }
  return out;
}

interface IssueRow {
  createdAt: string;
  updatedAt: string;
  queue?: string;
  tags: string[];
}

async function startBare(): Promise<{ url: string; pid: number; stop(): void }> {
  // The same Node flags as Baton's process (npm start's), so the anchor runs on the same runtime.
  const child = spawn(process.execPath, [...startFlags(), '--import', 'tsx', 'bench/ingest-bare-server.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((done) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /Server listening at (\S+)/.exec(line);
      if (m?.[1]) done(m[1]);
    });
  });
  return { url, pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

/** The issues created since `since` (newest first), through the API as a client sees them. */
async function createdSince(url: string, token: string, since: string): Promise<IssueRow[]> {
  const out: IssueRow[] = [];
  let cursor: string | null = null;
  for (;;) {
    const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
    const res = await fetch(`${url}/api/issues?${query}`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { items: IssueRow[]; nextCursor: string | null };
    for (const issue of page.items) {
      if (issue.createdAt < since) return out;
      out.push(issue);
    }
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

/**
 * BATON_CPU_PROF_DIR=<folder>: the measured server preloads bench/support/cpu-profile.mjs and writes
 * one `.cpuprofile` per measured phase (load until quiet) into that folder (summarise it with
 * bench/support/profile-top.ts); unset, the server runs exactly as shipped.
 */
function profileEnv(): Record<string, string> | undefined {
  if (!process.env.BATON_CPU_PROF_DIR) return undefined;
  const preload = `--import=${join(repoRoot, 'bench/support/cpu-profile.mjs')}`;
  return { NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(' ') };
}

/**
 * The end of a measured phase: the last 100 ms window in which the server used CPU (a clock tick,
 * 10 ms), once two windows in a row used none. The phase's seconds end there, so a coarser window
 * would count up to its length of idle time as the issues' (500 ms windows: up to 3 % of a 15 s
 * phase). Once started (at the measured load), the profiler's sampling thread keeps a server busier
 * than that when idle, so a profiled phase ends at under 30 % instead. The waits before the phase keep
 * waitQuiet's defaults, so the retrieval index fill on a loaded machine is never mistaken for quiet.
 */
const QUIET = { windowMs: 100, busyMs: process.env.BATON_CPU_PROF_DIR ? 30 : 10 };

/**
 * One measured phase. `oneCore` (the headline): Baton on its core from the start, so it sizes itself
 * for the one core it gets (no retrieval thread). Otherwise Baton may use both cores, as a two-core
 * server does, while the load generator still runs on its own core beside it.
 */
async function measureBaton(
  dataDir: string,
  stored: number,
  options: { connections: number; durationSec: number; warmupSec: number },
  oneCore = true,
): Promise<Phase> {
  const baton = await startBaton({
    dataDir,
    demo: true,
    startTimeoutMs: 300_000,
    env: profileEnv(),
    ...(oneCore ? { core: SERVER_CORE } : {}),
  });
  try {
    const pid = baton.process.pid!;
    if (oneCore) pin(pid, SERVER_CORE);
    // The retrieval index fills after listen (minutes at 100,000 on a loaded machine): let it finish
    // first, or its work is counted as the issues'.
    const indexed = await waitQuiet(pid, { maxMs: 1_800_000 });
    if (indexed.timedOut) console.error('bench ingest: the server never went quiet after start-up');
    const load = { url: `${baton.url}/api/issues`, token: baton.adminToken, customers: 500 };
    const warmup = await runLoad(
      { ...load, connections: options.connections, durationSec: options.warmupSec },
      LOAD_CORE,
    );
    await waitQuiet(pid);
    const storedNow = stored + warmup.total;
    console.error(
      `bench ingest: Baton, ${storedNow} issues stored (${warmup.total} of them posted to warm it up), ${options.connections} connections, ${options.durationSec} s`,
    );
    const since = new Date().toISOString();
    const logFrom = baton.output.length;
    if (process.env.BATON_CPU_PROF_DIR) process.kill(pid, 'SIGUSR2'); // the profile starts here
    const cpu0 = cpuMs(pid);
    const t0 = performance.now();
    const result = await runLoad(
      { ...load, connections: options.connections, durationSec: options.durationSec },
      LOAD_CORE,
    );
    const quiet = await waitQuiet(pid, QUIET);
    const cpu = cpuMs(pid) - cpu0;
    if (process.env.BATON_CPU_PROF_DIR) process.kill(pid, 'SIGUSR2'); // and ends here
    const background = backgroundWork(baton.output.slice(logFrom));
    const rows = await createdSince(baton.url, baton.adminToken, since);
    // Fully processed: the reference flow classified it (every path sets a queue and adds a tag).
    const done = rows.filter((r) => r.queue && r.updatedAt > r.createdAt);
    const seconds = (quiet.at - t0) / 1000;
    console.error(
      JSON.stringify({
        stored: storedNow,
        load: result,
        created: rows.length,
        processed: done.length,
        cpuMs: cpu,
        seconds,
        background,
      }),
    );
    return {
      stored: storedNow,
      warmedWith: warmup.total,
      load: result,
      cpuUsPerIssue: (cpu * 1000) / Math.max(1, done.length),
      processed: done.length,
      issuesPerSec: done.length / seconds,
      processedMs: done.map((r) => Date.parse(r.updatedAt) - Date.parse(r.createdAt)),
      background,
    };
  } finally {
    await baton.stop();
  }
}

async function measureBare(options: { connections: number; durationSec: number }) {
  const bare = await startBare();
  try {
    pin(bare.pid, SERVER_CORE);
    const url = `${bare.url}/api/issues`;
    await runLoad({ url, customers: 500, connections: options.connections, durationSec: 2 }, LOAD_CORE);
    await waitQuiet(bare.pid);
    console.error(
      `bench ingest: bare Fastify route, ${options.connections} connections, ${options.durationSec} s`,
    );
    const cpu0 = cpuMs(bare.pid);
    const load = await runLoad({ url, customers: 500, ...options }, LOAD_CORE);
    await waitQuiet(bare.pid);
    const cpu = cpuMs(bare.pid) - cpu0;
    const ok = load.total - load.non2xx;
    return { load, cpuUsPerReq: (cpu * 1000) / Math.max(1, ok) };
  } finally {
    bare.stop();
  }
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      issues: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '15' },
      connections: { type: 'string', default: '20' },
      warmup: { type: 'string', default: '3' },
    },
  });
  const issues = Number(values.issues);
  const options = {
    connections: Number(values.connections),
    durationSec: Number(values.duration),
    warmupSec: Number(values.warmup),
  };
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-bench-ingest-'));
  try {
    // A store as `npm start` leaves it: demo data, the reference flow, the seed SLA policy.
    const seed = await startBaton({ dataDir, demo: true, startTimeoutMs: 300_000 });
    await waitQuiet(seed.process.pid!);
    await seed.stop();

    const half = Math.floor(issues / 2);
    let filled = await prefill(dataDir, half);
    console.error(`bench ingest: pre-filled ${filled.issues} issues in ${filled.ms} ms`);
    const small = await measureBaton(dataDir, half, options);
    filled = await prefill(dataDir, issues - half, { startAt: Date.now() - 366 * 24 * 3600_000 });
    console.error(`bench ingest: pre-filled ${filled.issues} more in ${filled.ms} ms`);
    // Everything posted in a phase, its warm-up too, is stored for the next.
    const large = await measureBaton(dataDir, issues + small.warmedWith + small.load.total, options);
    const twoCores = await measureBaton(dataDir, large.stored + large.load.total, options, false);
    const bare = await measureBare(options);

    const slope = (large.cpuUsPerIssue - small.cpuUsPerIssue) / ((large.stored - small.stored) / 10_000);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'ingest',
        issuesStored: large.stored,
        issuesPerSec: Math.round(large.issuesPerSec),
        cpuUsPerIssue: Math.round(large.cpuUsPerIssue),
        bareCpuUsPerReq: Math.round(bare.cpuUsPerReq),
        cpuRatio: Number((bare.cpuUsPerReq / large.cpuUsPerIssue).toFixed(3)),
        slopeUsPer10k: Math.round(slope),
        p99AckMs: large.load.p99Ms,
        p99ProcessedMs: percentile(large.processedMs, 99),
        // What one free core would process at that cost: on a shared machine issuesPerSec measures
        // the queue for a core as much as Baton.
        issuesPerCpuSec: Math.round(1e6 / large.cpuUsPerIssue),
        smallStored: small.stored,
        smallCpuUsPerIssue: Math.round(small.cpuUsPerIssue),
        // Baton free on both cores (its retrieval thread on), the load generator on the second beside
        // it: what a two-core server processes at least (the generator takes some of that core).
        twoCoreIssuesPerSec: Math.round(twoCores.issuesPerSec),
        twoCoreCpuUsPerIssue: Math.round(twoCores.cpuUsPerIssue),
        // Background work inside each measured window: a compaction there is seconds of CPU that
        // the issues are billed for (it explains an outlier; it is also what a user's server does).
        compactions: large.background.compactions,
        smallCompactions: small.background.compactions,
        logWarnings: large.background.warnings + small.background.warnings,
      })}\n`,
    );
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
