/**
 * Preloaded with `--import` into a measured server when BATON_CPU_PROF_DIR is set (Node 20 refuses
 * `--cpu-prof` in NODE_OPTIONS; plain JavaScript because NODE_OPTIONS preloads run before tsx).
 * Records a V8 CPU profile from the first SIGUSR2 (the bench sends it as its measured load starts,
 * so start-up and warm-up stay out of the profile) to the second (or exit), and writes it to
 * `<BATON_CPU_PROF_DIR>/baton-<pid>-<time>.cpuprofile`: open it in Chrome DevTools, or summarise it
 * with `node --import tsx bench/support/profile-top.ts FILE`.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BATON_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  let started = false;
  let stopped = false;
  const stop = () => {
    if (!started || stopped) return;
    stopped = true;
    session.post('Profiler.stop', (err, result) => {
      if (err) return;
      writeFileSync(
        join(dir, `baton-${process.pid}-${Date.now()}.cpuprofile`),
        JSON.stringify(result.profile),
      );
    });
  };
  // The first SIGUSR2 starts the profile, the second stops it and writes it (the bench sends it once
  // the server is quiet again, so shutdown work such as the store's closing compaction stays out).
  process.on('SIGUSR2', () => {
    if (started) return stop();
    started = true;
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 500 });
    session.post('Profiler.start');
  });
  // A same-thread inspector session answers synchronously, so this works inside 'exit'.
  process.once('exit', stop);
}
