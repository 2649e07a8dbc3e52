/**
 * Opening the same store and services the server uses, from the same environment (`loadConfig`):
 * BATON_DATA_DIR (default ./data) or MONGODB_URI.
 */
import { type Config, loadConfig } from '../config.ts';
import { createServices, type Services } from '../services.ts';
import { systemClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';
import { CliError } from './command.ts';
import type { CliIo } from './io.ts';

export interface OpenedServices {
  services: Services;
  config: Config;
  /** Waits for event handlers, then flushes and unlocks the store. */
  close(): Promise<void>;
}

export async function openServices(io: CliIo): Promise<OpenedServices> {
  let config: Config;
  try {
    config = loadConfig(io.env, io.cwd);
  } catch (err) {
    throw new CliError(`configuration: ${(err as Error).message}`);
  }
  const warn = (message: string) => io.stderr.write(`warning: ${message}\n`);
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore({
      dataDir: config.dataDir,
      ...(config.mongodbUri ? { mongodbUri: config.mongodbUri } : {}),
      fsync: config.fsync,
      logger: { info: () => {}, warn },
    });
  } catch (err) {
    const error = err as Error;
    if (error.name === 'StoreLockedError') {
      throw new CliError(
        `the store in ${config.dataDir} is in use, probably by a running Baton server. ` +
          `Stop the server and run the command again.\n  (${error.message})`,
      );
    }
    const where = config.mongodbUri ? 'MongoDB (MONGODB_URI)' : config.dataDir;
    throw new CliError(`cannot open the store in ${where}: ${error.message}`);
  }
  try {
    const services = await createServices({
      store,
      clock: systemClock,
      log: {
        error: (obj, msg) => {
          const cause = (obj as { err?: unknown }).err;
          io.stderr.write(`error: ${msg}${cause instanceof Error ? `: ${cause.message}` : ''}\n`);
        },
      },
      sessionTtlMs: config.sessionTtlMs,
    });
    return {
      services,
      config,
      async close() {
        await services.bus.drain();
        // Imports owe each issue's work until its listeners finish: cleared here, or the next server
        // start would replay every imported issue.
        await services.outbox.clear();
        await store.close();
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}

/** Runs `work` with open services and always closes them, also when it fails. */
export async function withServices<T>(io: CliIo, work: (opened: OpenedServices) => Promise<T>): Promise<T> {
  const opened = await openServices(io);
  try {
    return await work(opened);
  } finally {
    await opened.close();
  }
}
