import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StorageConfig } from './config';
import type { KeyRing } from './crypto';

/**
 * Where the documents of a child's files (judgments, medical reports, social inquiries...) are kept.
 * Whatever the backend, Madar encrypts each document with the key ring before it leaves the process
 * (additional data `document:<key>`, so an object copied under another key does not decrypt): a
 * stolen disk or bucket holds no readable document.
 */
export interface DocumentStore {
  put(key: string, bytes: Buffer): Promise<void>;
  /** The document's bytes; throws DocumentNotFoundError when there is none under that key. */
  get(key: string): Promise<Buffer>;
  /** Removes a document; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

export class DocumentNotFoundError extends Error {
  constructor(readonly key: string) {
    super('document not found in storage');
  }
}

/** Keys are chosen by Madar (random UUIDs); anything else could walk out of the storage directory. */
const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

function checkKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new Error('invalid document key');
}

const documentAad = (key: string) => `document:${key}`;

/** Encrypted files under a directory, two levels of fan-out so no directory grows too large. */
export class EncryptedDiskStore implements DocumentStore {
  constructor(
    private readonly dir: string,
    private readonly keyRing: KeyRing,
  ) {}

  private pathOf(key: string): string {
    checkKey(key);
    return path.join(this.dir, key.slice(0, 2).toLowerCase(), `${key}.bin`);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    // Written aside then renamed: a crash mid-write never leaves a truncated document under the key.
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, this.keyRing.encryptBytes(bytes, documentAad(key)), {
        mode: 0o600,
        flag: 'wx',
      });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer> {
    let stored: Buffer;
    try {
      stored = await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DocumentNotFoundError(key);
      throw error;
    }
    return this.keyRing.decryptBytes(stored, documentAad(key));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

export interface S3Location {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

type Fetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array },
) => Promise<{
  status: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph, Scaleway...), addressed path-style
 * (`<endpoint>/<bucket>/<key>`), which every compatible server accepts. Requests are signed with
 * AWS Signature Version 4; no SDK needed for three verbs.
 */
export class S3DocumentStore implements DocumentStore {
  constructor(
    private readonly location: S3Location,
    private readonly keyRing: KeyRing,
    private readonly fetchImpl: Fetch = fetch as unknown as Fetch,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private urlOf(key: string): string {
    checkKey(key);
    return `${this.location.endpoint}/${this.location.bucket}/documents/${key}`;
  }

  private async send(method: 'PUT' | 'GET' | 'DELETE', key: string, body?: Buffer) {
    const url = this.urlOf(key);
    const headers = signS3Request({
      method,
      url,
      headers: body ? { 'content-type': 'application/octet-stream' } : {},
      payload: body ?? Buffer.alloc(0),
      region: this.location.region,
      accessKeyId: this.location.accessKeyId,
      secretAccessKey: this.location.secretAccessKey,
      now: this.now(),
    });
    return this.fetchImpl(url, { method, headers, ...(body ? { body } : {}) });
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const response = await this.send('PUT', key, this.keyRing.encryptBytes(bytes, documentAad(key)));
    if (response.status < 200 || response.status >= 300)
      throw new Error(`S3 PUT failed with status ${response.status}`);
  }

  async get(key: string): Promise<Buffer> {
    const response = await this.send('GET', key);
    if (response.status === 404) throw new DocumentNotFoundError(key);
    if (response.status < 200 || response.status >= 300)
      throw new Error(`S3 GET failed with status ${response.status}`);
    return this.keyRing.decryptBytes(Buffer.from(await response.arrayBuffer()), documentAad(key));
  }

  async delete(key: string): Promise<void> {
    const response = await this.send('DELETE', key);
    if (response.status !== 404 && (response.status < 200 || response.status >= 300)) {
      throw new Error(`S3 DELETE failed with status ${response.status}`);
    }
  }
}

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding as SigV4 wants it (encodeURIComponent leaves !'()* alone). */
function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Headers of a request signed with AWS Signature Version 4 for S3 (`Authorization`,
 * `x-amz-date`, `x-amz-content-sha256`, plus the given ones). Every given header is signed.
 */
export function signS3Request(input: {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload: Buffer;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  now: Date;
}): Record<string, string> {
  const url = new URL(input.url);
  const amzDate = input.now.toISOString().replace(/[:-]|\.\d{3}/g, '');
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v])),
    host: url.host,
    'x-amz-content-sha256': sha256Hex(input.payload),
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers).sort();
  const canonicalUri = url.pathname
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
  const canonicalQuery = [...url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalRequest = [
    input.method,
    canonicalUri,
    canonicalQuery,
    ...names.map((n) => `${n}:${headers[n]!.trim().replace(/\s+/g, ' ')}`),
    '',
    names.join(';'),
    headers['x-amz-content-sha256'],
  ].join('\n');
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${input.secretAccessKey}`, day), input.region), 's3'),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  const { host: _host, ...sent } = headers;
  return {
    ...sent,
    authorization: `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

export function createDocumentStore(storage: StorageConfig, keyRing: KeyRing): DocumentStore {
  return storage.kind === 's3'
    ? new S3DocumentStore(storage, keyRing)
    : new EncryptedDiskStore(storage.dir, keyRing);
}
