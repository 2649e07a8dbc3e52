/** Entry point of `npm run baton -- <command>`; see cli.ts for the commands. */
import { runCli } from './cli.ts';

process.exitCode = await runCli(process.argv.slice(2));
