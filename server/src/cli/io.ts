/** Where a command reads its environment and writes its output: the process, or a test's buffers. */

export interface CliOutput {
  write(text: string): unknown;
}

export interface CliErrorOutput extends CliOutput {
  /** A progress bar is drawn only on a terminal (then this is a real terminal stream). */
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliOutput;
  stderr: CliErrorOutput;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
