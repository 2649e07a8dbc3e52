/**
 * Reading a plugin folder as the host does: `plugin.json` validated against
 * `schemas/plugin-manifest.schema.json`, its settings schema compiled, the entry imported, and the
 * entry's capabilities checked against what the manifest declares. Every problem names the field.
 * The host and the test kit share this, so a plugin that passes its own tests also loads.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAjv, type PluginManifest, type SchemaAjv, schemaId } from '@baton/schemas';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { type DefinedPlugin, describeDefinitionProblems, isDefinedPlugin } from './plugin.ts';

export const MANIFEST_FILE = 'plugin.json';

export interface PluginProblem {
  /** JSON pointer into the manifest (or `entry` problems: the capability), when there is one. */
  pointer?: string;
  message: string;
}

let sharedAjv: SchemaAjv | undefined;
/** One Ajv for manifests and settings schemas (stateless configuration, compiled once per process). */
export function manifestAjv(): SchemaAjv {
  sharedAjv ??= createAjv();
  return sharedAjv;
}

/** Ajv errors as field problems: `/capabilities/0/channel: must match ^[a-z]…`. */
export function describeAjvErrors(
  errors: readonly ErrorObject[] | null | undefined,
  base = '',
): PluginProblem[] {
  const out: PluginProblem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let pointer = `${base}${e.instancePath}`;
    let detail = e.message ?? 'is not valid';
    const params = e.params as Record<string, unknown>;
    if (e.keyword === 'required') {
      pointer = `${pointer}/${String(params.missingProperty)}`;
      detail = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      pointer = `${pointer}/${String(params.additionalProperty)}`;
      detail = 'is not a known property';
    } else if (e.keyword === 'enum') {
      detail = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'const') {
      detail = `must be ${JSON.stringify(params.allowedValue)}`;
    } else if (e.keyword === 'discriminator') {
      detail = `${String(params.tag)} must be one of the known kinds`;
    } else if (e.keyword === 'if' || e.keyword === 'oneOf' || e.keyword === 'anyOf') {
      continue; // the branch errors say what is wrong
    }
    const message = `${pointer || '/'}: ${detail}`;
    if (seen.has(message)) continue;
    seen.add(message);
    out.push({ pointer: pointer || '/', message });
  }
  return out.length ? out : [{ pointer: base || '/', message: `${base || '/'}: is not valid` }];
}

export type ManifestCheck =
  | { ok: true; manifest: PluginManifest; validateSettings: ValidateFunction }
  | { ok: false; errors: PluginProblem[] };

/** Validates a parsed manifest and compiles its settings schema (strict: unknown keywords are errors). */
export function validateManifest(json: unknown): ManifestCheck {
  const ajv = manifestAjv();
  const validate = ajv.getSchema(schemaId('plugin-manifest'));
  if (!validate) throw new Error('the plugin manifest schema is missing from @baton/schemas');
  if (!validate(json)) return { ok: false, errors: describeAjvErrors(validate.errors) };
  const manifest = json as PluginManifest;
  const errors: PluginProblem[] = [];
  const settingsSchema = manifest.settings ?? { type: 'object', additionalProperties: false, properties: {} };
  let validateSettings: ValidateFunction | undefined;
  try {
    validateSettings = ajv.compile(settingsSchema);
  } catch (err) {
    errors.push({
      pointer: '/settings',
      message: `/settings: not a usable JSON Schema: ${(err as Error).message}`,
    });
  }
  const secretNames = new Set<string>();
  (manifest.secrets ?? []).forEach((s, i) => {
    if (secretNames.has(s.name))
      errors.push({
        pointer: `/secrets/${i}/name`,
        message: `/secrets/${i}/name: "${s.name}" is declared twice`,
      });
    secretNames.add(s.name);
  });
  const settingNames = Object.keys((settingsSchema as { properties?: object }).properties ?? {});
  (manifest.egress?.settings ?? []).forEach((name, i) => {
    if (!settingNames.includes(name)) {
      errors.push({
        pointer: `/egress/settings/${i}`,
        message: `/egress/settings/${i}: "${name}" is not a property of the settings schema`,
      });
    }
  });
  const channels = new Set<string>();
  const routes = new Set<string>();
  manifest.capabilities.forEach((cap, i) => {
    if (cap.kind === 'notifier') {
      if (channels.has(cap.channel))
        errors.push({
          pointer: `/capabilities/${i}/channel`,
          message: `/capabilities/${i}/channel: "${cap.channel}" is declared twice`,
        });
      channels.add(cap.channel);
    }
    if (cap.kind === 'ingest') {
      cap.routes.forEach((r, j) => {
        const key = `${r.method} ${r.path}`;
        if (routes.has(key))
          errors.push({
            pointer: `/capabilities/${i}/routes/${j}`,
            message: `/capabilities/${i}/routes/${j}: ${key} is declared twice`,
          });
        routes.add(key);
      });
    }
  });
  if (errors.length || !validateSettings) return { ok: false, errors };
  return { ok: true, manifest, validateSettings };
}

