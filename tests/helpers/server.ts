/**
 * Starts Baton the way a user does — `npm start` runs the bundle of `server/src`,
 * `server/dist/main.mjs`, with the Node flags its script names (read from package.json here, so the
 * two cannot drift apart) — in its own process with its own data folder, and stops it, gracefully
 * or with SIGKILL. For end-to-end and browser tests. The bundle is built once per test run (vitest's
 * global setup, `tests/global-setup.ts`) and once per benchmark (`bench/run.ts`).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { BUNDLE_ENTRY as BUNDLE } from '../../server/scripts/bundle.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');

/** The Node flags `npm start` runs the bundle with: the `node …` before `server/dist/main.mjs` in its script. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const match = /(?:^|&&\s*)node((?:\s+--\S+)*)\s+server\/dist\/main\.mjs\s*$/.exec(pkg.scripts.start);
  if (!match)
    throw new Error(`package.json's start script does not end in \`node [flags] server/dist/main.mjs\``);
  return match[1]!.trim().split(/\s+/).filter(Boolean);
}

export interface StartOptions {
  /** Seed demo data (BATON_DEMO). Default false: tests start from an empty store. */
  demo?: boolean;
  /** Reuse a data folder (to test restarts); default: a fresh temp folder, removed by `cleanup`. */
  dataDir?: string;
  adminToken?: string;
  env?: Record<string, string>;
  /** How long to wait for "Server listening" (default 90 s: a loaded 2-core machine; benchmarks on big stores wait longer). */
  startTimeoutMs?: number;
  /**
   * Run on this core only, from the start (taskset), so the server sizes itself for one core as it
   * would on a one-core machine (e.g. no retrieval thread); benchmarks that give it one core use it.
   */
  core?: number;
}

export interface RunningBaton {
  url: string;
  adminToken: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the process printed, for diagnostics. */
  output: string[];
  /** SIGTERM and wait for a clean exit. */
  stop(): Promise<void>;
  /** SIGKILL: no shutdown hooks run. */
  kill(): Promise<void>;
  /** Removes the data folder when this helper created it. */
  cleanup(): Promise<void>;
}

let tasksetFound: boolean | undefined;
function hasTaskset(): boolean {
  if (tasksetFound === undefined) {
    try {
      execFileSync('taskset', ['--version'], { stdio: 'ignore' });
      tasksetFound = true;
    } catch {
      tasksetFound = false;
    }
  }
  return tasksetFound;
}

export async function startBaton(options: StartOptions = {}): Promise<RunningBaton> {
  const ownsDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'baton-e2e-')));
  const adminToken = options.adminToken ?? 'e2e-admin-token-0123456789abcdef';
  if (!existsSync(BUNDLE)) {
    throw new Error(`${BUNDLE} is missing: build it with \`node --import tsx server/scripts/bundle.ts\``);
  }
  const command = [process.execPath, ...startFlags(), BUNDLE];
  if (options.core !== undefined && hasTaskset()) command.unshift('taskset', '-c', String(options.core));
  const child = spawn(command[0] as string, command.slice(1), {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      BATON_DATA_DIR: dataDir,
      BATON_ADMIN_TOKEN: adminToken,
      BATON_DEMO: options.demo ? '1' : '0',
      BATON_LOG_LEVEL: 'info',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const url = await new Promise<string>((done, fail) => {
    const timeoutMs = options.startTimeoutMs ?? 90_000;
    const timer = setTimeout(
      () => fail(new Error(`Baton did not start in ${timeoutMs / 1000} s:\n${output.join('\n')}`)),
      timeoutMs,
    );
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          done(match[1]);
        }
      });
    }
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`Baton exited with ${code} before listening:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    adminToken,
    dataDir,
    process: child,
    output,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    async cleanup() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      if (ownsDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** fetch against a running Baton with the admin token. */
export function api(
  baton: { url: string; adminToken: string },
  path: string,
  init: RequestInit & { json?: unknown } = {},
) {
  const { json, headers, ...rest } = init;
  return fetch(baton.url + path, {
    ...rest,
    headers: {
      authorization: `Bearer ${baton.adminToken}`,
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(headers as Record<string, string> | undefined),
    },
    ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
  });
}

/** A response body as the shape the test expects (the server's schemas are tested elsewhere). */
export async function readJson<T = unknown>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
