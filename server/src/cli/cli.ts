/**
 * `npm run baton -- <command>`: a small dispatcher. A command is a path of words (`import tickets`,
 * `admin-token rotate`) with its own options; adding one (`train`, `eval-routing`, `plugin new`) is
 * one entry in {@link COMMANDS}.
 *
 * Exit codes: 0 done, 1 failed (the message says why), 2 the command line is wrong.
 */
import { parseArgs } from 'node:util';
import {
  CliError,
  type Command,
  type CommandContext,
  EXIT_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
} from './command.ts';
import { adminTokenRotate } from './commands/admin-token.ts';
import { evalBriefs } from './commands/eval-briefs.ts';
import { evalRouting } from './commands/eval-routing.ts';
import { importTickets } from './commands/import-tickets.ts';
import { pluginNew } from './commands/plugin-new.ts';
import { train } from './commands/train.ts';
import { type CliIo, processIo } from './io.ts';

export const COMMANDS: readonly Command[] = [
  importTickets,
  adminTokenRotate,
  train,
  evalRouting,
  evalBriefs,
  pluginNew,
];

const PROGRAM = 'npm run baton --';

export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (err) {
    return reportError(err, io);
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    io.stderr.write(overview());
    return EXIT_USAGE;
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    if (!rest.length) {
      io.stdout.write(overview());
      return EXIT_OK;
    }
    const { command } = resolve(rest);
    if (!command) throw new UsageError(`unknown command: ${rest.join(' ')}`);
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  const { command, args } = resolve(argv);
  if (!command) {
    const group = COMMANDS.filter((c) => c.path[0] === first);
    if (group.length) {
      const names = group.map((c) => c.path.join(' ')).join(', ');
      throw new UsageError(`${first} needs a subcommand: ${names}`);
    }
    throw new UsageError(`unknown command: ${first}`);
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options: command.options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(
      `${command.path.join(' ')}: ${(err as Error).message}\nusage: ${usageLine(command)}`,
    );
  }
  return command.run({ io, positionals: parsed.positionals, values: parsed.values } as CommandContext);
}

/** The command named by the longest matching prefix of the words, and the arguments after it. */
function resolve(argv: readonly string[]): { command: Command | undefined; args: readonly string[] } {
  let best: Command | undefined;
  for (const command of COMMANDS) {
    const matches = command.path.every((word, i) => argv[i] === word);
    if (matches && command.path.length > (best?.path.length ?? 0)) best = command;
  }
  return { command: best, args: best ? argv.slice(best.path.length) : argv };
}

function usageLine(command: Command): string {
  return `${PROGRAM} ${command.path.join(' ')}${command.usage ? ` ${command.usage}` : ''}`;
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length), 'help [COMMAND]'.length);
  const lines = COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`);
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    '',
    'Commands:',
    ...lines,
    `  ${'help [COMMAND]'.padEnd(width)}  Show this list, or the options of one command`,
    '',
    'The store is the one the server uses: BATON_DATA_DIR (default ./data) or MONGODB_URI.',
    '',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [
    `Usage: ${usageLine(command)}`,
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    '',
  ].join('\n');
}

function reportError(err: unknown, io: CliIo): number {
  if (err instanceof UsageError) {
    io.stderr.write(`error: ${err.message}\nRun "${PROGRAM} help" for the list of commands.\n`);
    return EXIT_USAGE;
  }
  const error = err instanceof Error ? err : new Error(String(err));
  io.stderr.write(`error: ${error.message}\n`);
  // Expected failures explain themselves; for anything else the stack helps when asked for.
  const expected =
    error instanceof CliError || error.name === 'TicketFileError' || error.name === 'StoreLockedError';
  const debug = ['debug', 'trace'].includes(io.env.BATON_LOG_LEVEL ?? '');
  if (!expected && debug && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT_FAILED;
}
