/**
 * `npm run bench -- <name> [options]`: runs one benchmark; each prints progress to stderr and its
 * result as one JSON line (the last line on stdout).
 */
import { bundleServer } from '../server/scripts/bundle.ts';

const benches: Record<string, () => Promise<{ main(argv: string[]): Promise<void> }>> = {
  ingest: () => import('./ingest.ts'),
  routing: () => import('./routing.ts'),
  collab: () => import('./collab.ts'),
  studio: () => import('./studio.ts'),
  sla: () => import('./sla.ts'),
  notify: () => import('./notify.ts'),
  inbox: () => import('./inbox.ts'),
  startup: () => import('./startup.ts'),
  analytics: () => import('./analytics.ts'),
};

const [name, ...rest] = process.argv.slice(2);
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [options]`);
  process.exit(2);
}
// Benchmarks that start Baton run what `npm start` runs: the bundle, built from this checkout.
await bundleServer();
await (await load()).main(rest);
