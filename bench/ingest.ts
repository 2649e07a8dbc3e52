/**
 * Ingest benchmark: autocannon, in a separate process, posts issues for 10 s to Baton on the
 * embedded store (auth and persistence on); in the same run, the same load against a bare Fastify
 * route doing only the same schema validation. Prints
 * {"bench":"ingest","reqPerSec","p99Ms","errors","bareReqPerSec","ratio"}.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { repoRoot, startBaton } from '../tests/helpers/server.ts';

interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  errors: number;
  non2xx: number;
}

function runNode(args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.once('exit', (code) =>
      code === 0 ? done(out) : fail(new Error(`${args[0]} exited with ${code}`)),
    );
  });
}

async function load(url: string, token: string | undefined, connections: number, durationSec: number) {
  const out = await runNode([
    'bench/autocannon-worker.ts',
    JSON.stringify({ url, token, connections, durationSec, customers: 500 }),
  ]);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as LoadResult;
}

async function startBare(): Promise<{ url: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/ingest-bare-server.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((done) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /Server listening at (\S+)/.exec(line);
      if (m?.[1]) done(m[1]);
    });
  });
  return { url, stop: () => child.kill('SIGKILL') };
}

export async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '20' } },
  });
  const durationSec = Number(values.duration);
  const connections = Number(values.connections);

  // The anchor first, then Baton: one at a time, so neither competes with the other for the 2 cores.
  const bare = await startBare();
  await load(`${bare.url}/api/issues`, undefined, connections, 2); // warm-up
  console.error(`bench ingest: bare Fastify route, ${connections} connections, ${durationSec} s`);
  const anchor = await load(`${bare.url}/api/issues`, undefined, connections, durationSec);
  bare.stop();

  const baton = await startBaton();
  try {
    const token = baton.adminToken;
    await load(`${baton.url}/api/issues`, token, connections, 2); // warm-up
    console.error(`bench ingest: Baton (embedded store), ${connections} connections, ${durationSec} s`);
    const result = await load(`${baton.url}/api/issues`, token, connections, durationSec);
    console.error(JSON.stringify({ anchor, baton: result }));
    process.stdout.write(
      `${JSON.stringify({
        bench: 'ingest',
        reqPerSec: Math.round(result.reqPerSec),
        p99Ms: result.p99Ms,
        errors: result.errors,
        bareReqPerSec: Math.round(anchor.reqPerSec),
        ratio: Number((result.reqPerSec / anchor.reqPerSec).toFixed(3)),
      })}\n`,
    );
  } finally {
    await baton.cleanup();
  }
}
