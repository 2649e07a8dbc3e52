/**
 * One job: discover and load every plugin once at start. A broken plugin, or one whose name another
 * plugin already took, is kept as an invalid entry with its reasons (and logged); the others load.
 */
import { relative } from 'node:path';
import { loadPluginFolder } from '@baton/plugin-sdk';
import { HealthTracker } from './calls.ts';
import { discoverPlugins } from './discover.ts';
import { type Entry, type HostLogger, locationOf, REPO_ROOT } from './plugin-entry.ts';

export interface LoadOptions {
  dirs: readonly string[];
  packageDirs: readonly string[];
  /** How long a plugin's module may take to import. */
  importTimeoutMs: number;
  log?: HostLogger | undefined;
}

/** Loads the plugins into `entries`, keyed by name (a clashing name gets its folder appended). */
export async function loadPlugins(entries: Map<string, Entry>, options: LoadOptions): Promise<void> {
  const candidates = await discoverPlugins({ dirs: options.dirs, packageDirs: options.packageDirs });
  for (const candidate of candidates) {
    const loaded = await loadPluginFolder(candidate.dir, { importTimeoutMs: options.importTimeoutMs });
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
    const clash = entries.get(name);
    if (clash) {
      entry.loadErrors = [
        {
          pointer: '/name',
          message: `/name: "${name}" is also the name of the plugin in ${locationOf(clash.dir)}`,
        },
      ];
      delete entry.plugin;
      entries.set(`${name} (${locationOf(candidate.dir)})`, entry);
    } else {
      entries.set(name, entry);
    }
    if (entry.loadErrors.length) {
      options.log?.error(
        {
          plugin: name,
          dir: locationOf(candidate.dir),
          errors: entry.loadErrors.map((e) => e.message),
        },
        `plugin ${name} is invalid and was not loaded: ${entry.loadErrors.map((e) => e.message).join('; ')}`,
      );
    }
  }
}
