/**
 * Prints one plain closing line, `vitest: N passed, N failed, N skipped`, after every run, so a
 * machine reading the log (CI) finds the counts without parsing Vitest's coloured summary. A file
 * that fails outside its tests (a `beforeAll` that throws) leaves its tests skipped, not failed:
 * the line then names those files and any unhandled errors, so it never reads as a clean run.
 */
import type { Reporter, SerializedError, TestModule } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[], unhandledErrors: readonly SerializedError[]): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    let brokenFiles = 0;
    for (const module of testModules) {
      if (module.errors().length) brokenFiles++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') counts.failed++;
        else counts.skipped++;
      }
    }
    const problems = [
      ...(brokenFiles
        ? [`${brokenFiles} ${brokenFiles === 1 ? 'file' : 'files'} failed outside a test`]
        : []),
      ...(unhandledErrors.length ? [`${unhandledErrors.length} unhandled errors`] : []),
    ];
    process.stdout.write(
      `\nvitest: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped${problems.map((p) => `, ${p}`).join('')}\n`,
    );
  }
}