/** Problems where the entry's capabilities and the manifest's declarations disagree. */
export function crossCheck(manifest: PluginManifest, plugin: DefinedPlugin): PluginProblem[] {
  const problems: PluginProblem[] = [];
  if (plugin.name !== manifest.name) {
    problems.push({
      pointer: '/name',
      message: `/name: the manifest says "${manifest.name}", the entry says "${plugin.name}"`,
    });
  }
  const declared = new Set<string>();
  for (const cap of manifest.capabilities) {
    if (cap.kind === 'notifier') declared.add(`notifier channel "${cap.channel}"`);
    if (cap.kind === 'ingest') for (const r of cap.routes) declared.add(`ingest route ${r.method} ${r.path}`);
    if (cap.kind === 'node-kind') for (const t of cap.types) declared.add(`node kind "${t}"`);
    if (cap.kind === 'intelligence') for (const p of cap.provides) declared.add(`intelligence ${p}`);
  }
  const implemented = new Set<string>();
  for (const cap of plugin.capabilities) {
    if (cap.kind === 'notifier') implemented.add(`notifier channel "${cap.channel}"`);
    if (cap.kind === 'ingest')
      for (const r of cap.routes) implemented.add(`ingest route ${r.method} ${r.path}`);
    if (cap.kind === 'node-kind') for (const k of cap.kinds) implemented.add(`node kind "${k.type}"`);
    if (cap.kind === 'intelligence') {
      if (cap.embed) implemented.add('intelligence embeddings');
      if (cap.summarize) implemented.add('intelligence summaries');
    }
  }
  for (const d of declared) {
    if (!implemented.has(d))
      problems.push({
        pointer: '/capabilities',
        message: `/capabilities: declares ${d}, which the entry does not implement`,
      });
  }
  for (const i of implemented) {
    if (!declared.has(i))
      problems.push({
        pointer: '/capabilities',
        message: `/capabilities: the entry implements ${i}, which the manifest does not declare`,
      });
  }
  return problems;
}

export type FolderLoad =
  | {
      ok: true;
      dir: string;
      manifest: PluginManifest;
      plugin: DefinedPlugin;
      validateSettings: ValidateFunction;
    }
  | { ok: false; dir: string; name?: string; manifest?: PluginManifest; errors: PluginProblem[] };

/**
 * Loads one plugin folder. Never throws for a broken plugin: the problems come back, each naming the
 * field, so the host can list the plugin as invalid and carry on with the others.
 */
export async function loadPluginFolder(
  folder: string | URL,
  options: { importTimeoutMs?: number } = {},
): Promise<FolderLoad> {
  const dir = resolve(folder instanceof URL ? folder.pathname : folder);
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8'));
  } catch (err) {
    return {
      ok: false,
      dir,
      errors: [{ message: `${MANIFEST_FILE}: cannot be read as JSON: ${(err as Error).message}` }],
    };
  }
  const name =
    typeof (json as { name?: unknown })?.name === 'string' ? (json as { name: string }).name : undefined;
  const check = validateManifest(json);
  if (!check.ok) return { ok: false, dir, ...(name ? { name } : {}), errors: check.errors };
  const { manifest, validateSettings } = check;
  let exported: unknown;
  try {
    const entry = pathToFileURL(join(dir, manifest.entry)).href;
    const timeoutMs = options.importTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const mod = (await Promise.race([
      import(entry),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`importing the entry took longer than ${timeoutMs} ms`)),
          timeoutMs,
        );
      }),
    ]).finally(() => clearTimeout(timer))) as { default?: unknown };
    exported = mod.default;
  } catch (err) {
    return {
      ok: false,
      dir,
      name: manifest.name,
      manifest,
      errors: [
        { pointer: '/entry', message: `/entry: ${manifest.entry} failed to load: ${(err as Error).message}` },
      ],
    };
  }
  if (!isDefinedPlugin(exported)) {
    const shape = describeDefinitionProblems(exported);
    return {
      ok: false,
      dir,
      name: manifest.name,
      manifest,
      errors: [
        {
          pointer: '/entry',
          message: `/entry: the default export of ${manifest.entry} is not definePlugin({...})${shape.length ? `: ${shape.join('; ')}` : ''}`,
        },
      ],
    };
  }
  const problems = crossCheck(manifest, exported);
  if (problems.length) return { ok: false, dir, name: manifest.name, manifest, errors: problems };
  return { ok: true, dir, manifest, plugin: exported, validateSettings };
}
