/**
 * `eval-routing --train FILE --test FILE --label queue|priority|type [--json]`: trains the router on
 * one CSV, predicts the other, and scores a multinomial naive Bayes baseline on the same tokens.
 * `eval-routing --split FILE --out DIR [--test-fraction 0.2] [--seed 42]` writes a stratified, seeded
 * held-out split (train.csv, test.csv) of one file to evaluate with.
 *
 * Works on files only: no store is opened.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  LABELS,
  type LabelName,
  readTicketCsv,
  stratifiedSplit,
  writeCsv,
} from '../../intelligence/routing/dataset.ts';
import { evaluateRouting } from '../../intelligence/routing/evaluate.ts';
import { CliError, defineCommand, EXIT_OK, UsageError } from '../command.ts';

export const evalRouting = defineCommand({
  path: ['eval-routing'],
  summary: 'Score the learned router on held-out tickets against a naive Bayes baseline',
  usage: '--train FILE.csv --test FILE.csv --label queue|priority|type [--json] | --split FILE.csv --out DIR',
  details: [
    'Trains on --train, predicts --test (both in the import format) and prints accuracy, macro-F1,',
    'the baseline accuracy (multinomial naive Bayes on the same tokens) and ms per ticket.',
    'Tickets without the label are left out of both sides.',
    '',
    'Options:',
    '  --json                 print the result as one JSON line (the last line of stdout)',
    '  --split FILE --out DIR write DIR/train.csv and DIR/test.csv: a split stratified by queue',
    '  --test-fraction F      share of each queue that goes to test.csv (default 0.2)',
    '  --seed N               the split is the same for the same seed (default 42)',
  ].join('\n'),
  options: {
    train: { type: 'string' },
    test: { type: 'string' },
    label: { type: 'string' },
    json: { type: 'boolean' },
    split: { type: 'string' },
    out: { type: 'string' },
    'test-fraction': { type: 'string' },
    seed: { type: 'string' },
  },
  async run({ io, values }) {
    if (values.split) {
      if (!values.out) throw new UsageError('--split needs --out DIR');
      const fraction = Number(values['test-fraction'] ?? '0.2');
      const seed = Number(values.seed ?? '42');
      if (!(fraction > 0 && fraction < 1)) throw new UsageError('--test-fraction must be between 0 and 1');
      if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
      const source = await read(resolve(io.cwd, values.split));
      const [header, ...rows] = source.rows;
      const items = rows.map((row, i) => ({ row, queue: source.tickets[i]?.queue ?? '' }));
      const { train, test } = stratifiedSplit(items, (x) => x.queue, fraction, seed);
      const dir = resolve(io.cwd, values.out);
      await mkdir(dir, { recursive: true });
      await writeCsv(join(dir, 'train.csv'), [header as string[], ...train.map((x) => x.row)]);
      await writeCsv(join(dir, 'test.csv'), [header as string[], ...test.map((x) => x.row)]);
      const result = {
        train: join(dir, 'train.csv'),
        test: join(dir, 'test.csv'),
        trainRows: train.length,
        testRows: test.length,
        seed,
        testFraction: fraction,
      };
      io.stdout.write(
        values.json
          ? `${JSON.stringify(result)}\n`
          : `wrote ${result.train} (${train.length} rows) and ${result.test} (${test.length} rows)\n`,
      );
      return EXIT_OK;
    }
    if (!values.train || !values.test) throw new UsageError('name the --train and --test files');
    const label = values.label as LabelName | undefined;
    if (!label || !LABELS.includes(label))
      throw new UsageError(`--label must be one of ${LABELS.join(', ')}`);
    const [train, test] = await Promise.all([
      read(resolve(io.cwd, values.train)),
      read(resolve(io.cwd, values.test)),
    ]);
    let result: ReturnType<typeof evaluateRouting>;
    try {
      result = evaluateRouting(train.tickets, test.tickets, label);
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    if (values.json) {
      const { n, accuracy, macroF1, baselineAccuracy, msPerTicket } = result;
      io.stdout.write(`${JSON.stringify({ label, n, accuracy, macroF1, baselineAccuracy, msPerTicket })}\n`);
    } else {
      io.stdout.write(
        [
          `${label}: ${result.n} test tickets, trained on ${result.trainTickets} in ${(result.trainMs / 1000).toFixed(1)} s`,
          `  accuracy          ${result.accuracy.toFixed(4)}   (naive Bayes ${result.baselineAccuracy.toFixed(4)})`,
          `  macro-F1          ${result.macroF1.toFixed(4)}   (naive Bayes ${result.baselineMacroF1.toFixed(4)})`,
          `  ms per ticket     ${result.msPerTicket.toFixed(3)}`,
          '',
        ].join('\n'),
      );
    }
    return EXIT_OK;
  },
});

async function read(path: string) {
  try {
    return await readTicketCsv(path);
  } catch (err) {
    const error = err as NodeJS.ErrnoException;
    if (error.code === 'ENOENT') throw new UsageError(`no such file: ${path}`);
    if (error.name === 'TicketFileError') throw new CliError(`${path}: ${error.message}`);
    throw err;
  }
}
