import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { KeyRing } from './crypto';
import {
  createDocumentStore,
  DocumentNotFoundError,
  EncryptedDiskStore,
  S3DocumentStore,
  signS3Request,
} from './storage';

const keyRing = (id = 'k1', key = randomBytes(32)) => new KeyRing([{ id, key }], randomBytes(32));
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.from('Jugement du tribunal — محكمة', 'utf8'),
  randomBytes(64),
]);

describe('KeyRing bytes envelope', () => {
  it('round-trips any bytes, bound to its additional data', () => {
    const ring = keyRing();
    for (const plain of [Buffer.alloc(0), PDF, randomBytes(100_000)]) {
      const stored = ring.encryptBytes(plain, 'document:a');
      expect(ring.decryptBytes(stored, 'document:a').equals(plain)).toBe(true);
      expect(() => ring.decryptBytes(stored, 'document:b')).toThrow();
    }
  });

  it('keeps the text envelope header and adds only IV, tag and wrapping to the size', () => {
    const ring = keyRing('k2026');
    const stored = ring.encryptBytes(PDF, 'x');
    expect(stored.subarray(0, 9).toString()).toBe('v1.k2026.');
    expect(stored.includes(Buffer.from('Jugement'))).toBe(false);
    expect(stored.length - PDF.length).toBeLessThan(120);
  });

  it('refuses a tampered or malformed value', () => {
    const ring = keyRing();
    const stored = ring.encryptBytes(PDF, 'x');
    const flipped = Buffer.from(stored);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => ring.decryptBytes(flipped, 'x')).toThrow();
    expect(() => ring.decryptBytes(stored.subarray(0, 40), 'x')).toThrow();
    expect(() => ring.decryptBytes(Buffer.from('v2.k1.abc.def'), 'x')).toThrow(/Malformed/);
    expect(() => ring.decryptBytes(Buffer.from('no dots at all'), 'x')).toThrow(/Malformed/);
  });

  it('rewraps with a new master key without touching the ciphertext', () => {
    const oldKey = { id: 'old', key: randomBytes(32) };
    const newKey = { id: 'new', key: randomBytes(32) };
    const index = randomBytes(32);
    const stored = new KeyRing([oldKey], index).encryptBytes(PDF, 'x');
    const rotated = new KeyRing([newKey, oldKey], index);
    const rewrapped = rotated.rewrapBytes(stored);
    expect(rewrapped.subarray(0, 7).toString()).toBe('v1.new.');
    expect(rewrapped.subarray(-PDF.length - 28).equals(stored.subarray(-PDF.length - 28))).toBe(true);
    expect(new KeyRing([newKey], index).decryptBytes(rewrapped, 'x').equals(PDF)).toBe(true);
    expect(rotated.rewrapBytes(rewrapped)).toBe(rewrapped);
  });
});

describe('EncryptedDiskStore', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'madar-docs-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function filesUnder(root: string): Promise<string[]> {
    const entries = await readdir(root, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  }

  it('stores encrypted bytes, reads them back, deletes them', async () => {
    const store = new EncryptedDiskStore(dir, keyRing());
    const key = randomUUID();
    await store.put(key, PDF);
    const files = await filesUnder(dir);
    expect(files).toHaveLength(1);
    const onDisk = await readFile(files[0]!);
    expect(onDisk.includes(Buffer.from('%PDF'))).toBe(false);
    expect(onDisk.includes(Buffer.from('Jugement'))).toBe(false);
    expect((await store.get(key)).equals(PDF)).toBe(true);
    await store.delete(key);
    await store.delete(key);
    expect(await filesUnder(dir)).toEqual([]);
    await expect(store.get(key)).rejects.toBeInstanceOf(DocumentNotFoundError);
  });

  it('cannot be read with another key ring, nor under another key', async () => {
    const ring = keyRing();
    const store = new EncryptedDiskStore(dir, ring);
    const [a, b] = [randomUUID(), randomUUID()];
    await store.put(a, PDF);
    await expect(new EncryptedDiskStore(dir, keyRing()).get(a)).rejects.toThrow();
    // A file moved under another document's key does not decrypt (the key is the additional data).
    const moved = await readFile((await filesUnder(dir))[0]!);
    await store.put(b, Buffer.from('other'));
    const { writeFile } = await import('node:fs/promises');
    const bPath = (await filesUnder(dir)).find((f) => f.includes(b))!;
    await writeFile(bPath, moved);
    await expect(store.get(b)).rejects.toThrow();
    await store.delete(a);
    await store.delete(b);
  });

  it('refuses keys that could leave the directory', async () => {
    const store = new EncryptedDiskStore(dir, keyRing());
    for (const key of ['../escape', 'a/b', '', '.hidden', 'x'.repeat(200)]) {
      await expect(store.put(key, PDF)).rejects.toThrow(/invalid document key/);
      await expect(store.get(key)).rejects.toThrow(/invalid document key/);
    }
  });
});

describe('AWS Signature Version 4 (the examples of the S3 documentation)', () => {
  const credentials = {
    accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
    secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    region: 'us-east-1',
    now: new Date('2013-05-24T00:00:00Z'),
  };

  it('GET Object with a Range header', () => {
    const headers = signS3Request({
      ...credentials,
      method: 'GET',
      url: 'https://examplebucket.s3.amazonaws.com/test.txt',
      headers: { Range: 'bytes=0-9' },
      payload: Buffer.alloc(0),
    });
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
    expect(headers.host).toBeUndefined();
  });

  it('PUT Object with an encoded key and extra amz header', () => {
    const headers = signS3Request({
      ...credentials,
      method: 'PUT',
      url: 'https://examplebucket.s3.amazonaws.com/test$file.text',
      headers: { Date: 'Fri, 24 May 2013 00:00:00 GMT', 'x-amz-storage-class': 'REDUCED_REDUNDANCY' },
      payload: Buffer.from('Welcome to Amazon S3.'),
    });
    expect(headers['x-amz-content-sha256']).toBe(
      '44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072',
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, ' +
        'Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd',
    );
  });
});

