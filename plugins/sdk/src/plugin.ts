/**
 * The plugin contract. A plugin is a folder with a `plugin.json` manifest and an entry module whose
 * default export is `definePlugin({ name, capabilities: [...] })`. Each capability is one typed
 * extension point, discriminated by `kind`:
 *
 * - `notifier`: sends one rendered message to one address; answers delivered / retry / failed.
 * - `ingest`: HTTP routes under `/hooks/<plugin>/...`; verifies the sender's signature, then turns
 *   the raw request into normalised InboundEvents.
 * - `node-kind`: a node the flow studio offers (data schema, output handles, `run`).
 * - `intelligence`: embeddings and summaries.
 *
 * Every call gets a {@link PluginContext} and runs under the host's timeout; results are validated
 * against `schemas/plugin-results.schema.json` before Baton uses them.
 */
import type {
  DeliveryResult,
  InboundEvent,
  IngestResult,
  Issue,
  NotificationRecipient,
  NotificationUrgency,
  PluginNodeResult,
  VerifyResult,
} from '@baton/schemas';
import type { PluginContext } from './context.ts';

export type {
  DeliveryResult,
  InboundEvent,
  IngestResult,
  NotificationUrgency,
  PluginNodeResult,
  VerifyResult,
};

/** The message a notifier sends: rendered already, identical on every attempt. */
export interface OutboundMessage {
  /** The notification's id (ntf_…): put it on acknowledge buttons. */
  id: string;
  /** The same key on every attempt of this notification: pass it to providers that deduplicate. */
  idempotencyKey: string;
  channel: string;
  urgency: NotificationUrgency;
  to: { address: string; name?: string; recipient: NotificationRecipient };
  subject?: string;
  text: string;
  html?: string;
  data?: Record<string, unknown>;
  links: { issue?: string; statusPage?: string };
  issue?: Pick<Issue, 'id' | 'subject' | 'status' | 'priority'>;
  /** Ask the recipient to acknowledge (Slack: a button; others: the API). */
  ack: boolean;
  /** 1 on the first attempt. */
  attempt: number;
  createdAt: string;
}

export interface NotifierCapability<S = Settings> {
  kind: 'notifier';
  channel: string;
  send(message: OutboundMessage, ctx: PluginContext<S>): DeliveryResult | Promise<DeliveryResult>;
}

/** An inbound request as the ingest route sees it; `rawBody` is exactly what was signed. */
export interface IngestRequest {
  method: string;
  /** The route's path below `/hooks/<plugin>`, e.g. `/inbound`. */
  path: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  query: Readonly<Record<string, string>>;
  rawBody: Buffer;
}

export interface IngestRoute<S = Settings> {
  method: 'POST' | 'PUT';
  path: string;
  /** Runs first; a rejection becomes a 401 problem, logged and counted in the plugin's health. */
  verify(request: IngestRequest, ctx: PluginContext<S>): VerifyResult | Promise<VerifyResult>;
  handle(request: IngestRequest, ctx: PluginContext<S>): IngestResult | Promise<IngestResult>;
}

export interface IngestCapability<S = Settings> {
  kind: 'ingest';
  routes: readonly IngestRoute<S>[];
}

/** What a plugin node sees of a flow run. */
export interface PluginNodeInput<D> {
  data: D;
  issue: Issue;
  flow: { id: string; name: string; version: number };
  run: { id: string };
  nodeId: string;
  /** Simulate and replay: compute, change nothing outside. */
  dryRun: boolean;
}

export interface PluginNodeKind<D = Record<string, unknown>, S = Settings> {
  /** `<plugin>.<name>`, declared in the manifest. */
  type: string;
  title: string;
  description: string;
  /** JSON Schema of the node's data: the studio's inspector form. */
  dataSchema: Record<string, unknown>;
  outputs: readonly { handle: string; label: string }[];
  run(input: PluginNodeInput<D>, ctx: PluginContext<S>): PluginNodeResult | Promise<PluginNodeResult>;
}

export interface NodeKindCapability<S = Settings> {
  kind: 'node-kind';
  // biome-ignore lint/suspicious/noExplicitAny: each kind has its own data type
  kinds: readonly PluginNodeKind<any, S>[];
}

