import {
  createCipheriv,
  createDecipheriv,
  createSecretKey,
  hash,
  type KeyObject,
  randomFillSync,
  timingSafeEqual,
} from 'node:crypto';
import type { MasterKey } from './config';

// Speed matters here: a child's registration computes dozens of blind indexes, a national-scale
// load millions of envelopes. OpenSSL 3 makes every cipher or HMAC built from a raw key buffer pay
// for a key import (~15 µs); keys are therefore KeyObjects (the master keys imported once), random
// bytes come from a pool refilled 16 KiB at a time, and the blind index's HMAC-SHA256 is computed
// from its precomputed pads (RFC 2104) with one-shot hashes. The stored values are unchanged.
const RANDOM_POOL_SIZE = 16 * 1024;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/** Fresh random bytes (a copy: nothing handed out is ever handed out again). */
function randomBytes(size: number): Buffer {
  if (randomOffset + size > randomPool.length) {
    randomPool = randomFillSync(Buffer.allocUnsafe(Math.max(RANDOM_POOL_SIZE, size)));
    randomOffset = 0;
  }
  const bytes = Buffer.from(randomPool.subarray(randomOffset, randomOffset + size));
  randomPool.fill(0, randomOffset, randomOffset + size);
  randomOffset += size;
  return bytes;
}

const HMAC_BLOCK = 64;

/** The inner and outer pads of HMAC-SHA256 for a key (RFC 2104). */
function hmacPads(key: Buffer): { inner: Buffer; outer: Buffer } {
  const block = Buffer.alloc(HMAC_BLOCK);
  (key.length > HMAC_BLOCK ? hash('sha256', key, 'buffer') : key).copy(block);
  const inner = Buffer.alloc(HMAC_BLOCK);
  const outer = Buffer.alloc(HMAC_BLOCK);
  for (let i = 0; i < HMAC_BLOCK; i++) {
    inner[i] = block[i]! ^ 0x36;
    outer[i] = block[i]! ^ 0x5c;
  }
  return { inner, outer };
}

/**
 * Envelope encryption with AES-256-GCM. Each value gets its own random data key; the data key is
 * wrapped by a master key (kept outside the database, in the environment) whose id is stored with
 * the value. Rotating master keys re-wraps data keys without touching the encrypted data.
 *
 * Stored form: `v1.<keyId>.<wrapped data key>.<iv>.<ciphertext>.<tag>` (base64url parts). The
 * additional authenticated data binds a value to its place (table, column, row), so a ciphertext
 * copied into another row does not decrypt.
 */
export class KeyRing {
  private readonly byId: Map<string, KeyObject>;
  private readonly current: { id: string; key: KeyObject };
  private readonly indexPads: { inner: Buffer; outer: Buffer };
  constructor(
    private readonly masterKeys: MasterKey[],
    indexKey: Buffer,
  ) {
    if (masterKeys.length === 0) throw new Error('KeyRing needs at least one master key');
    this.byId = new Map(masterKeys.map((k) => [k.id, createSecretKey(k.key)]));
    this.current = { id: masterKeys[0]!.id, key: this.byId.get(masterKeys[0]!.id)! };
    this.indexPads = hmacPads(indexKey);
  }

  get currentKeyId(): string {
    return this.masterKeys[0]!.id;
  }

  encrypt(plaintext: string, aad: string): string {
    const dataKey = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', createSecretKey(dataKey), iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    const wrapped = this.wrap(dataKey);
    return ['v1', this.currentKeyId, b64(wrapped), b64(iv), b64(body), b64(tag)].join('.');
  }

  decrypt(stored: string, aad: string): string {
    const [version, keyId, wrapped, iv, body, tag] = stored.split('.');
    if (version !== 'v1' || !keyId || !wrapped || !iv || body === undefined || !tag) {
      throw new Error('Malformed encrypted value');
    }
    const dataKey = this.unwrap(unb64(wrapped), keyId);
    const decipher = createDecipheriv('aes-256-gcm', createSecretKey(dataKey), unb64(iv));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(unb64(tag));
    return Buffer.concat([decipher.update(unb64(body)), decipher.final()]).toString('utf8');
  }

