/**
 * Suites that need the public data sets in `../shared/data` (outside the repository): they say so
 * instead of vanishing. Without the data, the suite shows as skipped with the reason in its name —
 * and on CI (`CI` set), where the data is provisioned, a missing file fails the run instead.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'vitest';

export function describeWithData(file: string, name: string, suite: () => void): void {
  if (existsSync(file)) {
    describe(name, suite);
    return;
  }
  const shown = relative(process.cwd(), file);
  if (process.env.CI) {
    describe(name, () => {
      it(`needs ${shown}`, () => {
        throw new Error(`${shown} is missing; CI must provide the shared data sets`);
      });
    });
    return;
  }
  describe.skip(`${name} — skipped: needs ${shown} (the shared data sets are not on this machine)`, suite);
}
