/**
 * What the process does with an exception nobody caught. Node's default is to exit, which let one
 * collab message end the server for everyone (the draft save timer threw inside a `setTimeout`).
 * Every timer and callback path of Baton catches its own errors now; this is the net under them:
 * a stray rejection or exception is logged and the server keeps serving, unless they come in a
 * storm — then the process state is suspect, and it shuts down cleanly (a supervisor restarts it;
 * the store loses nothing acknowledged).
 */
export interface ProcessGuardOptions {
  log: { error(obj: object, msg: string): void; fatal?(obj: object, msg: string): void };
  /** Uncaught exceptions tolerated within `windowMs` before shutting down. */
  maxExceptions?: number;
  windowMs?: number;
  /** Called once when the storm threshold is passed (a clean shutdown). */
  shutdown(reason: string): void;
  now?: () => number;
}

export interface ProcessGuard {
  onException(err: unknown): void;
  onRejection(err: unknown): void;
}

export function createProcessGuard(options: ProcessGuardOptions): ProcessGuard {
  const maxExceptions = options.maxExceptions ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const recent: number[] = [];
  let shuttingDown = false;
  return {
    onException(err) {
      const at = now();
      recent.push(at);
      while (recent.length && (recent[0] as number) <= at - windowMs) recent.shift();
      if (recent.length > maxExceptions && !shuttingDown) {
        shuttingDown = true;
        (options.log.fatal ?? options.log.error)(
          { err, count: recent.length, windowMs },
          'uncaught exceptions keep coming: shutting down cleanly',
        );
        options.shutdown('uncaught exceptions');
        return;
      }
      options.log.error({ err }, 'uncaught exception; Baton keeps serving');
    },
    onRejection(err) {
      // A promise nobody awaited: the work it stood for failed, nothing else is affected.
      options.log.error({ err }, 'unhandled promise rejection; Baton keeps serving');
    },
  };
}

/** Installs the guard on the process (main.ts only: tests and tools keep Node's defaults). */
export function installProcessGuard(options: ProcessGuardOptions): ProcessGuard {
  const guard = createProcessGuard(options);
  process.on('uncaughtException', (err) => guard.onException(err));
  process.on('unhandledRejection', (err) => guard.onRejection(err));
  return guard;
}