export interface IntelligenceCapability<S = Settings> {
  kind: 'intelligence';
  /** One vector per text, all of one length. */
  embed?(texts: readonly string[], ctx: PluginContext<S>): number[][] | Promise<number[][]>;
  summarize?(
    input: { text: string; maxWords?: number },
    ctx: PluginContext<S>,
  ): { summary: string } | Promise<{ summary: string }>;
}

export type Settings = Record<string, unknown>;

export type Capability<S = Settings> =
  | NotifierCapability<S>
  | IngestCapability<S>
  | NodeKindCapability<S>
  | IntelligenceCapability<S>;

export type CapabilityKind = Capability['kind'];

export interface PluginDefinition<S = Settings> {
  /** Must equal the manifest's name. */
  name: string;
  capabilities: readonly Capability<S>[];
}

export const PLUGIN_BRAND: unique symbol = Symbol.for('baton.plugin');

export type DefinedPlugin<S = Settings> = Readonly<PluginDefinition<S>> & { readonly [PLUGIN_BRAND]: 1 };

/**
 * Declares a plugin. `S` is the type of its settings (as its settings schema describes them). Checks
 * the shape at once, so a typo fails when the module loads rather than on the first message.
 */
export function definePlugin<S = Settings>(definition: PluginDefinition<S>): DefinedPlugin<S> {
  const problems = describeDefinitionProblems(definition);
  if (problems.length)
    throw new TypeError(`definePlugin(${JSON.stringify(definition?.name)}): ${problems.join('; ')}`);
  return Object.freeze({
    ...definition,
    capabilities: Object.freeze([...definition.capabilities]),
    [PLUGIN_BRAND]: 1 as const,
  });
}

export function isDefinedPlugin(value: unknown): value is DefinedPlugin {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PLUGIN_BRAND] === 1
  );
}

const fn = (v: unknown) => typeof v === 'function';

/** Shape problems of a definition (what TypeScript would catch, for plugins written in JavaScript). */
export function describeDefinitionProblems(definition: unknown): string[] {
  const problems: string[] = [];
  if (typeof definition !== 'object' || definition === null) return ['a plugin definition must be an object'];
  const def = definition as Partial<PluginDefinition>;
  if (typeof def.name !== 'string' || !def.name) problems.push('name must be a non-empty string');
  if (!Array.isArray(def.capabilities) || def.capabilities.length === 0) {
    problems.push('capabilities must be a non-empty array');
    return problems;
  }
  def.capabilities.forEach((cap: Partial<Capability> | undefined, i) => {
    const at = `capabilities[${i}]`;
    switch (cap?.kind) {
      case 'notifier':
        if (typeof cap.channel !== 'string') problems.push(`${at}.channel must be a string`);
        if (!fn(cap.send)) problems.push(`${at}.send must be a function`);
        break;
      case 'ingest':
        if (!Array.isArray(cap.routes) || !cap.routes.length)
          problems.push(`${at}.routes must be a non-empty array`);
        else
          cap.routes.forEach((r, j) => {
            if (typeof r?.path !== 'string' || !['POST', 'PUT'].includes(r?.method)) {
              problems.push(`${at}.routes[${j}] needs a method (POST or PUT) and a path`);
            }
            if (!fn(r?.verify) || !fn(r?.handle))
              problems.push(`${at}.routes[${j}] needs verify and handle functions`);
          });
        break;
      case 'node-kind':
        if (!Array.isArray(cap.kinds) || !cap.kinds.length)
          problems.push(`${at}.kinds must be a non-empty array`);
        else
          cap.kinds.forEach((k, j) => {
            if (
              typeof k?.type !== 'string' ||
              !fn(k?.run) ||
              typeof k?.dataSchema !== 'object' ||
              !Array.isArray(k?.outputs)
            ) {
              problems.push(`${at}.kinds[${j}] needs type, dataSchema, outputs and run`);
            }
          });
        break;
      case 'intelligence':
        if (!fn(cap.embed) && !fn(cap.summarize)) problems.push(`${at} needs embed or summarize`);
        break;
      default:
        problems.push(`${at}.kind must be notifier, ingest, node-kind or intelligence`);
    }
  });
  return problems;
}
