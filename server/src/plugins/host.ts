/**
 * The plugin host of one Baton instance: the one object the rest of the server uses to reach
 * plugins. It holds the loaded plugins and answers for them — the admin API (list, settings, secrets,
 * enable), notifier channels, webhooks, node kinds and intelligence — and hands each job to its file:
 *
 * - plugin-loader.ts: discovering and loading plugins at start;
 * - plugin-state.ts: stored settings, secrets and the enabled flag, cached per instance;
 * - plugin-sandbox.ts: running one call inside the plugin's limits (context, egress, deadline, health);
 * - delivery.ts: sending through a notifier, as an outcome;
 * - webhook-call.ts: verify, replay check and handling of one inbound request;
 * - plugin-info.ts: describing a plugin to an admin.
 */
import { join } from 'node:path';
import {
  AddressAllowList,
  describeAjvErrors,
  type IngestRequest,
  type IntelligenceCapability,
  type NotifierCapability,
  type OutboundMessage,
  type PluginNodeKind,
} from '@baton/plugin-sdk';
import type { PluginInfo, PluginSettings } from '@baton/schemas';
import { InputError, ProblemError } from '../http/problem.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store/port.ts';
import type { CallOutcome } from './calls.ts';
import { deliver, type SendOutcome } from './delivery.ts';
import { type Entry, type HostLogger, REPO_ROOT } from './plugin-entry.ts';
import { describePlugin, settingsSchemaOf } from './plugin-info.ts';
import { loadPlugins } from './plugin-loader.ts';
import { type PluginEventHandler, PluginSandbox, resultValidator } from './plugin-sandbox.ts';
import { egressSettingProblems, PluginStates, secretSlot } from './plugin-state.ts';
import { ReplayCache } from './replay-cache.ts';
import type { SecretBox } from './secret-box.ts';
import { callWebhook, type IngestOutcome } from './webhook-call.ts';

export type { SendOutcome } from './delivery.ts';
export type { HostLogger } from './plugin-entry.ts';
export { REPO_ROOT } from './plugin-entry.ts';
export type { PluginEventHandler } from './plugin-sandbox.ts';
export type { IngestOutcome } from './webhook-call.ts';

export interface PluginHostOptions {
  /** Folders whose subfolders are plugins. Default: the project's `plugins/`. */
  dirs?: readonly string[];
  /** `node_modules` folders searched for `baton-plugin-*` packages. Default: the project's. */
  packageDirs?: readonly string[];
  /** Seals secrets at rest; null: secrets cannot be saved (no key configured). */
  secretBox: SecretBox | null;
  /** IPs/CIDRs plugins may reach although private (BATON_EGRESS_ALLOW_PRIVATE). */
  allowPrivate?: readonly string[];
  /** Per-call deadline unless the manifest sets `timeoutMs`. Default 10 s. */
  defaultTimeoutMs?: number;
  /** Where people and providers reach this Baton. */
  publicUrl?: string;
  /** How long cached settings are trusted before re-reading. Default 5 s. */
  stateTtlMs?: number;
  log?: HostLogger;
}

