/**
 * One job: the shape of a plugin as the host holds it — what was loaded from its folder, its health,
 * and its cached stored state — and where it lives, in words an admin recognises.
 */
import { join, relative, sep } from 'node:path';
import type { DefinedPlugin, HttpAgents, PluginProblem } from '@baton/plugin-sdk';
import type { PluginManifest } from '@baton/schemas';
import type { ValidateFunction } from 'ajv';
import type { StoredDocument } from '../store/port.ts';
import type { HealthTracker } from './calls.ts';
import type { SealedSecret } from './secret-box.ts';

export const REPO_ROOT = join(import.meta.dirname, '../../..');

export interface HostLogger {
  error(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
  debug?(obj: object, msg: string): void;
}

/** A plugin's document in `plugin_state`. */
export interface PluginState extends StoredDocument {
  enabled?: boolean;
  settings?: Record<string, unknown>;
  secrets?: Record<string, SealedSecret>;
  updatedAt?: string;
}

export interface Entry {
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

/** A plugin folder relative to the project when inside it, else as given. */
export function locationOf(dir: string): string {
  const rel = relative(REPO_ROOT, dir);
  return rel && !rel.startsWith(`..${sep}`) && rel !== '..' ? rel.split(sep).join('/') : dir;
}
