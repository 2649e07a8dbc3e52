/**
 * Measuring a server process from outside: its CPU time from /proc (user + system, every thread),
 * pinning it to a core so the load generator runs on the other, and waiting until it is idle (all
 * the work an ingest queued after acknowledging has been done).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { repoRoot } from '../../tests/helpers/server.ts';

const TICKS_PER_SEC = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU milliseconds a process has used so far. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may contain spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SEC;
}

/** Resident memory of a process, in MiB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** Pins every thread of a process to one core (a no-op where taskset is missing). */
export function pin(pid: number, core: number): boolean {
  try {
    execFileSync('taskset', ['-a', '-pc', String(core), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Resolves once the process has used under `busyMs` of CPU in each of two consecutive `windowMs`
 * windows (so under 2 % by default), or after `maxMs`. Returns when it went quiet.
 */
export async function waitQuiet(
  pid: number,
  { windowMs = 500, busyMs = 10, maxMs = 180_000 } = {},
): Promise<{ at: number; timedOut: boolean }> {
  const started = performance.now();
  let quiet = 0;
  let last = cpuMs(pid);
  let lastActive = performance.now();
  while (performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, windowMs));
    const now = cpuMs(pid);
    if (now - last < busyMs) quiet++;
    else {
      quiet = 0;
      lastActive = performance.now();
    }
    last = now;
    if (quiet >= 2) return { at: lastActive, timedOut: false };
  }
  return { at: performance.now(), timedOut: true };
}

export interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  errors: number;
  non2xx: number;
}

/** Runs the autocannon worker in its own process, pinned to `core` when given. */
export function runLoad(
  input: { url: string; token?: string; connections: number; durationSec: number; customers: number },
  core?: number,
): Promise<LoadResult> {
  const node = [process.execPath, '--import', 'tsx', 'bench/autocannon-worker.ts', JSON.stringify(input)];
  const [command, ...args] = core === undefined ? node : ['taskset', '-c', String(core), ...node];
  return new Promise((done, fail) => {
    const child = spawn(command!, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.once('exit', (code) =>
      code === 0
        ? done(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as LoadResult)
        : fail(new Error(`load generator exited with ${code}`)),
    );
  });
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
