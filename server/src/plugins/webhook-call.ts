/**
 * One job: take one inbound request on `/hooks/<plugin><path>` through the plugin — find its route,
 * verify the signature, refuse a replay of an already-seen signed request, then handle it — and say
 * what happened as an {@link IngestOutcome} the HTTP layer maps to a status. (What the handled result
 * does to issues is ingest.ts's job.)
 */
import {
  type IngestRequest,
  type IngestResult,
  type IngestRoute,
  InvalidPayloadError,
  PluginConfigError,
  type VerifyResult,
} from '@baton/plugin-sdk';
import type { Clock } from '../shared/clock.ts';
import type { Entry, HostLogger } from './plugin-entry.ts';
import { type PluginSandbox, resultValidator } from './plugin-sandbox.ts';
import type { PluginStates } from './plugin-state.ts';
import { ReplayCache } from './replay-cache.ts';

export type IngestOutcome =
  | { kind: 'not-found'; detail: string }
  | { kind: 'unavailable'; detail: string }
  | { kind: 'rejected'; detail: string }
  | { kind: 'replayed'; detail: string }
  | { kind: 'bad-request'; detail: string }
  | { kind: 'failed'; detail: string }
  | { kind: 'ok'; result: IngestResult };

export interface WebhookDeps {
  clock: Clock;
  states: PluginStates;
  sandbox: PluginSandbox;
  replays: ReplayCache;
  log?: HostLogger | undefined;
}

export async function callWebhook(
  deps: WebhookDeps,
  name: string,
  entry: Entry | undefined,
  request: IngestRequest,
): Promise<IngestOutcome> {
  if (!entry?.plugin) return { kind: 'not-found', detail: `no plugin ${name} takes webhooks here` };
  const route = entry.plugin.capabilities
    .flatMap((c) => (c.kind === 'ingest' ? c.routes : []))
    .find((r: IngestRoute) => r.method === request.method && r.path === request.path);
  if (!route)
    return { kind: 'not-found', detail: `plugin ${name} has no ${request.method} ${request.path} webhook` };
  if (!(await deps.states.isEnabled(entry)))
    return { kind: 'not-found', detail: `plugin ${name} is disabled` };
  const state = await deps.states.state(entry);
  const problems = deps.states.configProblems(entry, state);
  if (problems.length)
    return {
      kind: 'unavailable',
      detail: `plugin ${name} is not configured: ${problems.map((p) => p.message).join('; ')}`,
    };

  const operation = `ingest ${request.method} ${request.path}`;
  const verified = await deps.sandbox.call<VerifyResult>(
    entry,
    state,
    `${operation} verify`,
    resultValidator('verifyResult'),
    (ctx) => route.verify(request, ctx),
  );
  if (!verified.ok) {
    if (verified.cause instanceof PluginConfigError) return { kind: 'unavailable', detail: verified.error };
    return { kind: 'failed', detail: `plugin ${name} could not verify the request: ${verified.error}` };
  }
  if (!verified.value.ok) {
    entry.health.rejected(deps.clock.now(), operation, verified.value.reason);
    deps.log?.warn?.(
      { plugin: name, path: request.path, reason: verified.value.reason },
      `rejected an inbound webhook for plugin ${name}: ${verified.value.reason}`,
    );
    return { kind: 'rejected', detail: verified.value.reason };
  }
  // A verified signature is good for its whole window: the same signed request twice is a replay.
  const replayKey = ReplayCache.keyOf(name, request.path, request.headers, request.rawBody);
  if (replayKey && deps.replays.seen(replayKey, deps.clock.now().getTime())) {
    entry.health.rejected(deps.clock.now(), operation, 'replayed signature');
    deps.log?.warn?.(
      { plugin: name, path: request.path },
      `refused a replayed inbound webhook for plugin ${name}`,
    );
    return { kind: 'replayed', detail: 'this signed request was received already; nothing was done' };
  }
  const handled = await deps.sandbox.call<IngestResult>(
    entry,
    state,
    operation,
    resultValidator('ingestResult'),
    (ctx) => route.handle(request, ctx),
  );
  if (!handled.ok) {
    if (handled.cause instanceof InvalidPayloadError) return { kind: 'bad-request', detail: handled.error };
    if (handled.cause instanceof PluginConfigError) return { kind: 'unavailable', detail: handled.error };
    return { kind: 'failed', detail: `plugin ${name} failed on the request: ${handled.error}` };
  }
  return { kind: 'ok', result: handled.value };
}
