/** `import tickets FILE.csv [--json]`: helpdesk tickets from CSV as resolved issues (see importer/tickets.ts). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import {
  PRIORITY_MAP,
  importTickets as runImport,
  type TicketImportSummary,
} from '../../importer/tickets.ts';
import { defineCommand, EXIT_OK, UsageError } from '../command.ts';
import { withServices } from '../context.ts';
import type { CliIo } from '../io.ts';
import { createProgress } from '../progress.ts';
import { trainRouting } from './train.ts';

/** How many skipped rows the text summary lists (`--json` has up to 1,000). */
const SKIPPED_SHOWN = 50;

export const importTickets = defineCommand({
  path: ['import', 'tickets'],
  summary: 'Import helpdesk tickets from a CSV file as resolved issues (safe to run again)',
  usage: 'FILE.csv [--json]',
  details: [
    'Columns (header row): id, subject, body, answer, type, queue, priority, language, tags (A|B|C).',
    'Only subject and body are required; without an id column, a key is derived from subject and body.',
    'Each row becomes a resolved email issue with externalId ticket:<id> and its own customer',
    '(ticket-customer:<id>); the answer, if any, is added as a reply by "Imported agent".',
    'Importing the same file again creates nothing. Bad rows are skipped and listed with their line numbers.',
    '',
    'Options:',
    '  --json       print the summary as one JSON line on stdout',
    '  --no-train   do not train the routing model afterwards (it trains when the import created issues)',
    '',
    'Exit codes: 0 imported (also with skipped rows), 1 failed, 2 wrong command line.',
  ].join('\n'),
  options: { json: { type: 'boolean' }, 'no-train': { type: 'boolean' } },
  async run({ io, positionals, values }) {
    if (positionals.length !== 1) {
      throw new UsageError(
        positionals.length ? `expected one file, got ${positionals.length}` : 'name the CSV file to import',
      );
    }
    const file = resolve(io.cwd, positionals[0] as string);
    const size = await fileSize(file, positionals[0] as string);

    const summary = await withServices(io, async ({ services }) => {
      const progress = createProgress(io, { total: size, label: `importing ${basename(file)}` });
      let result: TicketImportSummary;
      try {
        result = await runImport(createReadStream(file), services, {
          onProgress: (p) =>
            progress.update({
              done: p.bytes,
              fields: {
                rows: p.rows,
                created: p.created,
                'already imported': p.alreadyImported,
                skipped: p.skipped,
              },
            }),
        });
      } finally {
        progress.stop();
      }
      // New history: the routing model learns from it right away.
      if (result.created > 0 && !values['no-train']) {
        try {
          await trainRouting(services, io, Boolean(values.json));
        } catch (err) {
          // The import itself succeeded; too little history to learn from is not its failure.
          io.stderr.write(`warning: the routing model was not trained: ${(err as Error).message}\n`);
        }
      }
      return result;
    });

    if (values.json) io.stdout.write(`${JSON.stringify({ file, ...summary })}\n`);
    else printSummary(io, file, summary);
    return EXIT_OK;
  },
});

async function fileSize(path: string, given: string): Promise<number> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${given} is not a file`);
    return info.size;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`no such file: ${given}`);
    throw err;
  }
}

function printSummary(io: CliIo, file: string, s: TicketImportSummary): void {
  const n = (value: number) => value.toLocaleString('en-US');
  const width = Math.max(...[s.rows, s.created, s.alreadyImported, s.skipped].map((v) => n(v).length));
  const line = (label: string, value: number, note = '') =>
    `  ${label.padEnd(18)}${n(value).padStart(width)}${note ? `  ${note}` : ''}`;
  const mapped = Object.entries(s.prioritiesMapped);
  const mappedCount = mapped.reduce((sum, [, count]) => sum + count, 0);
  const out = [
    `Imported ${file} in ${(s.durationMs / 1000).toFixed(1)} s`,
    line('rows', s.rows),
    line('created', s.created),
    line('already imported', s.alreadyImported),
    line('skipped', s.skipped, s.skipped ? '(listed below)' : ''),
    line('without answer', s.withoutAnswer, s.withoutAnswer ? '(imported as resolved, no reply)' : ''),
    line(
      'priorities mapped',
      mappedCount,
      mapped.length
        ? `(${mapped.map(([from, count]) => `${from} → ${PRIORITY_MAP[from]}: ${n(count)}`).join(', ')})`
        : '',
    ),
    line('subjects derived', s.subjectsDerived, s.subjectsDerived ? '(from the first line of the body)' : ''),
  ];
  if (s.repliesRestored)
    out.push(line('replies restored', s.repliesRestored, '(missing after an interrupted import)'));
  if (s.blankLines) out.push(line('blank lines', s.blankLines, '(ignored)'));
  if (s.ignoredColumns.length) out.push(`  ignored columns: ${s.ignoredColumns.join(', ')}`);
  if (s.skipped) {
    out.push('', 'Skipped rows:');
    for (const row of s.skippedRows.slice(0, SKIPPED_SHOWN)) {
      const where = row.endLine ? `lines ${row.line}-${row.endLine}` : `line ${row.line}`;
      out.push(`  ${where}: ${row.reason}`);
    }
    const more = s.skipped - Math.min(s.skippedRows.length, SKIPPED_SHOWN);
    if (more > 0) out.push(`  … and ${n(more)} more (--json lists up to 1,000)`);
  }
  io.stdout.write(`${out.join('\n')}\n`);
}
