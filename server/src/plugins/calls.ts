/**
 * Every call into plugin code goes through {@link guardedCall}: it runs under a deadline (the
 * context's signal aborts when it passes), a throw or rejection is caught, and the result is copied
 * out of the plugin's hands (JSON round trip: no getters, cycles or class instances survive) and
 * validated against its schema. The outcome is recorded in the plugin's health. Nothing a plugin
 * returns or throws escapes as an exception.
 */
import { describeAjvErrors } from '@baton/plugin-sdk';
import type { PluginHealth } from '@baton/schemas';
import type { ValidateFunction } from 'ajv';

export type CallFailureKind = 'threw' | 'timeout' | 'invalid';

export type CallOutcome<T> =
  | { ok: true; value: T; durationMs: number }
  | { ok: false; kind: CallFailureKind; error: string; durationMs: number; cause?: unknown };

/** Per-plugin counters on this instance. */
export class HealthTracker {
  readonly health: PluginHealth = {
    calls: 0,
    failures: 0,
    timeouts: 0,
    invalidResults: 0,
    rejectedRequests: 0,
    consecutiveFailures: 0,
  };

  success(at: Date): void {
    this.health.calls++;
    this.health.consecutiveFailures = 0;
    this.health.lastSuccessAt = at.toISOString();
  }

  failure(at: Date, kind: CallFailureKind, operation: string, message: string): void {
    this.health.calls++;
    this.health.failures++;
    this.health.consecutiveFailures++;
    if (kind === 'timeout') this.health.timeouts++;
    if (kind === 'invalid') this.health.invalidResults++;
    this.health.lastError = { at: at.toISOString(), kind, operation, message: message.slice(0, 2000) };
  }

  rejected(at: Date, operation: string, message: string): void {
    this.health.rejectedRequests++;
    this.health.lastError = {
      at: at.toISOString(),
      kind: 'signature',
      operation,
      message: message.slice(0, 2000),
    };
  }
}

export class PluginTimeoutError extends Error {
  override readonly name = 'PluginTimeoutError';
}

function detach(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value));
}

export async function guardedCall<T>(options: {
  operation: string;
  timeoutMs: number;
  health: HealthTracker;
  now: () => Date;
  /** Validates the detached result; omitted: any value (including undefined) is accepted. */
  validate?: ValidateFunction;
  /** Checks beyond the schema; a message makes the result invalid. */
  check?: (value: T) => string | undefined;
  /** Failures a plugin raises on purpose (bad input, missing configuration) are not its ill health. */
  expected?: (err: unknown) => boolean;
  run: (signal: AbortSignal) => T | Promise<T>;
}): Promise<CallOutcome<T>> {
  const controller = new AbortController();
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 100) / 100;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new PluginTimeoutError(`${options.operation} took longer than ${options.timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, options.timeoutMs);
  });
  let work: Promise<T> | undefined;
  try {
    work = Promise.resolve().then(() => options.run(controller.signal));
    const raw = await Promise.race([work, deadline]);
    let value: unknown;
    try {
      value = detach(raw);
    } catch (err) {
      throw new InvalidResult(`the result cannot be copied as JSON: ${(err as Error).message}`);
    }
    if (options.validate && !options.validate(value)) {
      throw new InvalidResult(
        describeAjvErrors(options.validate.errors)
          .map((e) => e.message)
          .join('; '),
      );
    }
    const problem = options.check?.(value as T);
    if (problem) throw new InvalidResult(problem);
    options.health.success(options.now());
    return { ok: true, value: value as T, durationMs: elapsed() };
  } catch (err) {
    // A plugin that rejects after its deadline must not become an unhandled rejection.
    work?.catch(() => {});
    const kind: CallFailureKind =
      err instanceof PluginTimeoutError ? 'timeout' : err instanceof InvalidResult ? 'invalid' : 'threw';
    const message = kind === 'invalid' ? `invalid result: ${(err as Error).message}` : errorMessage(err);
    if (!(kind === 'threw' && options.expected?.(err)))
      options.health.failure(options.now(), kind, options.operation, message);
    return { ok: false, kind, error: message, durationMs: elapsed(), cause: err };
  } finally {
    clearTimeout(timer);
  }
}

class InvalidResult extends Error {
  override readonly name = 'InvalidResult';
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  try {
    return `threw a non-error: ${JSON.stringify(err)?.slice(0, 200)}`;
  } catch {
    return 'threw a non-error value';
  }
}
