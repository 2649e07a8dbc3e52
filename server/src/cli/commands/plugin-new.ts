/**
 * `plugin new NAME`: scaffolds a plugin folder — manifest, entry, a test written with the SDK's test
 * kit, a README — that loads in Baton as it is and whose test passes. `--kind ingest` scaffolds a
 * signed webhook instead of a notifier.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { CliError, defineCommand, EXIT_OK, UsageError } from '../command.ts';

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export const pluginNew = defineCommand({
  path: ['plugin', 'new'],
  summary: 'Scaffold a plugin (manifest, entry, a test with the SDK test kit) in plugins/NAME',
  usage: 'NAME [--kind notifier|ingest] [--dir DIR]',
  details: [
    'NAME: lower-case words joined by hyphens (2–40 characters); it is also the notifier channel and the',
    'webhook path segment. --dir: the folder of plugins (default: ./plugins). Run its test with',
    '`npx vitest run plugins/NAME`; Baton loads it on the next start (see GET /api/plugins).',
  ].join('\n'),
  options: {
    kind: { type: 'string', default: 'notifier' },
    dir: { type: 'string' },
  },
  async run({ io, positionals, values }) {
    const [name, ...extra] = positionals;
    if (!name || extra.length) throw new UsageError('plugin new takes one NAME');
    if (!NAME.test(name) || name.length < 2 || name.length > 40) {
      throw new UsageError(
        `"${name}" is not a plugin name: use lower-case words joined by hyphens, 2–40 characters`,
      );
    }
    if (name === 'sdk') throw new UsageError('"sdk" is the plugin SDK itself');
    const kind = values.kind;
    if (kind !== 'notifier' && kind !== 'ingest')
      throw new UsageError(`--kind must be notifier or ingest, not ${kind}`);
    const root = resolve(io.cwd, values.dir ?? 'plugins');
    const folder = join(root, name);
    if (existsSync(folder)) throw new CliError(`${folder} already exists`);
    const files = kind === 'notifier' ? notifierFiles(name) : ingestFiles(name);
    for (const [file, content] of Object.entries({ ...common(name, kind), ...files })) {
      await mkdir(join(folder, file, '..'), { recursive: true });
      await writeFile(join(folder, file), content);
    }
    const shown = relative(io.cwd, folder) || folder;
    io.stdout.write(
      [
        `Created ${kind} plugin ${name} in ${shown}:`,
        ...Object.keys({ ...common(name, kind), ...files }).map((f) => `  ${f}`),
        '',
        `Test it:   npx vitest run ${shown}`,
        'Load it:   restart Baton; it is listed by GET /api/plugins (configure it with PUT /api/plugins/' +
          name +
          '/settings)',
        '',
      ].join('\n'),
    );
    return EXIT_OK;
  },
});

/** JSON as Biome formats it: two-space indent, short arrays of strings on one line. */
function json(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /\[\s*("[^"\n]*"(?:,\s*"[^"\n]*")*)\s*\]/g,
    (_m, items: string) => `[${items.split(/,\s*/).join(', ')}]`,
  );
  return `${text}\n`;
}

function common(name: string, kind: string): Record<string, string> {
  return {
    'package.json': json({
      name: `@baton/plugin-${name}`,
      version: '0.1.0',
      private: true,
      type: 'module',
      exports: { '.': './src/index.ts' },
      dependencies: { '@baton/plugin-sdk': '0.1.0' },
    }),
    'README.md': `# ${name}\n\nA Baton ${kind} plugin. See \`plugins/sdk/README.md\` for the contract and the test kit.\n\n- \`plugin.json\`: the manifest (settings schema, secrets, egress)\n- \`src/index.ts\`: \`definePlugin({...})\`\n- \`src/index.test.ts\`: tests with \`@baton/plugin-sdk/testing\` — \`npx vitest run plugins/${name}\`\n`,
  };
}

