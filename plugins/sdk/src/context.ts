/**
 * What every plugin call receives. Built by the host per call (or by the test kit's
 * `createTestContext`), so a plugin never reaches Baton's internals — only this.
 */
import type { InboundEvent, NotificationUrgency } from '@baton/schemas';
import type { PluginHttp } from './http.ts';

export interface PluginLogger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export interface PluginSecrets {
  /** The secret's value, or undefined when it is not set. */
  get(name: string): string | undefined;
  /** The secret's value; throws a {@link PluginConfigError} naming it when it is not set. */
  require(name: string): string;
}

/** A live push to a signed-in user's open Baton sessions (the in-app channel). */
export interface InAppPush {
  type: 'in_app';
  userId: string;
  notificationId: string;
  urgency: NotificationUrgency;
  subject?: string;
  text: string;
  issueId?: string;
  link?: string;
  createdAt: string;
}

/** What a plugin may hand to Baton outside a request: inbound events, in-app pushes. */
export type PluginEvent = InboundEvent | InAppPush;

export interface PluginContext<S = Record<string, unknown>> {
  readonly plugin: { readonly name: string; readonly version: string };
  /** Validated against the manifest's settings schema, defaults applied. */
  readonly settings: Readonly<S>;
  readonly secrets: PluginSecrets;
  readonly log: PluginLogger;
  /** Egress-checked, SSRF-guarded HTTP. */
  readonly http: PluginHttp;
  /** Hands an event to Baton (validated like every plugin result). */
  emit(event: PluginEvent): Promise<void>;
  /** Aborted when the call's deadline passes: pass it on to long work. */
  readonly signal: AbortSignal;
  /** Where people and providers reach Baton (links, buttons, status pages). */
  readonly publicUrl: string;
  now(): Date;
}

/** The plugin is missing configuration (a secret, a setting): the host reports it as such. */
export class PluginConfigError extends Error {
  override readonly name = 'PluginConfigError';
}

/**
 * The inbound payload is malformed (an ingest route throws it): the sender gets a 400 problem with
 * this message, and it does not count against the plugin's health.
 */
export class InvalidPayloadError extends Error {
  override readonly name = 'InvalidPayloadError';
}

export function secretsFrom(
  plugin: string,
  values: Readonly<Record<string, string | undefined>>,
): PluginSecrets {
  return {
    get: (name) => values[name],
    require(name) {
      const value = values[name];
      if (value === undefined || value === '') {
        throw new PluginConfigError(
          `plugin ${plugin} needs the secret "${name}": set it with PUT /api/plugins/${plugin}/secrets`,
        );
      }
      return value;
    },
  };
}
