/**
 * One job: deliver an outbound message through one plugin's notifier and say what happened as a
 * {@link SendOutcome} — never a throw: an unconfigured plugin, a timeout, a garbage answer, a retry
 * the provider asks for and a refusal are all outcomes the notification worker acts on.
 */
import type { DeliveryResult, NotifierCapability, OutboundMessage } from '@baton/plugin-sdk';
import type { Entry } from './plugin-entry.ts';
import { type PluginSandbox, resultValidator } from './plugin-sandbox.ts';
import type { PluginStates } from './plugin-state.ts';

export type SendOutcome =
  | { outcome: 'delivered'; plugin: string; externalId?: string; durationMs: number }
  | { outcome: 'retry'; plugin: string; error: string; retryAfterMs?: number; durationMs: number }
  | { outcome: 'failed'; plugin: string; error: string; durationMs: number }
  | { outcome: 'timeout' | 'error' | 'invalid'; plugin: string; error: string; durationMs: number }
  | { outcome: 'unavailable'; plugin?: string; error: string; durationMs: number };

export async function deliver(
  deps: { states: PluginStates; sandbox: PluginSandbox },
  entry: Entry,
  capability: NotifierCapability,
  message: OutboundMessage,
): Promise<SendOutcome> {
  const channel = capability.channel;
  const state = await deps.states.state(entry);
  const problems = deps.states.configProblems(entry, state);
  if (problems.length) {
    return {
      outcome: 'unavailable',
      plugin: entry.name,
      error: `plugin ${entry.name} is not configured: ${problems.map((p) => p.message).join('; ')}`,
      durationMs: 0,
    };
  }
  const call = await deps.sandbox.call<DeliveryResult>(
    entry,
    state,
    `notifier.send(${channel})`,
    resultValidator('deliveryResult'),
    (ctx) => capability.send(message, ctx),
  );
  if (!call.ok) {
    const outcome = call.kind === 'timeout' ? 'timeout' : call.kind === 'invalid' ? 'invalid' : 'error';
    return { outcome, plugin: entry.name, error: call.error, durationMs: call.durationMs };
  }
  const result = call.value;
  if (result.status === 'delivered') {
    return {
      outcome: 'delivered',
      plugin: entry.name,
      ...(result.externalId ? { externalId: result.externalId } : {}),
      durationMs: call.durationMs,
    };
  }
  if (result.status === 'retry') {
    return {
      outcome: 'retry',
      plugin: entry.name,
      error: result.reason,
      ...(result.retryAfterMs !== undefined ? { retryAfterMs: result.retryAfterMs } : {}),
      durationMs: call.durationMs,
    };
  }
  return { outcome: 'failed', plugin: entry.name, error: result.reason, durationMs: call.durationMs };
}