function notifierFiles(name: string): Record<string, string> {
  return {
    'plugin.json': json({
      name,
      version: '0.1.0',
      title: name,
      description: `Delivers notifications on the ${name} channel by POSTing JSON to a URL.`,
      entry: './src/index.ts',
      capabilities: [{ kind: 'notifier', channel: name }],
      settings: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: { url: { type: 'string', format: 'uri', title: 'Endpoint URL' } },
      },
      secrets: [{ name: 'token', description: 'Sent as a bearer token, if set.' }],
      egress: { settings: ['url'] },
    }),
    'src/index.ts': `/** The ${name} notifier: POSTs each message as JSON to the configured URL. */
import { definePlugin, deliveryFromError, deliveryFromResponse } from '@baton/plugin-sdk';

export interface Settings {
  url: string;
}

export default definePlugin<Settings>({
  name: '${name}',
  capabilities: [
    {
      kind: 'notifier',
      channel: '${name}',
      async send(message, ctx) {
        const token = ctx.secrets.get('token');
        try {
          const res = await ctx.http.fetch(ctx.settings.url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'idempotency-key': message.idempotencyKey,
              ...(token ? { authorization: \`Bearer \${token}\` } : {}),
            },
            body: JSON.stringify({ to: message.to.address, subject: message.subject, text: message.text }),
          });
          return deliveryFromResponse(res, { externalId: message.idempotencyKey, now: ctx.now() });
        } catch (err) {
          return deliveryFromError(err);
        }
      },
    },
  ],
});
`,
    'src/index.test.ts': `import {
  assertValidResult,
  createTestContext,
  type HttpSink,
  loadPluginFolder,
  sampleMessage,
  startHttpSink,
} from '@baton/plugin-sdk/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import plugin, { type Settings } from './index.ts';

const notifier = plugin.capabilities.find((c) => c.kind === 'notifier')!;
let sink: HttpSink;

beforeEach(async () => {
  sink = await startHttpSink();
});
afterEach(() => sink.close());

/** A context whose HTTP may reach the local sink (loopback is allowed explicitly, as in Baton). */
function context() {
  return createTestContext<Settings>({
    name: '${name}',
    settings: { url: \`\${sink.url}/hook\` },
    secrets: { token: 't0ken' },
    egress: { hosts: ['127.0.0.1'], allowPrivate: ['127.0.0.1'] },
  });
}

describe('${name} plugin', () => {
  it('loads as Baton loads it: valid manifest, entry matching it', async () => {
    const loaded = await loadPluginFolder(new URL('..', import.meta.url));
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });

  it('delivers a message to the endpoint, with the idempotency key', async () => {
    if (notifier.kind !== 'notifier') throw new Error('no notifier');
    const { ctx } = context();
    const result = await notifier.send(sampleMessage({ channel: '${name}' }), ctx);
    assertValidResult('deliveryResult', result);
    expect(result).toEqual({ status: 'delivered', externalId: 'test-key-1' });
    const [request] = await sink.waitFor(1);
    expect(request!.path).toBe('/hook');
    expect(request!.headers['idempotency-key']).toBe('test-key-1');
    expect(request!.headers.authorization).toBe('Bearer t0ken');
    expect(request!.json<{ text: string }>().text).toContain('handed issue iss_1');
  });

  it('asks for a retry when the endpoint is unavailable, honouring Retry-After', async () => {
    if (notifier.kind !== 'notifier') throw new Error('no notifier');
    sink.handle(() => ({ status: 503, headers: { 'retry-after': '7' } }));
    const { ctx } = context();
    const result = await notifier.send(sampleMessage(), ctx);
    expect(result).toMatchObject({ status: 'retry', retryAfterMs: 7000 });
  });
});
`,
  };
}

function ingestFiles(name: string): Record<string, string> {
  return {
    'plugin.json': json({
      name,
      version: '0.1.0',
      title: name,
      description: `Receives signed JSON webhooks on /hooks/${name}/events and opens or continues issues.`,
      entry: './src/index.ts',
      capabilities: [
        { kind: 'ingest', routes: [{ method: 'POST', path: '/events', summary: 'One inbound message' }] },
      ],
      settings: {
        type: 'object',
        additionalProperties: false,
        properties: { toleranceSec: { type: 'integer', minimum: 30, maximum: 3600, default: 300 } },
      },
      secrets: [
        { name: 'signingSecret', description: 'Shared with the sender (X-Baton-Signature).', required: true },
      ],
    }),
    'src/index.ts': `/**
 * ${name}: signed JSON webhooks ({ "id", "conversation", "email", "name", "text" }) become customer
 * messages; one conversation is one issue.
 */
import { definePlugin, field, jsonBody, verifyBatonSignature } from '@baton/plugin-sdk';

export default definePlugin<{ toleranceSec: number }>({
  name: '${name}',
  capabilities: [
    {
      kind: 'ingest',
      routes: [
        {
          method: 'POST',
          path: '/events',
          verify: verifyBatonSignature,
          handle(request) {
            const body = jsonBody(request);
            const id = field(body, 'id', 'string', true);
            const conversation = field(body, 'conversation', 'string', true);
            const name = field(body, 'name', 'string');
            return {
              events: [
                {
                  type: 'message',
                  channel: 'api',
                  messageKey: \`${name}:\${id}\`,
                  threadKey: \`${name}:\${conversation}\`,
                  from: { email: field(body, 'email', 'string', true), ...(name ? { name } : {}) },
                  text: field(body, 'text', 'string', true),
                },
              ],
            };
          },
        },
      ],
    },
  ],
});
`,
    'src/index.test.ts': `import {
  assertValidResult,
  createTestContext,
  loadPluginFolder,
  signedIngestRequest,
} from '@baton/plugin-sdk/testing';
import { describe, expect, it } from 'vitest';
import plugin from './index.ts';

const ingest = plugin.capabilities.find((c) => c.kind === 'ingest')!;
const route = ingest.kind === 'ingest' ? ingest.routes[0]! : undefined!;
const secret = 'whsec_test';
const body = { id: 'm1', conversation: 'c1', email: 'ada@example.com', name: 'Ada', text: 'Hello' };

function context() {
  return createTestContext({
    name: '${name}',
    settings: { toleranceSec: 300 },
    secrets: { signingSecret: secret },
  });
}

describe('${name} plugin', () => {
  it('loads as Baton loads it: valid manifest, entry matching it', async () => {
    const loaded = await loadPluginFolder(new URL('..', import.meta.url));
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
  });

  it('accepts a correctly signed request and turns it into a message event', async () => {
    const { ctx } = context();
    const request = signedIngestRequest({ path: '/events', body, secret });
    expect(await route.verify(request, ctx)).toEqual({ ok: true });
    const result = await route.handle(request, ctx);
    assertValidResult('ingestResult', result);
    expect(result.events[0]).toMatchObject({
      type: 'message',
      messageKey: '${name}:m1',
      threadKey: '${name}:c1',
    });
  });

  it('rejects a request signed with another secret', async () => {
    const { ctx } = context();
    const request = signedIngestRequest({ path: '/events', body, secret: 'not-the-secret' });
    expect(await route.verify(request, ctx)).toMatchObject({ ok: false });
  });
});
`,
  };
}