  /** Re-wraps a value's data key with the current master key; the ciphertext is unchanged. */
  rewrap(stored: string): string {
    const parts = stored.split('.');
    const [version, keyId, wrapped] = parts;
    if (version !== 'v1' || !keyId || !wrapped) throw new Error('Malformed encrypted value');
    if (keyId === this.currentKeyId) return stored;
    const dataKey = this.unwrap(unb64(wrapped), keyId);
    parts[1] = this.currentKeyId;
    parts[2] = b64(this.wrap(dataKey));
    return parts.join('.');
  }

  /**
   * The same envelope for bytes (documents): a text header `v1.<keyId>.<wrapped data key>.` then,
   * in binary, the IV (12 bytes), the tag (16 bytes) and the ciphertext — no base64, so a 10 MiB
   * document does not grow by a third on disk.
   */
  encryptBytes(plaintext: Buffer, aad: string): Buffer {
    const dataKey = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', createSecretKey(dataKey), iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const header = Buffer.from(`v1.${this.currentKeyId}.${b64(this.wrap(dataKey))}.`);
    return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
  }

  decryptBytes(stored: Buffer, aad: string): Buffer {
    const { keyId, wrapped, rest } = splitBinaryEnvelope(stored);
    if (rest.length < 28) throw new Error('Malformed encrypted value');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      createSecretKey(this.unwrap(wrapped, keyId)),
      rest.subarray(0, 12),
    );
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(rest.subarray(12, 28));
    return Buffer.concat([decipher.update(rest.subarray(28)), decipher.final()]);
  }

  /** Re-wraps a binary envelope's data key with the current master key; the ciphertext is unchanged. */
  rewrapBytes(stored: Buffer): Buffer {
    const { keyId, wrapped, rest } = splitBinaryEnvelope(stored);
    if (keyId === this.currentKeyId) return stored;
    const dataKey = this.unwrap(wrapped, keyId);
    const header = Buffer.from(`v1.${this.currentKeyId}.${b64(this.wrap(dataKey))}.`);
    return Buffer.concat([header, rest]);
  }

  /**
   * A blind index: a keyed hash of a normalised value, so equality can be searched in the database
   * without the value being there. The purpose separates indexes so equal values in two columns do
   * not produce equal hashes.
   */
  blindIndex(purpose: string, normalisedValue: string): string {
    // HMAC-SHA256(indexKey, message) = H(outer pad ‖ H(inner pad ‖ message)).
    const message = Buffer.from(`${purpose.length}:${purpose}:${normalisedValue}`);
    const inner = hash('sha256', Buffer.concat([this.indexPads.inner, message]), 'buffer');
    return hash('sha256', Buffer.concat([this.indexPads.outer, inner]), 'base64url').slice(0, 22);
  }

  private wrap(dataKey: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
    cipher.setAAD(Buffer.from(`madar-dek:${this.current.id}`));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  private unwrap(wrapped: Buffer, keyId: string): Buffer {
    const master = this.byId.get(keyId);
    if (!master) throw new Error(`Unknown master key id ${keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', master, wrapped.subarray(0, 12));
    decipher.setAAD(Buffer.from(`madar-dek:${keyId}`));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  }
}

export function constantTimeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

/** The header of a binary envelope ends at its third dot (key ids and base64url have none). */
function splitBinaryEnvelope(stored: Buffer): { keyId: string; wrapped: Buffer; rest: Buffer } {
  const first = stored.indexOf(0x2e);
  const second = first < 0 ? -1 : stored.indexOf(0x2e, first + 1);
  const third = second < 0 || second > 200 ? -1 : stored.indexOf(0x2e, second + 1);
  if (third < 0 || third > 300 || stored.subarray(0, first).toString('latin1') !== 'v1') {
    throw new Error('Malformed encrypted value');
  }
  const keyId = stored.subarray(first + 1, second).toString('latin1');
  const wrapped = stored.subarray(second + 1, third).toString('latin1');
  if (!keyId || !wrapped) throw new Error('Malformed encrypted value');
  return { keyId, wrapped: unb64(wrapped), rest: stored.subarray(third + 1) };
}
