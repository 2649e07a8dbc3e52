/**
 * Identity: the bootstrap admin token, users with passwords and sessions, and API keys for
 * integrations. Owns the `users`, `sessions`, `api_keys` and `settings` collections.
 */
import { timingSafeEqual } from 'node:crypto';
import type { ApiKey, ApiKeyCreate, User, UserCreate, UserUpdate } from '@baton/schemas';
import { invalidInput, notFound, ProblemError } from '../http/problem.ts';
import type { Clock } from '../shared/clock.ts';
import { fromStored, type Stored, toStored } from '../shared/documents.ts';
import { newId } from '../shared/ids.ts';
import type { Collection, Store, StoredDocument } from '../store/port.ts';
import type { Principal } from './principal.ts';
import { burnPasswordCheck, generateSecret, hashPassword, hashSecret, verifyPassword } from './secrets.ts';
import { SIGN_IN_DEFAULTS, SignInGuard, type SignInLimits } from './sign-in-guard.ts';

type StoredUser = Stored<User> & { passwordHash: string };
type StoredApiKey = Stored<ApiKey> & { secretHash: string };
interface StoredSession extends StoredDocument {
  /** `_id` is the SHA-256 of the session secret: a lookup by primary key per request. */
  userId: string;
  createdAt: string;
  expiresAt: string;
}
interface StoredSetting extends StoredDocument {
  value: string;
}

export interface AuthOptions {
  /** How long a sign-in lasts. Default: 7 days, a working week plus a weekend. */
  sessionTtlMs?: number;
  /** Sign-in throttling and lockout (defaults: `SIGN_IN_DEFAULTS`). */
  signIn?: Partial<SignInLimits>;
}

export interface AdminTokenBootstrap {
  /** Set only when the token was generated now: print it once, it is never shown again. */
  generated?: string;
  source: 'environment' | 'generated' | 'stored';
}

const ADMIN_TOKEN_SETTING = 'admin-token-hash';

/**
 * The directory's side of "this user is that agent": a user created or changed with an `agentId`
 * becomes the agent's `userId`, so notices addressed to the agent follow the person's own channel
 * policy (in-app, chat, quiet hours) instead of the agent's bare email. Given by services.ts, since
 * the directory sits above auth.
 */
export interface AgentLink {
  exists(agentId: string): Promise<boolean>;
  link(agentId: string, userId: string): Promise<void>;
}

export class AuthService {
  #agents: AgentLink | undefined;
  readonly #users: Collection<StoredUser>;
  readonly #sessions: Collection<StoredSession>;
  readonly #apiKeys: Collection<StoredApiKey>;
  readonly #settings: Collection<StoredSetting>;
  readonly #sessionTtlMs: number;
  readonly signIn: SignInGuard;
  #adminTokenHash: Buffer | undefined;

  constructor(
    store: Store,
    private readonly clock: Clock,
    options: AuthOptions = {},
  ) {
    this.#users = store.collection('users');
    this.#sessions = store.collection('sessions');
    this.#apiKeys = store.collection('api_keys');
    this.#settings = store.collection('settings');
    this.#sessionTtlMs = options.sessionTtlMs ?? 7 * 24 * 3600 * 1000;
    this.signIn = new SignInGuard({ ...SIGN_IN_DEFAULTS, ...options.signIn }, clock);
  }