export class PluginHost {
  readonly #entries = new Map<string, Entry>();
  readonly #states: PluginStates;
  readonly #sandbox: PluginSandbox;
  readonly #parts: { states: PluginStates; sandbox: PluginSandbox };
  readonly #replays = new ReplayCache();
  readonly #options: Required<Omit<PluginHostOptions, 'log' | 'secretBox'>> &
    Pick<PluginHostOptions, 'log' | 'secretBox'>;
  #onEvent: PluginEventHandler = async () => {
    throw new Error('no handler for plugin events is wired');
  };

  constructor(
    store: Store,
    private readonly clock: Clock,
    options: PluginHostOptions,
  ) {
    this.#options = {
      dirs: [join(REPO_ROOT, 'plugins')],
      packageDirs: [join(REPO_ROOT, 'node_modules')],
      allowPrivate: [],
      defaultTimeoutMs: 10_000,
      publicUrl: 'http://127.0.0.1:3000',
      stateTtlMs: 5_000,
      ...options,
    };
    this.#states = new PluginStates(store, clock, {
      secretBox: this.#options.secretBox,
      stateTtlMs: this.#options.stateTtlMs,
    });
    this.#sandbox = new PluginSandbox({
      clock,
      states: this.#states,
      // Built once: a BlockList is costly to make per call.
      allowPrivate: new AddressAllowList(this.#options.allowPrivate),
      defaultTimeoutMs: this.#options.defaultTimeoutMs,
      publicUrl: () => this.publicUrl,
      onEvent: (plugin, event) => this.#onEvent(plugin, event),
      log: this.#options.log,
    });
    this.#parts = { states: this.#states, sandbox: this.#sandbox };
  }

  get publicUrl(): string {
    return this.#options.publicUrl.replace(/\/+$/, '');
  }

  /** Where events a plugin emits go (inbound events, in-app pushes); set once at wiring time. */
  onEvent(handler: PluginEventHandler): void {
    this.#onEvent = handler;
  }

  /** Discovers and loads every plugin. A broken plugin is listed as invalid; the others load. */
  async init(): Promise<void> {
    await loadPlugins(this.#entries, {
      dirs: this.#options.dirs,
      packageDirs: this.#options.packageDirs,
      importTimeoutMs: this.#options.defaultTimeoutMs,
      log: this.#options.log,
    });
  }

  /** Closes the plugins' keep-alive connections. */
  close(): void {
    for (const entry of this.#entries.values()) {
      entry.agents?.http.destroy();
      entry.agents?.https.destroy();
    }
  }

  names(): string[] {
    return [...this.#entries.keys()].sort();
  }

  // ---- API: list, settings, secrets, enable ----------------------------------------------------

  async list(): Promise<PluginInfo[]> {
    const out: PluginInfo[] = [];
    for (const name of this.names()) out.push(await this.#info(this.#entries.get(name)!));
    return out;
  }

  async info(name: string): Promise<PluginInfo> {
    return this.#info(this.#get(name));
  }

  async getSettings(name: string): Promise<PluginSettings> {
    const entry = this.#valid(name);
    const { settings } = this.#states.settingsOf(entry, await this.#states.state(entry));
    return { name, settings, schema: settingsSchemaOf(entry) };
  }

  async putSettings(name: string, body: Record<string, unknown>): Promise<PluginSettings> {
    const entry = this.#valid(name);
    const candidate = structuredClone(body);
    if (!entry.validateSettings!(candidate)) {
      const errors = describeAjvErrors(entry.validateSettings!.errors, '').map((e) => ({
        pointer: e.pointer ?? '',
        detail: e.message.replace(/^[^:]*: /, ''),
      }));
      throw new InputError('validation', `settings of plugin ${name} do not match its schema`, errors);
    }
    const egressProblems = egressSettingProblems(entry, candidate);
    if (egressProblems.length)
      throw new InputError('validation', egressProblems.map((p) => p.detail).join('; '), egressProblems);
    await this.#states.write(entry, { $set: { settings: body } });
    return this.getSettings(name);
  }

  async putSecrets(name: string, secrets: Record<string, string | null | undefined>): Promise<PluginInfo> {
    const entry = this.#valid(name);
    const declared = new Set((entry.manifest!.secrets ?? []).map((s) => s.name));
    const unknown = Object.keys(secrets).filter((k) => !declared.has(k));
    if (unknown.length) {
      throw new InputError(
        'validation',
        `plugin ${name} has no secret named ${unknown.join(', ')} (it declares: ${[...declared].join(', ') || 'none'})`,
        unknown.map((k) => ({
          pointer: `/secrets/${k}`,
          detail: 'is not a secret this plugin declares',
        })),
      );
    }
    const box = this.#options.secretBox;
    const $set: Record<string, unknown> = {};
    const $unset: Record<string, ''> = {};
    for (const [secret, value] of Object.entries(secrets)) {
      if (value === undefined) continue;
      if (value === null) $unset[`secrets.${secret}`] = '';
      else {
        if (!box) {
          throw new ProblemError(
            'conflict',
            'secrets cannot be stored: no encryption key is configured. Set BATON_SECRET_KEY (32 bytes, e.g. `openssl rand -base64 32`) on every instance and restart',
          );
        }
        $set[`secrets.${secret}`] = box.seal(value, secretSlot(name, secret));
      }
    }
    await this.#states.write(entry, {
      ...(Object.keys($set).length ? { $set } : {}),
      ...(Object.keys($unset).length ? { $unset } : {}),
    });
    return this.info(name);
  }

  async setEnabled(name: string, enabled: boolean): Promise<PluginInfo> {
    const entry = this.#get(name);
    if (enabled && !entry.plugin)
      throw new ProblemError(
        'conflict',
        `plugin ${name} is invalid and cannot be enabled: ${entry.loadErrors.map((e) => e.message).join('; ')}`,
      );
    await this.#states.write(entry, { $set: { enabled } });
    this.#options.log?.info?.(
      { plugin: name, enabled },
      `plugin ${name} ${enabled ? 'enabled' : 'disabled'}`,
    );
    return this.info(name);
  }

  // ---- notifiers ------------------------------------------------------------------------------

  /** Channels some enabled plugin can deliver to. */
  async channels(): Promise<string[]> {
    const channels = new Set<string>();
    for (const entry of this.#entries.values()) {
      if (!entry.plugin || !(await this.#states.isEnabled(entry))) continue;
      for (const cap of entry.plugin.capabilities) if (cap.kind === 'notifier') channels.add(cap.channel);
    }
    return [...channels].sort();
  }

  /** The notifier for a channel: the first enabled plugin, by name, that offers it. */
  async notifierFor(channel: string): Promise<{ entry: Entry; capability: NotifierCapability } | undefined> {
    for (const name of this.names()) {
      const entry = this.#entries.get(name)!;
      if (!entry.plugin) continue;
      const capability = entry.plugin.capabilities.find(
        (c): c is NotifierCapability => c.kind === 'notifier' && c.channel === channel,
      );
      if (capability && (await this.#states.isEnabled(entry))) return { entry, capability };
    }
    return undefined;
  }

  /** Sends through the channel's notifier. Never throws: every failure is an outcome. */
  async send(channel: string, message: OutboundMessage): Promise<SendOutcome> {
    const found = await this.notifierFor(channel);
    if (!found)
      return {
        outcome: 'unavailable',
        error: `no enabled notifier plugin for channel ${channel}`,
        durationMs: 0,
      };
    return deliver(this.#parts, found.entry, found.capability, message);
  }

  /**
   * Sends through one named plugin's notifier, even when another plugin serves the same channel
   * first — an admin's "send a test" checks the plugin they are configuring. Refuses a disabled or
   * non-notifier plugin with a 409/404 problem; every delivery failure is an outcome, as in `send`.
   */
  async sendVia(
    name: string,
    message: Omit<OutboundMessage, 'channel'>,
  ): Promise<SendOutcome & { channel: string }> {
    const entry = this.#valid(name);
    const capability = entry.plugin?.capabilities.find((c): c is NotifierCapability => c.kind === 'notifier');
    if (!capability)
      throw new ProblemError('conflict', `plugin ${name} does not send messages (no notifier)`);
    if (!(await this.#states.isEnabled(entry)))
      throw new ProblemError('conflict', `plugin ${name} is disabled: enable it before sending a test`);
    const channel = capability.channel;
    return { channel, ...(await deliver(this.#parts, entry, capability, { ...message, channel })) };
  }

  // ---- ingest ---------------------------------------------------------------------------------

  /** Verifies, then handles, one inbound request on `/hooks/<plugin><path>` (webhook-call.ts). */
  ingest(name: string, request: IngestRequest): Promise<IngestOutcome> {
    return callWebhook(
      { ...this.#parts, clock: this.clock, replays: this.#replays, log: this.#options.log },
      name,
      this.#entries.get(name),
      request,
    );
  }

  /** Routes plugins declare, for documentation. */
  ingestRoutes(): { plugin: string; method: string; path: string }[] {
    const out: { plugin: string; method: string; path: string }[] = [];
    for (const name of this.names()) {
      for (const cap of this.#entries.get(name)!.plugin?.capabilities ?? []) {
        if (cap.kind === 'ingest')
          for (const r of cap.routes) out.push({ plugin: name, method: r.method, path: r.path });
      }
    }
    return out;
  }

  // ---- node kinds and intelligence --------------------------------------------------------------

  /** Node kinds of valid plugins (registered with the flow engine; run only while enabled). */
  nodeKinds(): { plugin: string; kind: PluginNodeKind }[] {
    const out: { plugin: string; kind: PluginNodeKind }[] = [];
    for (const name of this.names()) {
      for (const cap of this.#entries.get(name)!.plugin?.capabilities ?? []) {
        if (cap.kind === 'node-kind') for (const kind of cap.kinds) out.push({ plugin: name, kind });
      }
    }
    return out;
  }

  /** Runs a plugin's node kind under the guard; the result is validated (`PluginNodeResult`). */
  async runNodeKind(plugin: string, type: string, input: Parameters<PluginNodeKind['run']>[0]) {
    const entry = this.#get(plugin);
    const kind = this.nodeKinds().find((k) => k.plugin === plugin && k.kind.type === type)?.kind;
    if (!kind) throw new ProblemError('not-found', `plugin ${plugin} has no node kind ${type}`);
    if (!(await this.#states.isEnabled(entry)))
      return {
        ok: false as const,
        kind: 'threw' as const,
        error: `plugin ${plugin} is disabled`,
        durationMs: 0,
      };
    const state = await this.#states.state(entry);
    return this.#sandbox.call(entry, state, `node ${type}`, resultValidator('nodeResult'), (ctx) =>
      kind.run(input, ctx),
    );
  }

  /** Intelligence providers among enabled plugins. */
  async intelligence(): Promise<{ plugin: string; capability: IntelligenceCapability }[]> {
    const out: { plugin: string; capability: IntelligenceCapability }[] = [];
    for (const name of this.names()) {
      const entry = this.#entries.get(name)!;
      if (!entry.plugin || !(await this.#states.isEnabled(entry))) continue;
      for (const cap of entry.plugin.capabilities)
        if (cap.kind === 'intelligence') out.push({ plugin: name, capability: cap });
    }
    return out;
  }

  /** Embeddings from a plugin, validated: one vector per text, all of one length. */
  async embed(plugin: string, texts: readonly string[]): Promise<CallOutcome<number[][]>> {
    const entry = this.#get(plugin);
    const cap = entry.plugin?.capabilities.find(
      (c): c is IntelligenceCapability => c.kind === 'intelligence' && !!c.embed,
    );
    if (!cap?.embed) throw new ProblemError('not-found', `plugin ${plugin} provides no embeddings`);
    const state = await this.#states.state(entry);
    const dimensions = (vectors: number[][]) => {
      const dims = new Set(vectors.map((v) => v.length));
      return vectors.length !== texts.length || dims.size > 1
        ? `${vectors.length} vectors of ${[...dims].join('/')} dimensions for ${texts.length} texts`
        : undefined;
    };
    return this.#sandbox.call(
      entry,
      state,
      'intelligence.embed',
      resultValidator('embeddings'),
      (ctx) => cap.embed!(texts, ctx),
      dimensions,
    );
  }

  // ---- internals --------------------------------------------------------------------------------

  async #info(entry: Entry): Promise<PluginInfo> {
    const state = entry.plugin ? await this.#states.state(entry) : undefined;
    const errors = entry.plugin && state ? this.#states.configProblems(entry, state) : entry.loadErrors;
    return describePlugin(entry, state, errors, this.publicUrl);
  }

  #get(name: string): Entry {
    const entry = this.#entries.get(name);
    if (!entry) throw new ProblemError('not-found', `plugin ${name} does not exist`);
    return entry;
  }

  #valid(name: string): Entry {
    const entry = this.#get(name);
    if (!entry.plugin || !entry.manifest) {
      throw new ProblemError(
        'conflict',
        `plugin ${name} is invalid: ${entry.loadErrors.map((e) => e.message).join('; ')}`,
      );
    }
    return entry;
  }
}
