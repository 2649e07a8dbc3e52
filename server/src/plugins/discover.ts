/**
 * Where plugins come from: every folder of `plugins/` that has a `plugin.json` (the SDK has none),
 * and every installed package named `baton-plugin-*` or `@scope/baton-plugin-*` in the given
 * `node_modules` folders. Found once at start-up; the same folder reached twice (a workspace
 * symlink) counts once.
 */
import { access, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE } from '@baton/plugin-sdk';

export interface PluginCandidate {
  dir: string;
  source: 'folder' | 'package';
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter(
        (e) =>
          (e.isDirectory() || e.isSymbolicLink()) && !e.name.startsWith('.') && e.name !== 'node_modules',
      )
      .map((e) => e.name)
      .sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

export async function discoverPlugins(options: {
  dirs: readonly string[];
  packageDirs: readonly string[];
}): Promise<PluginCandidate[]> {
  const found: PluginCandidate[] = [];
  const seen = new Set<string>();
  const add = async (dir: string, source: PluginCandidate['source']) => {
    if (!(await exists(join(dir, MANIFEST_FILE)))) return;
    const real = await realpath(dir);
    if (seen.has(real)) return;
    seen.add(real);
    found.push({ dir: real, source });
  };
  for (const root of options.dirs) {
    for (const name of await subfolders(root)) {
      if (name === 'sdk') continue;
      await add(join(root, name), 'folder');
    }
  }
  for (const modules of options.packageDirs) {
    for (const name of await subfolders(modules)) {
      if (name.startsWith('baton-plugin-')) await add(join(modules, name), 'package');
      else if (name.startsWith('@')) {
        for (const scoped of await subfolders(join(modules, name))) {
          if (scoped.startsWith('baton-plugin-')) await add(join(modules, name, scoped), 'package');
        }
      }
    }
  }
  return found;
}