  async init(): Promise<void> {
    await this.#users.createIndex({ keys: { email: 1 }, unique: true, name: 'users_email_unique' });
    await this.#apiKeys.createIndex({
      keys: { secretHash: 1 },
      unique: true,
      name: 'api_keys_secret_unique',
    });
    await this.#sessions.createIndex({ keys: { userId: 1 } });
  }

  /**
   * The admin token from `BATON_ADMIN_TOKEN` replaces any stored one. Without it, the token set
   * earlier stays; on a brand-new store one is generated and returned so the caller prints it once.
   */
  async bootstrapAdminToken(fromEnvironment: string | undefined): Promise<AdminTokenBootstrap> {
    if (fromEnvironment) {
      if (fromEnvironment.length < 16)
        throw new Error('BATON_ADMIN_TOKEN must be at least 16 characters long');
      await this.#storeAdminHash(hashSecret(fromEnvironment));
      return { source: 'environment' };
    }
    const stored = await this.#settings.findOne({ _id: ADMIN_TOKEN_SETTING });
    if (stored) {
      this.#adminTokenHash = Buffer.from(stored.value);
      return { source: 'stored' };
    }
    const generated = await this.rotateAdminToken();
    return { source: 'generated', generated };
  }

  /** Issues a new admin token, invalidating the previous one. */
  async rotateAdminToken(): Promise<string> {
    const token = generateSecret('admin');
    await this.#storeAdminHash(hashSecret(token));
    return token;
  }

  async #storeAdminHash(hash: string): Promise<void> {
    await this.#settings.updateOne({ _id: ADMIN_TOKEN_SETTING }, { $set: { value: hash } }, { upsert: true });
    this.#adminTokenHash = Buffer.from(hash);
  }

  /** Resolves a bearer secret to a principal, or null when it is unknown, expired or revoked. */
  async authenticate(secret: string): Promise<Principal | null> {
    const hash = hashSecret(secret);
    const now = this.clock.now().toISOString();
    if (secret.startsWith('btk_')) {
      const key = await this.#apiKeys.findOne({ secretHash: hash });
      if (!key || key.revokedAt || (key.expiresAt && key.expiresAt <= now)) return null;
      return { kind: 'apiKey', id: key._id, name: key.name, roles: [...key.roles] };
    }
    if (secret.startsWith('bts_')) {
      const session = await this.#sessions.findOne({ _id: hash });
      if (!session || session.expiresAt <= now) return null;
      const user = await this.#users.findOne({ _id: session.userId });
      if (!user || user.disabled) return null;
      return userPrincipal(user);
    }
    const admin = this.#adminTokenHash;
    const candidate = Buffer.from(hash);
    if (admin && admin.length === candidate.length && timingSafeEqual(admin, candidate)) {
      return { kind: 'adminToken', id: 'admin', name: 'Administrator (token)', roles: ['admin'] };
    }
    return null;
  }

  async login(email: string, password: string): Promise<{ token: string; user: User; expiresAt: string }> {
    const account = email.toLowerCase();
    // Checked for unknown emails too: a locked and an unknown account answer alike.
    this.signIn.check(account);
    const user = await this.#users.findOne({ email: account });
    if (!user) {
      await burnPasswordCheck(password);
      this.signIn.failed(account);
      throw new ProblemError('unauthenticated', 'unknown email or wrong password');
    }
    if (!(await verifyPassword(password, user.passwordHash)) || user.disabled) {
      this.signIn.failed(account);
      throw new ProblemError('unauthenticated', 'unknown email or wrong password');
    }
    this.signIn.succeeded(account);
    const now = this.clock.now();
    const token = generateSecret('session');
    const expiresAt = new Date(now.getTime() + this.#sessionTtlMs).toISOString();
    await this.#sessions.insertOne({
      _id: hashSecret(token),
      userId: user._id,
      createdAt: now.toISOString(),
      expiresAt,
    });
    await this.#users.updateOne({ _id: user._id }, { $set: { lastLoginAt: now.toISOString() } });
    return { token, user: publicUser({ ...user, lastLoginAt: now.toISOString() }), expiresAt };
  }

  async logout(secret: string): Promise<void> {
    await this.#sessions.deleteOne({ _id: hashSecret(secret) });
  }

  /** Wires the directory in (see {@link AgentLink}). */
  linkAgents(agents: AgentLink): void {
    this.#agents = agents;
  }

  async #requireAgent(agentId: string): Promise<void> {
    if (this.#agents && !(await this.#agents.exists(agentId)))
      throw invalidInput('/agentId', `no agent ${agentId} exists`);
  }

  async createUser(input: UserCreate): Promise<User> {
    if (input.agentId) await this.#requireAgent(input.agentId);
    const now = this.clock.now().toISOString();
    const user: User = {
      id: newId('usr'),
      email: input.email.toLowerCase(),
      name: input.name,
      roles: input.roles,
      ...(input.agentId ? { agentId: input.agentId } : {}),
      disabled: false,
      createdAt: now,
      updatedAt: now,
    };
    await this.#users.insertOne({ ...toStored(user), passwordHash: await hashPassword(input.password) });
    if (user.agentId) await this.#agents?.link(user.agentId, user.id);
    return user;
  }

  async listUsers(): Promise<User[]> {
    return (await this.#users.find({}, { sort: { email: 1 } })).map(publicUser);
  }

  async getUser(id: string): Promise<User> {
    const user = await this.#users.findOne({ _id: id });
    if (!user) throw notFound('user', id);
    return publicUser(user);
  }

  async updateUser(id: string, patch: UserUpdate): Promise<User> {
    const { password, agentId, ...fields } = patch;
    if (agentId) await this.#requireAgent(agentId);
    const $set: Record<string, unknown> = { ...fields, updatedAt: this.clock.now().toISOString() };
    const $unset: Record<string, ''> = {};
    if (password) $set.passwordHash = await hashPassword(password);
    if (agentId === null) $unset.agentId = '';
    else if (agentId) $set.agentId = agentId;
    const updated = await this.#users.findOneAndUpdate(
      { _id: id },
      Object.keys($unset).length ? { $set, $unset } : { $set },
    );
    if (!updated) throw notFound('user', id);
    if (agentId) await this.#agents?.link(agentId, id);
    // Disabling a user or changing their password signs them out everywhere.
    if (patch.disabled || password) await this.#sessions.deleteMany({ userId: id });
    return publicUser(updated);
  }

  async createApiKey(input: ApiKeyCreate, createdBy: Principal): Promise<{ apiKey: ApiKey; secret: string }> {
    const secret = generateSecret('apiKey');
    const apiKey: ApiKey = {
      id: newId('key'),
      name: input.name,
      prefix: secret.slice(0, 10),
      roles: input.roles,
      createdBy: createdBy.id,
      createdAt: this.clock.now().toISOString(),
      ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    };
    await this.#apiKeys.insertOne({ ...toStored(apiKey), secretHash: hashSecret(secret) });
    return { apiKey, secret };
  }

  async listApiKeys(): Promise<ApiKey[]> {
    return (await this.#apiKeys.find({}, { sort: { _id: -1 } })).map(publicApiKey);
  }

  async revokeApiKey(id: string): Promise<ApiKey> {
    const revoked = await this.#apiKeys.findOneAndUpdate(
      { _id: id },
      { $set: { revokedAt: this.clock.now().toISOString() } },
    );
    if (!revoked) throw notFound('API key', id);
    return publicApiKey(revoked);
  }
}

function userPrincipal(user: StoredUser): Principal {
  return {
    kind: 'user',
    id: user._id,
    name: user.name,
    email: user.email,
    roles: [...user.roles],
    ...(user.agentId ? { agentId: user.agentId } : {}),
  };
}

function publicUser({ passwordHash: _hash, ...user }: StoredUser): User {
  return fromStored<User>(user);
}

function publicApiKey({ secretHash: _hash, ...key }: StoredApiKey): ApiKey {
  return fromStored<ApiKey>(key);
}
