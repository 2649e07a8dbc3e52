/**
 * Reads a JSON-lines file synchronously in chunks (a journal can outgrow the largest string V8 allows),
 * reporting each line with its 1-based number and byte offsets so recovery can truncate a torn tail.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export interface Line {
  text: string;
  /** 1-based line number, for error messages. */
  number: number;
  /** Byte offset where the line starts. */
  start: number;
  /** False for a last line with no newline: a write that did not finish. */
  terminated: boolean;
}

const CHUNK = 1 << 20;

export function* readLines(path: string): Generator<Line> {
  const fd = openSync(path, 'r');
  try {
    let pending = Buffer.alloc(0);
    let pendingStart = 0;
    let number = 0;
    const chunk = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(fd, chunk, 0, CHUNK, null);
      if (n === 0) break;
      let data = Buffer.concat([pending, chunk.subarray(0, n)]);
      let from = 0;
      for (let nl = data.indexOf(10, from); nl !== -1; nl = data.indexOf(10, from)) {
        number++;
        yield { text: data.toString('utf8', from, nl), number, start: pendingStart + from, terminated: true };
        from = nl + 1;
      }
      pendingStart += from;
      data = data.subarray(from);
      pending = Buffer.from(data);
    }
    if (pending.length > 0) {
      yield { text: pending.toString('utf8'), number: number + 1, start: pendingStart, terminated: false };
    }
  } finally {
    closeSync(fd);
  }
}
