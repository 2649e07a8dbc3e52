/**
 * Preload for profiling a server a benchmark starts (`NODE_OPTIONS=--import=<this file>`, since
 * NODE_OPTIONS refuses --cpu-prof): with BATON_CPU_PROF=<dir>, profiles the process from start and
 * writes <dir>/<pid>.cpuprofile when it exits (SIGTERM included), for Chrome DevTools or speedscope.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';

const dir = process.env.BATON_CPU_PROF;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    // The main thread's session answers synchronously, so this works inside 'exit'.
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(`${dir}/${process.pid}.cpuprofile`, JSON.stringify(result.profile));
    });
  };
  process.on('exit', write);
}
