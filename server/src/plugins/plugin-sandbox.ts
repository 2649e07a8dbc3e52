/**
 * One job: run one call into a plugin inside its limits — the context it gets (frozen settings,
 * secrets, a logger tagged with its name, HTTP restricted to its declared egress, a deadline) and
 * {@link guardedCall}, so a plugin that throws, hangs or answers garbage is contained, shows in its
 * health and never takes the server down. Events it emits are checked before they go anywhere.
 */
import {
  type AddressAllowList,
  createGuardedHttp,
  createHttpAgents,
  describeAjvErrors,
  InvalidPayloadError,
  manifestAjv,
  PluginConfigError,
  type PluginContext,
  type PluginEvent,
  type PluginLogger,
  secretsFrom,
} from '@baton/plugin-sdk';
import { schemaId } from '@baton/schemas';
import type { ValidateFunction } from 'ajv';
import type { Clock } from '../shared/clock.ts';
import { type CallOutcome, errorMessage, guardedCall } from './calls.ts';
import type { Entry, HostLogger, PluginState } from './plugin-entry.ts';
import type { PluginStates } from './plugin-state.ts';

export type PluginEventHandler = (plugin: string, event: PluginEvent) => Promise<void>;

/** The validator of one kind of plugin answer (`plugin-results` schema). */
export function resultValidator(name: string): ValidateFunction {
  const validate = manifestAjv().getSchema(`${schemaId('plugin-results')}#/$defs/${name}`);
  if (!validate) throw new Error(`plugin-results schema has no ${name}`);
  return validate;
}

/** Failures a plugin raises on purpose (bad configuration, bad payload): not worth a warning. */
export function isExpected(err: unknown): boolean {
  return err instanceof PluginConfigError || err instanceof InvalidPayloadError;
}

export interface SandboxOptions {
  clock: Clock;
  states: PluginStates;
  allowPrivate: AddressAllowList;
  defaultTimeoutMs: number;
  publicUrl: () => string;
  /** Where an emitted event goes, once checked (read at each emit: wired after construction). */
  onEvent: PluginEventHandler;
  log?: HostLogger | undefined;
}

export class PluginSandbox {
  constructor(private readonly options: SandboxOptions) {}

  async call<T>(
    entry: Entry,
    state: PluginState,
    operation: string,
    validate: ValidateFunction,
    run: (ctx: PluginContext) => T | Promise<T>,
    check?: (value: T) => string | undefined,
  ): Promise<CallOutcome<T>> {
    const timeoutMs = entry.manifest?.timeoutMs ?? this.options.defaultTimeoutMs;
    const outcome = await guardedCall<T>({
      operation,
      timeoutMs,
      health: entry.health,
      now: () => this.options.clock.now(),
      validate,
      ...(check ? { check } : {}),
      expected: isExpected,
      run: (signal) => run(this.#context(entry, state, signal, timeoutMs)),
    });
    if (!outcome.ok && !isExpected(outcome.cause)) {
      this.options.log?.warn?.(
        { plugin: entry.name, operation, kind: outcome.kind, error: outcome.error },
        `plugin ${entry.name}: ${operation} failed (${outcome.kind}): ${outcome.error}`,
      );
    }
    return outcome;
  }

  #context(entry: Entry, state: PluginState, signal: AbortSignal, timeoutMs: number): PluginContext {
    const manifest = entry.manifest!;
    const { settings } = this.options.states.settingsOf(entry, state);
    entry.agents ??= createHttpAgents();
    const hosts = [...(manifest.egress?.hosts ?? [])];
    for (const key of manifest.egress?.settings ?? []) {
      const value = settings[key];
      if (typeof value === 'string') {
        try {
          hosts.push(new URL(value).hostname.replace(/^\[|\]$/g, ''));
        } catch {}
      }
    }
    return {
      plugin: { name: entry.name, version: manifest.version },
      settings,
      secrets: secretsFrom(entry.name, entry.state?.secrets ?? {}),
      log: this.#pluginLogger(entry.name),
      http: createGuardedHttp({
        plugin: entry.name,
        hosts,
        allowPrivate: this.options.allowPrivate,
        signal,
        defaultTimeoutMs: timeoutMs,
        agents: entry.agents,
      }),
      emit: (event) => this.#emit(entry, event),
      signal,
      publicUrl: this.options.publicUrl(),
      now: () => this.options.clock.now(),
    };
  }

  async #emit(entry: Entry, event: PluginEvent): Promise<void> {
    let copy: PluginEvent;
    try {
      copy = JSON.parse(JSON.stringify(event)) as PluginEvent;
    } catch (err) {
      throw new TypeError(`plugin ${entry.name} emitted an event that is not JSON: ${errorMessage(err)}`);
    }
    if (copy?.type === 'in_app') {
      if (
        typeof copy.userId !== 'string' ||
        typeof copy.text !== 'string' ||
        typeof copy.notificationId !== 'string'
      ) {
        throw new TypeError(
          `plugin ${entry.name} emitted an in_app push without userId, notificationId and text`,
        );
      }
    } else {
      const validate = manifestAjv().getSchema(schemaId('inbound-event'))!;
      if (!validate(copy)) {
        throw new TypeError(
          `plugin ${entry.name} emitted an invalid event: ${describeAjvErrors(validate.errors)
            .map((e) => e.message)
            .join('; ')}`,
        );
      }
    }
    await this.options.onEvent(entry.name, copy);
  }

  #pluginLogger(name: string): PluginLogger {
    const log = this.options.log;
    const at =
      (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string, data?: Record<string, unknown>) => {
        const fn = level === 'error' ? log?.error : log?.[level];
        fn?.call(log, { plugin: name, ...(data ?? {}) }, `[${name}] ${msg}`);
      };
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  }
}
