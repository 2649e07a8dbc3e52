/**
 * One job: each plugin's stored state (`plugin_state`, one document per plugin) — settings, sealed
 * secrets and the enabled flag — read through a per-instance cache, and what that state lacks for
 * the plugin to run (invalid settings, a bad egress URL, a missing or unreadable secret).
 *
 * The cache is re-read after `stateTtlMs` (other instances' changes arrive within that time); this
 * instance's own writes apply at once.
 */
import { describeAjvErrors, type PluginProblem } from '@baton/plugin-sdk';
import type { Clock } from '../shared/clock.ts';
import type { Collection, Store } from '../store/port.ts';
import { errorMessage } from './calls.ts';
import type { Entry, PluginState } from './plugin-entry.ts';
import type { SecretBox } from './secret-box.ts';

export class PluginStates {
  readonly #states: Collection<PluginState>;

  constructor(
    store: Store,
    private readonly clock: Clock,
    private readonly options: { secretBox: SecretBox | null | undefined; stateTtlMs: number },
  ) {
    this.#states = store.collection('plugin_state');
  }

  get secretBox(): SecretBox | null | undefined {
    return this.options.secretBox;
  }

  async isEnabled(entry: Entry): Promise<boolean> {
    return (await this.state(entry)).enabled !== false;
  }

  async state(entry: Entry): Promise<PluginState> {
    const now = Date.now();
    if (entry.state && now - entry.state.readAt < this.options.stateTtlMs) return entry.state.doc;
    const doc = (await this.#states.findOne({ _id: entry.name })) ?? { _id: entry.name };
    this.#cache(entry, doc);
    return doc;
  }

  async write(
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

  /** Stored settings with the schema's defaults applied, and whether they are valid. */
  settingsOf(
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
  configProblems(entry: Entry, state: PluginState): PluginProblem[] {
    const cached = entry.state?.doc === state ? entry.state : undefined;
    if (cached?.problems) return cached.problems;
    const problems = [...this.settingsOf(entry, state).errors];
    problems.push(
      ...egressSettingProblems(entry, state.settings ?? {}).map((p) => ({
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

  #cache(entry: Entry, doc: PluginState): void {
    const secrets: Record<string, string> = {};
    const secretErrors: PluginProblem[] = [];
    for (const [secret, sealed] of Object.entries(doc.secrets ?? {})) {
      if (!this.options.secretBox) {
        secretErrors.push({
          pointer: `/secrets/${secret}`,
          message: `the secret "${secret}" cannot be read: BATON_SECRET_KEY is not set`,
        });
        continue;
      }
      try {
        secrets[secret] = this.options.secretBox.open(sealed, secretSlot(entry.name, secret));
      } catch (err) {
        secretErrors.push({ pointer: `/secrets/${secret}`, message: errorMessage(err) });
      }
    }
    entry.state = { doc, readAt: Date.now(), secrets, secretErrors };
  }
}

/** Settings the manifest lets widen egress must be http(s) URLs. */
export function egressSettingProblems(
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

/** The associated data a secret is sealed under: a sealed value cannot be moved to another slot. */
export function secretSlot(plugin: string, secret: string): string {
  return `plugin:${plugin}:${secret}`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
