/** What a CLI command is, and the errors that set its exit code. */
import type { ParseArgsConfig, parseArgs } from 'node:util';
import type { CliIo } from './io.ts';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** The command line is wrong: the message and the command's usage are printed, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An expected failure with a message meant for the person at the terminal: printed without a stack. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CommandContext<O extends OptionSpec = OptionSpec> {
  io: CliIo;
  positionals: string[];
  values: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];
}

export interface Command<O extends OptionSpec = OptionSpec> {
  /** The words that name it, e.g. `['import', 'tickets']`. */
  path: readonly string[];
  /** One line for the command list. */
  summary: string;
  /** Arguments after the path, e.g. `FILE.csv [--json]`. */
  usage: string;
  /** Further lines for `help <command>`. */
  details?: string;
  options: O;
  run(ctx: CommandContext<O>): Promise<number>;
}

/** Keeps each command's option types while listing them together. */
export function defineCommand<O extends OptionSpec>(command: Command<O>): Command {
  return command as unknown as Command;
}
