/**
 * The plugin host: secrets encrypted at rest and never returned, settings validated by each plugin's
 * schema, access, discovery of installed baton-plugin-* packages, node kinds in the flow engine.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';
import { type PluginTestBaton, startPluginTestBaton } from '../testing/plugins.ts';
import { PluginHost } from './host.ts';
import { parseSecretKey, resolveSecretKey, SecretBox, SecretKeyError } from './secret-box.ts';

let baton: PluginTestBaton | undefined;
const cleanup: string[] = [];
afterEach(async () => {
  await baton?.close();
  baton = undefined;
  for (const dir of cleanup.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

describe('secrets', () => {
  it('are encrypted at rest and never returned by the API', async () => {
    baton = await startPluginTestBaton();
    const secret = 'xoxb-THIS-IS-THE-REAL-TOKEN-1234567890';
    const put = await baton.request({
      method: 'PUT',
      url: '/api/plugins/slack/secrets',
      payload: { secrets: { botToken: secret } },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().secrets).toEqual([
      expect.objectContaining({ name: 'botToken', required: true, set: true }),
      expect.objectContaining({ name: 'signingSecret', required: true, set: false }),
    ]);
    for (const url of ['/api/plugins', '/api/plugins/slack', '/api/plugins/slack/settings']) {
      const res = await baton.request({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain(secret);
    }
    expect(put.body).not.toContain(secret);
    // On disk: the journal holds the sealed value only.
    const files = await filesUnder(baton.dataDir);
    expect(files.length).toBeGreaterThan(0);
    let sealedSeen = false;
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain(secret);
      if (text.includes('"plugin_state"') && text.includes('"kid"')) sealedSeen = true;
    }
    expect(sealedSeen).toBe(true);
    // Cleared with null.
    const cleared = await baton.request({
      method: 'PUT',
      url: '/api/plugins/slack/secrets',
      payload: { secrets: { botToken: null } },
    });
    expect(cleared.json().secrets[0]).toMatchObject({ name: 'botToken', set: false });
    const unknown = await baton.request({
      method: 'PUT',
      url: '/api/plugins/slack/secrets',
      payload: { secrets: { password: 'x' } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { pointer: '/body/secrets/password', detail: 'is not a secret this plugin declares' },
    ]);
  });

  it('sealed values only open with the same key, in the same slot, unaltered', () => {
    const box = new SecretBox(randomBytes(32));
    const sealed = box.seal('hunter2', 'plugin:sms:authToken');
    expect(box.open(sealed, 'plugin:sms:authToken')).toBe('hunter2');
    expect(() => box.open(sealed, 'plugin:slack:botToken')).toThrow(SecretKeyError);
    expect(() =>
      box.open({ ...sealed, data: Buffer.from('hunter3').toString('base64') }, 'plugin:sms:authToken'),
    ).toThrow(/altered/);
    expect(() => new SecretBox(randomBytes(32)).open(sealed, 'plugin:sms:authToken')).toThrow(/another key/);
    expect(() => parseSecretKey('too-short')).toThrow(/BATON_SECRET_KEY must be 32 bytes/);
    expect(parseSecretKey('ab'.repeat(32))).toHaveLength(32);
  });

  it('without BATON_SECRET_KEY: generated once into the data folder (0600) for the embedded store, none for MongoDB', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-key-'));
    cleanup.push(dir);
    const first = await resolveSecretKey({ envValue: undefined, storeKind: 'embedded', dataDir: dir });
    expect(first.source).toBe('generated');
    expect((await stat(first.file!)).mode & 0o777).toBe(0o600);
    const second = await resolveSecretKey({ envValue: undefined, storeKind: 'embedded', dataDir: dir });
    expect(second).toMatchObject({ source: 'file' });
    expect(second.box!.kid).toBe(first.box!.kid);
    expect(await resolveSecretKey({ envValue: undefined, storeKind: 'mongodb', dataDir: dir })).toEqual({
      box: null,
      source: 'none',
    });
    const env = await resolveSecretKey({
      envValue: randomBytes(32).toString('base64'),
      storeKind: 'mongodb',
      dataDir: dir,
    });
    expect(env.source).toBe('environment');
  });

  it('with no key configured, saving a secret is refused with a clear problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-nokey-'));
    cleanup.push(dir);
    const store = await openStore({ dataDir: dir });
    try {
      const host = new PluginHost(store, new ManualClock(), { secretBox: null });
      await host.init();
      await expect(host.putSecrets('webhook', { signingSecret: 'x' })).rejects.toMatchObject({
        kind: 'conflict',
        detail: expect.stringContaining('Set BATON_SECRET_KEY'),
      });
    } finally {
      await store.close();
    }
  });
});

describe('settings and access', () => {
  it("validates settings against the plugin's schema, with a pointer per field", async () => {
    baton = await startPluginTestBaton();
    const bad = await baton.request({
      method: 'PUT',
      url: '/api/plugins/email/settings',
      payload: { host: 'smtp.example.com', port: 'twenty-five', extra: 1 },
    });
    expect(bad.statusCode).toBe(400);
    const pointers = bad
      .json()
      .errors.map((e: { pointer: string }) => e.pointer)
      .sort();
    expect(pointers).toEqual(['/body/extra', '/body/from', '/body/port']);
    const badUrl = await baton.request({
      method: 'PUT',
      url: '/api/plugins/slack/settings',
      payload: { apiBaseUrl: 'ftp://files.example.com/' },
    });
    expect(badUrl.statusCode).toBe(400);
    const good = await baton.request({
      method: 'PUT',
      url: '/api/plugins/email/settings',
      payload: { host: 'smtp.example.com', from: 'a@example.com' },
    });
    expect(good.json()).toMatchObject({
      name: 'email',
      settings: { host: 'smtp.example.com', port: 587 },
      schema: { required: ['host', 'from'] },
    });
  });

  it('only integrators and admins see and change plugins', async () => {
    baton = await startPluginTestBaton();
    const admin = { kind: 'adminToken' as const, id: 'admin', name: 'admin', roles: ['admin' as const] };
    const viewer = (await baton.services.auth.createApiKey({ name: 'v', roles: ['viewer'] }, admin)).secret;
    const integrator = (await baton.services.auth.createApiKey({ name: 'i', roles: ['integrator'] }, admin))
      .secret;
    expect((await baton.request({ method: 'GET', url: '/api/plugins', token: viewer })).statusCode).toBe(403);
    expect((await baton.request({ method: 'GET', url: '/api/plugins', token: null })).statusCode).toBe(401);
    expect((await baton.request({ method: 'GET', url: '/api/plugins', token: integrator })).statusCode).toBe(
      200,
    );
    expect(
      (await baton.request({ method: 'POST', url: '/api/plugins/webhook/disable', token: viewer }))
        .statusCode,
    ).toBe(403);
  });

  it("registers the notify kind and plugins' node kinds with the flow engine", async () => {
    baton = await startPluginTestBaton();
    expect(baton.services.engine.kinds.get('notify')?.outputs.map((o) => o.handle)).toEqual([
      'sent',
      'failed',
    ]);
    expect(baton.services.engine.kinds.get('slack.war-room')?.outputs.map((o) => o.handle)).toEqual([
      'created',
      'failed',
    ]);
    expect(
      baton.services.engine.kinds.validateData('notify', {
        to: { kind: 'assignee' },
        template: { text: 'hi' },
      }),
    ).toEqual([]);
    expect(
      baton.services.engine.kinds.validateData('notify', { to: { kind: 'nobody' }, template: {} }).length,
    ).toBeGreaterThan(0);
  });
});

describe('discovery', () => {
  it('finds installed baton-plugin-* packages (scoped too) beside the project folders', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'baton-pkgs-'));
    cleanup.push(dir);
    const write = async (pkg: string, name: string) => {
      const root = join(dir, 'node_modules', pkg);
      await mkdir(root, { recursive: true });
      await writeFile(
        join(root, 'package.json'),
        JSON.stringify({ name: pkg, version: '1.0.0', type: 'module', main: 'index.js' }),
      );
      await writeFile(
        join(root, 'plugin.json'),
        JSON.stringify({
          name,
          version: '1.0.0',
          entry: './index.js',
          capabilities: [{ kind: 'notifier', channel: name }],
        }),
      );
      await writeFile(
        join(root, 'index.js'),
        `export default { [Symbol.for('baton.plugin')]: 1, name: '${name}', capabilities: [{ kind: 'notifier', channel: '${name}', send: async () => ({ status: 'delivered' }) }] };\n`,
      );
    };
    await write('baton-plugin-echo', 'echo');
    await write('@acme/baton-plugin-pager', 'acme-pager');
    await write('not-a-plugin', 'ignored');
    baton = await startPluginTestBaton({ packageDirs: [join(dir, 'node_modules')] });
    const list = (await baton.request({ method: 'GET', url: '/api/plugins' })).json().items as {
      name: string;
      source: string;
      status: string;
    }[];
    expect(list.filter((p) => p.source === 'package').map((p) => [p.name, p.status])).toEqual([
      ['acme-pager', 'ok'],
      ['echo', 'ok'],
    ]);
    expect(list.some((p) => p.name === 'ignored' || p.name === 'sdk')).toBe(false);
    expect(await baton.plugins.channels()).toEqual(
      expect.arrayContaining(['echo', 'acme-pager', 'slack', 'email']),
    );
  });
});
