/** `train [--json]`: a new routing model version from the resolved issues in the store. */
import type { Services } from '../../services.ts';
import { defineCommand, EXIT_OK } from '../command.ts';
import { withServices } from '../context.ts';
import type { CliIo } from '../io.ts';

export const train = defineCommand({
  path: ['train'],
  summary: 'Train the routing model (queue, priority, type) on the resolved issues in the store',
  usage: '[--json]',
  details: [
    'Reads every resolved or closed issue, trains one model per label that has at least two values,',
    'and stores it as the next version (the newest version is the one servers use).',
    'Runs by itself after `import tickets` when the import created issues.',
    '',
    'Options:',
    '  --json   print the model version as one JSON line on stdout',
  ].join('\n'),
  options: { json: { type: 'boolean' } },
  async run({ io, values }) {
    const info = await withServices(io, ({ services }) => trainRouting(services, io, Boolean(values.json)));
    if (values.json) io.stdout.write(`${JSON.stringify(info)}\n`);
    return EXIT_OK;
  },
});

/** Trains and reports in words (unless `quiet`); shared with `import tickets`. */
export async function trainRouting(services: Services, io: CliIo, quiet = false) {
  if (!quiet) io.stderr.write('training the routing model on resolved issues…\n');
  const { info, examples } = await services.intelligence.train();
  if (!quiet) {
    const labels = info.labels.map((l) => `${l.label} (${l.classes.length} values)`).join(', ');
    io.stdout.write(
      `Trained routing model version ${info.version} on ${examples.toLocaleString('en-US')} resolved issues in ${(info.durationMs / 1000).toFixed(1)} s: ${labels}\n`,
    );
  }
  return info;
}
