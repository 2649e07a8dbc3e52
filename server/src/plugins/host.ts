/**
 * The plugin host of one Baton instance: discovers and loads plugins, keeps their settings, secrets
 * and enabled flag in the store (`plugin_state`, one document per plugin), builds each call's
 * context, and runs every call through {@link guardedCall}, so that a plugin that throws, hangs or
 * answers garbage is contained and shows in its health — and never takes the server down.
 *
 * Settings and the enabled flag are cached per instance and re-read after `stateTtlMs` (other
 * instances' changes arrive within that time); this instance's own changes apply at once.
 */
import { join, relative, sep } from 'node:path';
import {
  AddressAllowList,
  createGuardedHttp,
  createHttpAgents,
  type DefinedPlugin,
  type DeliveryResult,
  describeAjvErrors,
  type HttpAgents,
  type IngestRequest,
  type IngestResult,
  type IngestRoute,
  type IntelligenceCapability,
  InvalidPayloadError,
  loadPluginFolder,
  manifestAjv,
  type NotifierCapability,
  type OutboundMessage,
  PluginConfigError,
  type PluginContext,
  type PluginEvent,
  type PluginLogger,
  type PluginNodeKind,
  type PluginProblem,
  secretsFrom,
  type VerifyResult,
} from '@baton/plugin-sdk';
import { type PluginInfo, type PluginManifest, type PluginSettings, schemaId } from '@baton/schemas';
import type { ValidateFunction } from 'ajv';
import { InputError, ProblemError } from '../http/problem.ts';
import type { Clock } from '../shared/clock.ts';
import type { Collection, Store, StoredDocument } from '../store/port.ts';
import { type CallOutcome, errorMessage, guardedCall, HealthTracker } from './calls.ts';
import { discoverPlugins } from './discover.ts';
import type { SealedSecret, SecretBox } from './secret-box.ts';

export const REPO_ROOT = join(import.meta.dirname, '../../..');