describe('S3DocumentStore (against a fake S3, no network)', () => {
  const location = {
    endpoint: 'https://s3.example.ma:9000',
    bucket: 'madar-docs',
    region: 'ma-west-1',
    accessKeyId: 'AKIDTEST',
    secretAccessKey: 'secret',
  };

  function fakeS3() {
    const objects = new Map<string, Buffer>();
    const calls: { method: string; url: string; headers: Record<string, string>; body?: Uint8Array }[] = [];
    const fetchImpl = async (
      url: string,
      init: { method: string; headers: Record<string, string>; body?: Uint8Array },
    ) => {
      calls.push({ url, ...init });
      const reply = (status: number, body: Buffer = Buffer.alloc(0)) => ({
        status,
        arrayBuffer: async () =>
          body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer,
      });
      if (!init.headers.authorization?.startsWith('AWS4-HMAC-SHA256 Credential=AKIDTEST/')) return reply(403);
      if (init.method === 'PUT') {
        objects.set(url, Buffer.from(init.body!));
        return reply(200);
      }
      if (init.method === 'DELETE') {
        objects.delete(url);
        return reply(204);
      }
      const object = objects.get(url);
      return object ? reply(200, object) : reply(404);
    };
    return { objects, calls, fetchImpl };
  }

  it('uploads the encrypted bytes path-style, signed, and reads them back', async () => {
    const s3 = fakeS3();
    const store = new S3DocumentStore(
      location,
      keyRing(),
      s3.fetchImpl,
      () => new Date('2026-03-01T10:00:00Z'),
    );
    const key = randomUUID();
    await store.put(key, PDF);
    const put = s3.calls[0]!;
    expect(put.method).toBe('PUT');
    expect(put.url).toBe(`https://s3.example.ma:9000/madar-docs/documents/${key}`);
    expect(put.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDTEST\/20260301\/ma-west-1\/s3\/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
    expect(put.headers['x-amz-date']).toBe('20260301T100000Z');
    const uploaded = Buffer.from(put.body!);
    expect(uploaded.includes(Buffer.from('%PDF'))).toBe(false);
    expect(put.headers['x-amz-content-sha256']).toBe(
      (await import('node:crypto')).createHash('sha256').update(uploaded).digest('hex'),
    );
    expect((await store.get(key)).equals(PDF)).toBe(true);
    await store.delete(key);
    expect(s3.objects.size).toBe(0);
    await expect(store.get(key)).rejects.toBeInstanceOf(DocumentNotFoundError);
  });

  it('fails loudly when the server refuses', async () => {
    const s3 = fakeS3();
    const store = new S3DocumentStore({ ...location, accessKeyId: 'WRONG' }, keyRing(), s3.fetchImpl);
    await expect(store.put(randomUUID(), PDF)).rejects.toThrow(/status 403/);
    await expect(store.get(randomUUID())).rejects.toThrow(/status 403/);
    await expect(store.delete(randomUUID())).rejects.toThrow(/status 403/);
  });
});

describe('storage configuration', () => {
  const s3 = {
    MADAR_S3_ENDPOINT: 'https://minio.madar.local:9000/',
    MADAR_S3_BUCKET: 'madar-documents',
    MADAR_S3_ACCESS_KEY_ID: 'AKID',
    MADAR_S3_SECRET_ACCESS_KEY: 'secret',
  };

  it('keeps documents encrypted under the data directory by default', () => {
    const config = loadConfig({ MADAR_DATA_DIR: '/var/lib/madar' });
    expect(config.storage).toEqual({ kind: 'disk', dir: '/var/lib/madar/documents' });
    expect(createDocumentStore(config.storage, keyRing())).toBeInstanceOf(EncryptedDiskStore);
  });

  it('uses S3 when it is configured (region us-east-1 unless given)', () => {
    const config = loadConfig(s3);
    expect(config.storage).toEqual({
      kind: 's3',
      endpoint: 'https://minio.madar.local:9000',
      bucket: 'madar-documents',
      region: 'us-east-1',
      accessKeyId: 'AKID',
      secretAccessKey: 'secret',
    });
    expect(createDocumentStore(config.storage, keyRing())).toBeInstanceOf(S3DocumentStore);
    expect(loadConfig({ ...s3, MADAR_S3_REGION: 'eu-west-3' }).storage).toMatchObject({
      region: 'eu-west-3',
    });
  });

  it('refuses half an S3 configuration, naming what is missing', () => {
    const { MADAR_S3_SECRET_ACCESS_KEY: _secret, MADAR_S3_BUCKET: _bucket, ...partial } = s3;
    try {
      loadConfig(partial);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.split(':')[0]).sort()).toEqual([
        'MADAR_S3_BUCKET',
        'MADAR_S3_SECRET_ACCESS_KEY',
      ]);
    }
    expect(() => loadConfig({ ...s3, MADAR_S3_BUCKET: 'Not_A_Bucket' })).toThrow(/MADAR_S3_BUCKET/);
    expect(() => loadConfig({ ...s3, MADAR_S3_ENDPOINT: 'ftp://x' })).toThrow(/MADAR_S3_ENDPOINT/);
  });
});
