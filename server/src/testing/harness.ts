/**
 * An in-process Baton for tests: a real embedded store in a fresh temp folder, real services and
 * the real Fastify app, driven through `app.inject()`. Nothing is mocked.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@baton/schemas';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import type { BusLogger } from '../events/bus.ts';
import type { HttpLimits } from '../http/limits.ts';
import { createServices, type Services } from '../services.ts';
import { type Clock, ManualClock } from '../shared/clock.ts';
import { openStore } from '../store/index.ts';

export interface TestBaton {
  app: FastifyInstance;
  services: Services;
  clock: Clock;
  dataDir: string;
  adminToken: string;
  /** A bearer token for a new principal holding exactly these roles (an API key). */
  tokenFor(...roles: Role[]): Promise<string>;
  /**
   * A session for a user working as agent `agentId` (created once per agent): what it posts is by
   * that agent, since the timeline records the caller as author.
   */
  tokenForAgent(agentId: string): Promise<string>;
  /** `app.inject` with the admin token unless `token` is given (`null` sends none). */
  request(options: InjectOptions & { token?: string | null }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestBatonOptions {
  clock?: Clock;
  bodyLimit?: number;
  /** Where services log; default: nowhere. */
  log?: BusLogger;
  /** HTTP timeouts and connection caps (small ones make the adversarial tests fast). */
  limits?: Partial<HttpLimits>;
  /** Passed to `createServices` as they are (plugin host, worker, hub tunables…). */
  services?: Omit<Parameters<typeof createServices>[0], 'store' | 'clock' | 'log'>;
}

export async function startTestBaton(options: TestBatonOptions = {}): Promise<TestBaton> {
  const dataDir = await mkdtemp(join(tmpdir(), 'baton-test-'));
  const store = await openStore({ dataDir });
  const clock = options.clock ?? new ManualClock();
  const log = options.log ?? { error: () => {} };
  // The retrieval warm-up starts as soon as the instance "serves" (below): tests see a warm index.
  const services = await createServices({ warmDelayMs: 0, ...options.services, store, clock, log });
  await services.auth.bootstrapAdminToken(TEST_ADMIN_TOKEN);
  const app = await buildApp({
    services,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  await app.ready();
  // Injected requests need no listening socket, but the instance serves: run what waits for that.
  services.modules.serving();
  let keyCount = 0;
  const agentTokens = new Map<string, Promise<string>>();
  return {
    app,
    services,
    clock,
    dataDir,
    adminToken: TEST_ADMIN_TOKEN,
    async tokenFor(...roles) {
      const admin = { kind: 'adminToken' as const, id: 'admin', name: 'admin', roles: ['admin' as const] };
      const { secret } = await services.auth.createApiKey(
        { name: `test key ${++keyCount}`, roles: roles as [Role, ...Role[]] },
        admin,
      );
      return secret;
    },
    tokenForAgent(agentId) {
      let token = agentTokens.get(agentId);
      if (!token) {
        token = (async () => {
          const agent = await services.directory.getAgent(agentId);
          const email = `${agentId.toLowerCase()}@agents.test`;
          const password = 'test password for an agent';
          await services.auth.createUser({ email, name: agent.name, roles: ['agent'], password, agentId });
          return (await services.auth.login(email, password)).token;
        })();
        agentTokens.set(agentId, token);
      }
      return token;
    },
    request({ token, headers, ...rest }) {
      const bearer = token === undefined ? TEST_ADMIN_TOKEN : token;
      return app.inject({
        ...rest,
        headers: { ...(headers ?? {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      });
    },
    async close() {
      await app.close();
      await services.bus.drain();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