export interface HostLogger {
  error(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

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

interface PluginState extends StoredDocument {
  enabled?: boolean;
  settings?: Record<string, unknown>;
  secrets?: Record<string, SealedSecret>;
  updatedAt?: string;
}

interface Entry {
  name: string;
  dir: string;
  source: 'folder' | 'package';
  manifest?: PluginManifest;
  plugin?: DefinedPlugin;
  validateSettings?: ValidateFunction;
  loadErrors: PluginProblem[];
  health: HealthTracker;
  agents?: HttpAgents;
  state?: {
    doc: PluginState;
    readAt: number;
    secrets?: Record<string, string>;
    secretErrors?: PluginProblem[];
    /** Settings with defaults (frozen) and config problems, worked out once per state read. */
    settings?: { settings: Record<string, unknown>; errors: PluginProblem[] };
    problems?: PluginProblem[];
  };
}

export type SendOutcome =
  | { outcome: 'delivered'; plugin: string; externalId?: string; durationMs: number }
  | { outcome: 'retry'; plugin: string; error: string; retryAfterMs?: number; durationMs: number }
  | { outcome: 'failed'; plugin: string; error: string; durationMs: number }
  | { outcome: 'timeout' | 'error' | 'invalid'; plugin: string; error: string; durationMs: number }
  | { outcome: 'unavailable'; plugin?: string; error: string; durationMs: number };

export type IngestOutcome =
  | { kind: 'not-found'; detail: string }
  | { kind: 'unavailable'; detail: string }
  | { kind: 'rejected'; detail: string }
  | { kind: 'bad-request'; detail: string }
  | { kind: 'failed'; detail: string }
  | { kind: 'ok'; result: IngestResult };

export type PluginEventHandler = (plugin: string, event: PluginEvent) => Promise<void>;

const validators = {
  delivery: () => resultValidator('deliveryResult'),
  verify: () => resultValidator('verifyResult'),
  ingest: () => resultValidator('ingestResult'),
};

function resultValidator(name: string): ValidateFunction {
  const validate = manifestAjv().getSchema(`${schemaId('plugin-results')}#/$defs/${name}`);
  if (!validate) throw new Error(`plugin-results schema has no ${name}`);
  return validate;
}

function isExpected(err: unknown): boolean {
  return err instanceof PluginConfigError || err instanceof InvalidPayloadError;
}

export class PluginHost {
  readonly #entries = new Map<string, Entry>();
  readonly #states: Collection<PluginState>;
  /** Built once: a BlockList is costly to make per call. */
  readonly #allowPrivate: AddressAllowList;
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
    this.#states = store.collection('plugin_state');
    this.#options = {
      dirs: [join(REPO_ROOT, 'plugins')],
      packageDirs: [join(REPO_ROOT, 'node_modules')],
      allowPrivate: [],
      defaultTimeoutMs: 10_000,
      publicUrl: 'http://127.0.0.1:3000',
      stateTtlMs: 5_000,
      ...options,
    };
    this.#allowPrivate = new AddressAllowList(this.#options.allowPrivate);
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
    const candidates = await discoverPlugins({
      dirs: this.#options.dirs,
      packageDirs: this.#options.packageDirs,
    });
    for (const candidate of candidates) {
      const loaded = await loadPluginFolder(candidate.dir, {
        importTimeoutMs: this.#options.defaultTimeoutMs,
      });
      const name =
        (loaded.ok ? loaded.manifest.name : loaded.name) ??
        `(${relative(REPO_ROOT, candidate.dir) || candidate.dir})`;
      const entry: Entry = {
        name,
        dir: candidate.dir,
        source: candidate.source,
        loadErrors: [],
        health: new HealthTracker(),
      };
      if (loaded.ok) {
        Object.assign(entry, {
          manifest: loaded.manifest,
          plugin: loaded.plugin,
          validateSettings: loaded.validateSettings,
        });
      } else {
        if (loaded.manifest) entry.manifest = loaded.manifest;
        entry.loadErrors = loaded.errors;
      }
      const clash = this.#entries.get(name);
      if (clash) {
        entry.loadErrors = [
          {
            pointer: '/name',
            message: `/name: "${name}" is also the name of the plugin in ${this.#location(clash.dir)}`,
          },
        ];
        delete entry.plugin;
        this.#entries.set(`${name} (${this.#location(candidate.dir)})`, entry);
      } else {
        this.#entries.set(name, entry);
      }
      if (entry.loadErrors.length) {
        this.#options.log?.error(
          {
            plugin: name,
            dir: this.#location(candidate.dir),
            errors: entry.loadErrors.map((e) => e.message),
          },
          `plugin ${name} is invalid and was not loaded: ${entry.loadErrors.map((e) => e.message).join('; ')}`,
        );
      }
    }
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
    const { settings } = this.#settingsOf(entry, await this.#state(entry));
    return { name, settings, schema: this.#settingsSchema(entry) };
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
    const egressProblems = this.#egressSettingProblems(entry, candidate);
    if (egressProblems.length)
      throw new InputError('validation', egressProblems.map((p) => p.detail).join('; '), egressProblems);
    await this.#write(entry, { $set: { settings: body } });
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
        $set[`secrets.${secret}`] = box.seal(value, slot(name, secret));
      }
    }
    await this.#write(entry, {
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
    await this.#write(entry, { $set: { enabled } });
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
      if (!entry.plugin || !(await this.#isEnabled(entry))) continue;
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
      if (capability && (await this.#isEnabled(entry))) return { entry, capability };
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
    const { entry, capability } = found;
    const state = await this.#state(entry);
    const problems = this.#configProblems(entry, state);
    if (problems.length) {
      return {
        outcome: 'unavailable',
        plugin: entry.name,
        error: `plugin ${entry.name} is not configured: ${problems.map((p) => p.message).join('; ')}`,
        durationMs: 0,
      };
    }
    const call = await this.#call<DeliveryResult>(
      entry,
      state,
      `notifier.send(${channel})`,
      validators.delivery(),
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

  // ---- ingest ---------------------------------------------------------------------------------

  /** Verifies, then handles, one inbound request on `/hooks/<plugin><path>`. */
  async ingest(name: string, request: IngestRequest): Promise<IngestOutcome> {
    const entry = this.#entries.get(name);
    if (!entry?.plugin) return { kind: 'not-found', detail: `no plugin ${name} takes webhooks here` };
    const route = entry.plugin.capabilities
      .flatMap((c) => (c.kind === 'ingest' ? c.routes : []))
      .find((r: IngestRoute) => r.method === request.method && r.path === request.path);
    if (!route)
      return { kind: 'not-found', detail: `plugin ${name} has no ${request.method} ${request.path} webhook` };
    if (!(await this.#isEnabled(entry))) return { kind: 'not-found', detail: `plugin ${name} is disabled` };
    const state = await this.#state(entry);
    const problems = this.#configProblems(entry, state);
    if (problems.length)
      return {
        kind: 'unavailable',
        detail: `plugin ${name} is not configured: ${problems.map((p) => p.message).join('; ')}`,
      };

    const operation = `ingest ${request.method} ${request.path}`;
    const verified = await this.#call<VerifyResult>(
      entry,
      state,
      `${operation} verify`,
      validators.verify(),
      (ctx) => route.verify(request, ctx),
    );
    if (!verified.ok) {
      if (verified.cause instanceof PluginConfigError) return { kind: 'unavailable', detail: verified.error };
      return { kind: 'failed', detail: `plugin ${name} could not verify the request: ${verified.error}` };
    }
    if (!verified.value.ok) {
      entry.health.rejected(this.clock.now(), operation, verified.value.reason);
      this.#options.log?.warn?.(
        { plugin: name, path: request.path, reason: verified.value.reason },
        `rejected an inbound webhook for plugin ${name}: ${verified.value.reason}`,
      );
      return { kind: 'rejected', detail: verified.value.reason };
    }
    const handled = await this.#call<IngestResult>(entry, state, operation, validators.ingest(), (ctx) =>
      route.handle(request, ctx),
    );
    if (!handled.ok) {
      if (handled.cause instanceof InvalidPayloadError) return { kind: 'bad-request', detail: handled.error };
      if (handled.cause instanceof PluginConfigError) return { kind: 'unavailable', detail: handled.error };
      return { kind: 'failed', detail: `plugin ${name} failed on the request: ${handled.error}` };
    }
    return { kind: 'ok', result: handled.value };
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
    if (!(await this.#isEnabled(entry)))
      return {
        ok: false as const,
        kind: 'threw' as const,
        error: `plugin ${plugin} is disabled`,
        durationMs: 0,
      };
    const state = await this.#state(entry);
    return this.#call(entry, state, `node ${type}`, resultValidator('nodeResult'), (ctx) =>
      kind.run(input, ctx),
    );
  }

  /** Intelligence providers among enabled plugins. */
  async intelligence(): Promise<{ plugin: string; capability: IntelligenceCapability }[]> {
    const out: { plugin: string; capability: IntelligenceCapability }[] = [];
    for (const name of this.names()) {
      const entry = this.#entries.get(name)!;
      if (!entry.plugin || !(await this.#isEnabled(entry))) continue;
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
    const state = await this.#state(entry);
    const dimensions = (vectors: number[][]) => {
      const dims = new Set(vectors.map((v) => v.length));
      return vectors.length !== texts.length || dims.size > 1
        ? `${vectors.length} vectors of ${[...dims].join('/')} dimensions for ${texts.length} texts`
        : undefined;
    };
    return this.#call(
      entry,
      state,
      'intelligence.embed',
      resultValidator('embeddings'),
      (ctx) => cap.embed!(texts, ctx),
      dimensions,
    );
  }

  // ---- internals --------------------------------------------------------------------------------

  async #call<T>(
    entry: Entry,
    state: PluginState,
    operation: string,
    validate: ValidateFunction,
    run: (ctx: PluginContext) => T | Promise<T>,
    check?: (value: T) => string | undefined,
  ): Promise<CallOutcome<T>> {
    const timeoutMs = entry.manifest?.timeoutMs ?? this.#options.defaultTimeoutMs;
    const outcome = await guardedCall<T>({
      operation,
      timeoutMs,
      health: entry.health,
      now: () => this.clock.now(),
      validate,
      ...(check ? { check } : {}),
      expected: isExpected,
      run: (signal) => run(this.#context(entry, state, signal, timeoutMs)),
    });
    if (!outcome.ok && !isExpected(outcome.cause)) {
      this.#options.log?.warn?.(
        { plugin: entry.name, operation, kind: outcome.kind, error: outcome.error },
        `plugin ${entry.name}: ${operation} failed (${outcome.kind}): ${outcome.error}`,
      );
    }
    return outcome;
  }

  #context(entry: Entry, state: PluginState, signal: AbortSignal, timeoutMs: number): PluginContext {
    const manifest = entry.manifest!;
    const { settings } = this.#settingsOf(entry, state);
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
        allowPrivate: this.#allowPrivate,
        signal,
        defaultTimeoutMs: timeoutMs,
        agents: entry.agents,
      }),
      emit: (event) => this.#emit(entry, event),
      signal,
      publicUrl: this.publicUrl,
      now: () => this.clock.now(),
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
    await this.#onEvent(entry.name, copy);
  }

  #pluginLogger(name: string): PluginLogger {
    const log = this.#options.log;
    const at =
      (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string, data?: Record<string, unknown>) => {
        const fn = level === 'error' ? log?.error : log?.[level];
        fn?.call(log, { plugin: name, ...(data ?? {}) }, `[${name}] ${msg}`);
      };
    return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  }

  async #info(entry: Entry): Promise<PluginInfo> {
    const manifest = entry.manifest;
    const state = entry.plugin ? await this.#state(entry) : undefined;
    const enabled = entry.plugin ? state?.enabled !== false : false;
    const errors = entry.plugin && state ? this.#configProblems(entry, state) : entry.loadErrors;
    let status: PluginInfo['status'];
    if (!entry.plugin) status = 'invalid';
    else if (!enabled) status = 'disabled';
    else if (errors.length) status = 'unconfigured';
    else if (entry.health.health.consecutiveFailures >= 3) status = 'failing';
    else if (entry.health.health.consecutiveFailures > 0) status = 'degraded';
    else status = 'ok';
    return {
      name: entry.name,
      ...(manifest?.version ? { version: manifest.version } : {}),
      ...(manifest?.title ? { title: manifest.title } : {}),
      ...(manifest?.description ? { description: manifest.description } : {}),
      source: entry.source,
      location: this.#location(entry.dir),
      enabled,
      status,
      capabilities: manifest?.capabilities ?? [],
      ...(manifest ? { settingsSchema: this.#settingsSchema(entry) } : {}),
      secrets: (manifest?.secrets ?? []).map((s) => ({
        name: s.name,
        ...(s.description ? { description: s.description } : {}),
        required: s.required ?? false,
        set: Boolean(state?.secrets?.[s.name]),
      })),
      errors: errors.map((e) => ({ ...(e.pointer ? { pointer: e.pointer } : {}), message: e.message })),
      health: structuredClone(entry.health.health),
    };
  }

  #settingsSchema(entry: Entry): Record<string, unknown> {
    return (entry.manifest?.settings ?? {
      type: 'object',
      properties: {},
      additionalProperties: false,
    }) as Record<string, unknown>;
  }

  /** Stored settings with the schema's defaults applied, and whether they are valid. */
  #settingsOf(
    entry: Entry,
    state: PluginState,
  ): { settings: Record<string, unknown>; errors: PluginProblem[] } {
    const cached = entry.state?.doc === state ? entry.state : undefined;
    if (cached?.settings) return cached.settings;
    const settings = structuredClone(state.settings ?? {});
    const valid = entry.validateSettings ? entry.validateSettings(settings) : true;
    const result = {
      settings: deepFreeze(settings),
      errors: valid ? [] : describeAjvErrors(entry.validateSettings!.errors, '/settings'),
    };
    if (cached) cached.settings = result;
    return result;
  }

  /** Why a loaded plugin cannot run: invalid settings, missing or unreadable required secrets. */
  #configProblems(entry: Entry, state: PluginState): PluginProblem[] {
    const cached = entry.state?.doc === state ? entry.state : undefined;
    if (cached?.problems) return cached.problems;
    const problems = [...this.#settingsOf(entry, state).errors];
    problems.push(
      ...this.#egressSettingProblems(entry, state.settings ?? {}).map((p) => ({
        pointer: `/settings${p.pointer}`,
        message: p.detail,
      })),
    );
    for (const s of entry.manifest?.secrets ?? []) {
      if (s.required && !state.secrets?.[s.name])
        problems.push({
          pointer: `/secrets/${s.name}`,
          message: `the secret "${s.name}" is required and not set`,
        });
    }
    problems.push(...(entry.state?.secretErrors ?? []));
    if (cached) cached.problems = problems;
    return problems;
  }

  #egressSettingProblems(
    entry: Entry,
    settings: Record<string, unknown>,
  ): { pointer: string; detail: string }[] {
    const out: { pointer: string; detail: string }[] = [];
    for (const key of entry.manifest?.egress?.settings ?? []) {
      const value = settings[key];
      if (value === undefined) continue;
      let ok = false;
      try {
        ok = typeof value === 'string' && ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {}
      if (!ok) out.push({ pointer: `/${key}`, detail: `${key} must be an http(s) URL` });
    }
    return out;
  }

  async #isEnabled(entry: Entry): Promise<boolean> {
    return (await this.#state(entry)).enabled !== false;
  }

  async #state(entry: Entry): Promise<PluginState> {
    const now = Date.now();
    if (entry.state && now - entry.state.readAt < this.#options.stateTtlMs) return entry.state.doc;
    const doc = (await this.#states.findOne({ _id: entry.name })) ?? { _id: entry.name };
    this.#cache(entry, doc);
    return doc;
  }

  #cache(entry: Entry, doc: PluginState): void {
    const secrets: Record<string, string> = {};
    const secretErrors: PluginProblem[] = [];
    for (const [secret, sealed] of Object.entries(doc.secrets ?? {})) {
      if (!this.#options.secretBox) {
        secretErrors.push({
          pointer: `/secrets/${secret}`,
          message: `the secret "${secret}" cannot be read: BATON_SECRET_KEY is not set`,
        });
        continue;
      }
      try {
        secrets[secret] = this.#options.secretBox.open(sealed, slot(entry.name, secret));
      } catch (err) {
        secretErrors.push({ pointer: `/secrets/${secret}`, message: errorMessage(err) });
      }
    }
    entry.state = { doc, readAt: Date.now(), secrets, secretErrors };
  }

  async #write(
    entry: Entry,
    update: { $set?: Record<string, unknown>; $unset?: Record<string, ''> },
  ): Promise<void> {
    const doc = await this.#states.findOneAndUpdate(
      { _id: entry.name },
      { ...update, $set: { ...(update.$set ?? {}), updatedAt: this.clock.now().toISOString() } },
      { upsert: true },
    );
    if (doc) this.#cache(entry, doc);
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

  #location(dir: string): string {
    const rel = relative(REPO_ROOT, dir);
    return rel && !rel.startsWith(`..${sep}`) && rel !== '..' ? rel.split(sep).join('/') : dir;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function slot(plugin: string, secret: string): string {
  return `plugin:${plugin}:${secret}`;
}
