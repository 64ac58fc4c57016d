import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { MasterKey } from './config';

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
  private readonly byId: Map<string, Buffer>;
  constructor(
    private readonly masterKeys: MasterKey[],
    private readonly indexKey: Buffer,
  ) {
    if (masterKeys.length === 0) throw new Error('KeyRing needs at least one master key');
    this.byId = new Map(masterKeys.map((k) => [k.id, k.key]));
  }

  get currentKeyId(): string {
    return this.masterKeys[0]!.id;
  }

  encrypt(plaintext: string, aad: string): string {
    const dataKey = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    const wrapped = this.wrap(dataKey, this.masterKeys[0]!);
    return ['v1', this.currentKeyId, b64(wrapped), b64(iv), b64(body), b64(tag)].join('.');
  }

  decrypt(stored: string, aad: string): string {
    const [version, keyId, wrapped, iv, body, tag] = stored.split('.');
    if (version !== 'v1' || !keyId || !wrapped || !iv || body === undefined || !tag) {
      throw new Error('Malformed encrypted value');
    }
    const dataKey = this.unwrap(unb64(wrapped), keyId);
    const decipher = createDecipheriv('aes-256-gcm', dataKey, unb64(iv));
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
    parts[2] = b64(this.wrap(dataKey, this.masterKeys[0]!));
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
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const header = Buffer.from(`v1.${this.currentKeyId}.${b64(this.wrap(dataKey, this.masterKeys[0]!))}.`);
    return Buffer.concat([header, iv, cipher.getAuthTag(), body]);
  }

  decryptBytes(stored: Buffer, aad: string): Buffer {
    const { keyId, wrapped, rest } = splitBinaryEnvelope(stored);
    if (rest.length < 28) throw new Error('Malformed encrypted value');
    const decipher = createDecipheriv('aes-256-gcm', this.unwrap(wrapped, keyId), rest.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(rest.subarray(12, 28));
    return Buffer.concat([decipher.update(rest.subarray(28)), decipher.final()]);
  }

  /** Re-wraps a binary envelope's data key with the current master key; the ciphertext is unchanged. */
  rewrapBytes(stored: Buffer): Buffer {
    const { keyId, wrapped, rest } = splitBinaryEnvelope(stored);
    if (keyId === this.currentKeyId) return stored;
    const dataKey = this.unwrap(wrapped, keyId);
    const header = Buffer.from(`v1.${this.currentKeyId}.${b64(this.wrap(dataKey, this.masterKeys[0]!))}.`);
    return Buffer.concat([header, rest]);
  }

  /**
   * A blind index: a keyed hash of a normalised value, so equality can be searched in the database
   * without the value being there. The purpose separates indexes so equal values in two columns do
   * not produce equal hashes.
   */
  blindIndex(purpose: string, normalisedValue: string): string {
    return createHmac('sha256', this.indexKey)
      .update(`${purpose.length}:${purpose}:${normalisedValue}`)
      .digest('base64url')
      .slice(0, 22);
  }

  private wrap(dataKey: Buffer, master: MasterKey): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', master.key, iv);
    cipher.setAAD(Buffer.from(`madar-dek:${master.id}`));
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
