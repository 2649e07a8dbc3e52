/**
 * Bearer secrets and password hashes. Secrets are 32 random bytes behind a prefix that says what they
 * are (`bts_` session, `btk_` API key, `bat_` admin); only their SHA-256 is stored, which is the right
 * hash for high-entropy secrets (a slow hash adds nothing there and would cost every request).
 * Passwords are low-entropy, so they get scrypt.
 */
import { hash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;

export type SecretKind = 'session' | 'apiKey' | 'admin';
const prefixes: Record<SecretKind, string> = { session: 'bts_', apiKey: 'btk_', admin: 'bat_' };

export function generateSecret(kind: SecretKind): string {
  return prefixes[kind] + randomBytes(32).toString('base64url');
}

/** One-shot `crypto.hash` (Node ≥ 20.12): a third of `createHash(…).update(…).digest(…)`, on every request. */
export function hashSecret(secret: string): string {
  return hash('sha256', secret, 'base64url');
}

/** scrypt parameters: N=2^15, r=8, p=1 (OWASP's 2023 minimum is N=2^17 with p=1 … we keep 2^15 so a
 * login stays under ~100 ms on a small machine; raise `N` here to harden). */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEYLEN = 32;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password.normalize('NFKC'), salt, KEYLEN, SCRYPT);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(
    password.normalize('NFKC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: SCRYPT.maxmem,
    },
  );
  return timingSafeEqual(actual, expected);
}

/** A password check that costs the same when the user does not exist, so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password-0000');
  await verifyPassword(password, await dummyHash);
}
