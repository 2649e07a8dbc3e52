/**
 * Plugin secrets at rest: AES-256-GCM with a 96-bit random nonce per value, and the slot the value
 * belongs to (`plugin:<name>:<secret>`) as associated data, so a ciphertext copied into another slot
 * fails to open. Each sealed value names the key it was sealed with (`kid`, the first bytes of the
 * key's SHA-256), so a wrong key is reported as such rather than as corrupt data.
 *
 * The key (32 bytes) comes from BATON_SECRET_KEY (base64 or hex). Unset:
 * - embedded store: one is generated on first start into `<data dir>/secret.key` (mode 0600) and
 *   reused — usable out of the box; a copy of the journal or an export alone does not reveal
 *   secrets, the key file is needed too. Set BATON_SECRET_KEY to keep the key elsewhere.
 * - MongoDB: there is no safe place to generate it (instances share the data, not a disk), so
 *   secrets cannot be saved until it is set; everything else runs.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SealedSecret {
  v: 1;
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export class SecretKeyError extends Error {
  override readonly name = 'SecretKeyError';
}

export class SecretBox {
  readonly kid: string;
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new SecretKeyError(`the secret key must be 32 bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
    this.kid = createHash('sha256').update(key).digest('hex').slice(0, 12);
  }

  seal(plaintext: string, slot: string): SealedSecret {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(slot));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      v: 1,
      kid: this.kid,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
  }

  open(sealed: SealedSecret, slot: string): string {
    if (sealed.kid !== this.kid) {
      throw new SecretKeyError(
        `${slot} was sealed with another key (${sealed.kid}, this instance has ${this.kid}): set the BATON_SECRET_KEY it was saved with, or set the secret again`,
      );
    }
    const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(slot));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    try {
      return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new SecretKeyError(
        `${slot} does not decrypt: the stored value was altered or belongs to another slot`,
      );
    }
  }
}

/** Parses BATON_SECRET_KEY: 32 bytes as base64 (44 chars), base64url, or hex (64 chars). */
export function parseSecretKey(value: string): Buffer {
  const text = value.trim();
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  const key = Buffer.from(text, /[-_]/.test(text) ? 'base64url' : 'base64');
  if (key.length !== 32) {
    throw new SecretKeyError(
      'BATON_SECRET_KEY must be 32 bytes as base64 or 64 hex characters (e.g. `openssl rand -base64 32`)',
    );
  }
  return key;
}

export interface ResolvedSecretKey {
  box: SecretBox | null;
  source: 'environment' | 'generated' | 'file' | 'none';
  /** Where a generated key lives. */
  file?: string;
}

export const SECRET_KEY_FILE = 'secret.key';

export async function resolveSecretKey(options: {
  envValue: string | undefined;
  storeKind: 'embedded' | 'mongodb';
  dataDir: string;
}): Promise<ResolvedSecretKey> {
  if (options.envValue)
    return { box: new SecretBox(parseSecretKey(options.envValue)), source: 'environment' };
  if (options.storeKind !== 'embedded') return { box: null, source: 'none' };
  const file = join(options.dataDir, SECRET_KEY_FILE);
  try {
    return { box: new SecretBox(parseSecretKey(await readFile(file, 'utf8'))), source: 'file', file };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(options.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    // `wx`: never overwrite a key another process wrote in the meantime.
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      return { box: new SecretBox(parseSecretKey(await readFile(file, 'utf8'))), source: 'file', file };
    }
    throw err;
  }
  return { box: new SecretBox(key), source: 'generated', file };
}
