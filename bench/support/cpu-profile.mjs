/**
 * Preloaded with `--import` into a measured server when BATON_CPU_PROF_DIR is set (Node 20 refuses
 * `--cpu-prof` in NODE_OPTIONS; plain JavaScript because NODE_OPTIONS preloads run before tsx): records a V8 CPU profile from start to exit and writes it to
 * `<BATON_CPU_PROF_DIR>/baton-<pid>-<time>.cpuprofile` (open it in Chrome DevTools, or summarise it
 * with `node --import tsx bench/support/profile-top.ts FILE`).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BATON_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  // A same-thread inspector session answers synchronously, so this works inside 'exit'.
  process.once('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      writeFileSync(join(dir, `baton-${process.pid}-${Date.now()}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
