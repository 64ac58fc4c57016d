import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { MasterKey } from './config';
import { constantTimeEqual, KeyRing } from './crypto';

const masterKey = (id: string): MasterKey => ({ id, key: randomBytes(32) });
const k1 = masterKey('k1');
const k2 = masterKey('k2');
const indexKey = randomBytes(32);
const ring = new KeyRing([k1], indexKey);

const ARABIC = 'محمد بن عبد الله العلوي — طفل في وضعية صعبة، حي السواني، طنجة';
const AAD = 'child.identity:0a9c4b52-4bd4-4f8c-9a7e-3f1f0f6d2c11';

/** Changes one character of one part of a stored value. */
function tamper(stored: string, part: number): string {
  const parts = stored.split('.');
  const value = parts[part]!;
  parts[part] = (value[0] === 'A' ? 'B' : 'A') + value.slice(1);
  return parts.join('.');
}

describe('KeyRing encryption', () => {
  it('round-trips Arabic text, with a fresh key and IV each time', () => {
    const stored = ring.encrypt(ARABIC, AAD);
    expect(stored.split('.')).toHaveLength(6);
    expect(stored.startsWith('v1.k1.')).toBe(true);
    expect(stored).not.toContain(ARABIC);
    expect(Buffer.from(stored.split('.')[4]!, 'base64url').toString('utf8')).not.toContain('محمد');
    expect(ring.decrypt(stored, AAD)).toBe(ARABIC);

    const again = ring.encrypt(ARABIC, AAD);
    expect(again).not.toBe(stored);
    expect(again.split('.')[2]).not.toBe(stored.split('.')[2]);
    expect(ring.decrypt(again, AAD)).toBe(ARABIC);

    expect(ring.decrypt(ring.encrypt('', AAD), AAD)).toBe('');
    const emoji = 'ⵎⴰⴷⴰⵔ 👧🏽 é';
    expect(ring.decrypt(ring.encrypt(emoji, AAD), AAD)).toBe(emoji);
  });

  it('refuses to decrypt with another AAD: a value copied to another row does not open', () => {
    const stored = ring.encrypt(ARABIC, AAD);
    expect(() => ring.decrypt(stored, 'child.identity:another-row')).toThrow();
    expect(() => ring.decrypt(stored, '')).toThrow();
  });

  it('detects any tampering: wrapped key, IV, ciphertext or tag', () => {
    const stored = ring.encrypt(ARABIC, AAD);
    for (const part of [2, 3, 4, 5]) {
      const tampered = tamper(stored, part);
      expect(tampered).not.toBe(stored);
      expect(() => ring.decrypt(tampered, AAD), `part ${part}`).toThrow();
    }
    // A ciphertext cut short, or a tag dropped.
    const parts = stored.split('.');
    expect(() =>
      ring.decrypt([...parts.slice(0, 4), parts[4]!.slice(0, -2), parts[5]].join('.'), AAD),
    ).toThrow();
    expect(() => ring.decrypt(parts.slice(0, 5).join('.'), AAD)).toThrow(/Malformed/);
  });

  it('refuses malformed values clearly', () => {
    for (const value of ['', 'plain text', 'v2.k1.a.b.c.d', 'v1..a.b.c.d']) {
      expect(() => ring.decrypt(value, AAD), value).toThrow(/Malformed encrypted value/);
    }
    expect(() => ring.rewrap('v1.k1')).toThrow(/Malformed encrypted value/);
  });

  it('fails clearly on a key id it does not hold', () => {
    const stored = ring.encrypt(ARABIC, AAD);
    const other = new KeyRing([k2], indexKey);
    expect(() => other.decrypt(stored, AAD)).toThrow('Unknown master key id k1');
  });

  it('fails on a key id it holds with other key material', () => {
    const stored = ring.encrypt(ARABIC, AAD);
    const impostor = new KeyRing([{ id: 'k1', key: randomBytes(32) }], indexKey);
    expect(() => impostor.decrypt(stored, AAD)).toThrow();
  });

  it('re-wraps to the new current key: same ciphertext, new key id, still readable without the old key', () => {
    const stored = ring.encrypt(ARABIC, AAD);
    const rotated = new KeyRing([k2, k1], indexKey);
    expect(rotated.currentKeyId).toBe('k2');
    // Before re-wrapping, the old key still opens old values.
    expect(rotated.decrypt(stored, AAD)).toBe(ARABIC);

    const rewrapped = rotated.rewrap(stored);
    const [v, keyId, wrapped, iv, body, tag] = rewrapped.split('.');
    const before = stored.split('.');
    expect(v).toBe('v1');
    expect(keyId).toBe('k2');
    expect(wrapped).not.toBe(before[2]);
    expect([iv, body, tag]).toEqual([before[3], before[4], before[5]]);
    expect(rotated.decrypt(rewrapped, AAD)).toBe(ARABIC);

    // The old key can now be retired.
    expect(new KeyRing([k2], indexKey).decrypt(rewrapped, AAD)).toBe(ARABIC);
    expect(() => new KeyRing([k1], indexKey).decrypt(rewrapped, AAD)).toThrow('Unknown master key id k2');
    // Re-wrapping a value already under the current key changes nothing.
    expect(rotated.rewrap(rewrapped)).toBe(rewrapped);
    // New values are written under the current key.
    expect(rotated.encrypt('x', AAD).split('.')[1]).toBe('k2');
  });

  it('needs at least one master key', () => {
    expect(() => new KeyRing([], indexKey)).toThrow(/at least one master key/);
  });
});

describe('blind indexes', () => {
  it('are deterministic, short, and differ by value, by purpose and by key', () => {
    const a = ring.blindIndex('child.name', 'mohamed alaoui');
    expect(a).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(ring.blindIndex('child.name', 'mohamed alaoui')).toBe(a);
    // Another ring with the same index key (master keys do not matter) agrees.
    expect(new KeyRing([k2], indexKey).blindIndex('child.name', 'mohamed alaoui')).toBe(a);

    expect(ring.blindIndex('child.name', 'mohamed alaoui ')).not.toBe(a);
    expect(ring.blindIndex('guardian.name', 'mohamed alaoui')).not.toBe(a);
    expect(new KeyRing([k1], randomBytes(32)).blindIndex('child.name', 'mohamed alaoui')).not.toBe(a);
    // A value cannot pass for another purpose (purposes are constants of the code, without NUL).
    expect(ring.blindIndex('child.name', 'x')).not.toBe(ring.blindIndex('child', 'name\u0000x'));
    expect(ring.blindIndex('child.name', 'محمد')).not.toBe(ring.blindIndex('child.name', 'محمود'));
  });

  it('are HMAC-SHA256 of the purpose and value, whatever the key length', () => {
    // The pads are precomputed for speed: the values stored must stay those of a plain HMAC.
    for (const key of [indexKey, randomBytes(16), randomBytes(64), randomBytes(100)]) {
      for (const value of ['mohamed alaoui', 'sk:mhmd', 'محمد', '']) {
        const expected = createHmac('sha256', key)
          .update(`10:child.name:${value}`)
          .digest('base64url')
          .slice(0, 22);
        expect(new KeyRing([k1], key).blindIndex('child.name', value)).toBe(expected);
      }
    }
  });
});

describe('constantTimeEqual', () => {
  it('compares strings of any length', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
  });
});
