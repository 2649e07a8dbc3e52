/**
 * Progress on stderr: a bar on a terminal (cli-progress), otherwise a plain line every few seconds
 * so logs of CI jobs and redirected runs show that work is moving.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from './io.ts';

export interface ProgressCounts {
  /** Units done out of `total` (bytes of the file for imports). */
  done: number;
  /** What to show beside the bar, e.g. `{ rows: 1200, created: 1180 }`. */
  fields: Record<string, number>;
}

export interface ProgressReporter {
  update(counts: ProgressCounts): void;
  stop(): void;
}

export function createProgress(
  io: CliIo,
  options: { total: number; label: string; plainEveryMs?: number; now?: () => number },
): ProgressReporter {
  const total = Math.max(options.total, 1);
  const now = options.now ?? Date.now;
  const percent = (done: number) => Math.min(100, Math.floor((done / total) * 100));
  const describe = (fields: Record<string, number>) =>
    Object.entries(fields)
      .map(([name, value]) => `${value.toLocaleString('en-US')} ${name}`)
      .join(', ');

  if (io.stderr.isTTY) {
    const bar = new SingleBar(
      {
        stream: io.stderr as unknown as NodeJS.WritableStream,
        format: `${options.label} {bar} {percentage}% | {details} | ETA {eta_formatted}`,
        clearOnComplete: true,
        hideCursor: true,
        fps: 10,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0, { details: '' });
    return {
      update: ({ done, fields }) => bar.update(Math.min(done, total), { details: describe(fields) }),
      stop: () => bar.stop(),
    };
  }

  const every = options.plainEveryMs ?? 2000;
  let last = now();
  return {
    update({ done, fields }) {
      const t = now();
      if (t - last < every) return;
      last = t;
      io.stderr.write(`${options.label}: ${percent(done)}% (${describe(fields)})\n`);
    },
    stop() {},
  };
}
