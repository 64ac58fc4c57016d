import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addDays, casablancaDate, defaultAssessmentInstrument, type TimelineEvent } from '@madar/domain';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openCaseThroughTriage } from '../../../test/fixtures';
import {
  auditRows,
  Client,
  createInstitution,
  createTestApp,
  createUser,
  fieldCodes,
  problemOf,
  signedIn,
  type TestApp,
} from '../../../test/harness';
import type { DocumentStore } from '../../platform/storage';
import { detectContentType } from './service';

const TANGER = 'tanger-assilah';
const ITEM_CODES = defaultAssessmentInstrument().domains.flatMap((d) => d.items.map((i) => i.code));

let t: TestApp;
let workerId: string;
/** The social worker assigned to the case. */
let worker: Client;
/** A social worker of the same CAPE, not assigned to the case. */
let otherWorker: Client;
let coordinator: Client;
let infoOfficer: Client;
let rabatWorker: Client;
let partner: Client;
let analyst: Client;
let caseId: string;
let childCode: string;

// A small valid file of each accepted kind (magic bytes followed by filler).
const FILES = {
  pdf: Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'), randomBytes(200)]),
  jpeg: Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0'),
    randomBytes(100),
  ]),
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(100)]),
  webp: Buffer.concat([
    Buffer.from('RIFF'),
    Buffer.from([0x40, 0, 0, 0]),
    Buffer.from('WEBPVP8 '),
    randomBytes(100),
  ]),
};

/** A multipart/form-data body, as a browser's FormData would send it. */
function multipart(
  fields: Record<string, string>,
  files: { field?: string; filename?: string; contentType?: string; bytes: Buffer }[] = [],
) {
  const boundary = `----madar${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\ncontent-disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename ?? 'scan.pdf'}"\r\n` +
          `content-type: ${f.contentType ?? 'application/pdf'}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(
  client: Client,
  file: 'judicial' | 'medical' | 'social' | string,
  body: { payload: Buffer; contentType: string },
  id = caseId,
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/files/${file}/documents`,
    headers: { cookie: client.cookie!, 'accept-language': 'en', 'content-type': body.contentType },
    payload: body.payload,
  });
}

function uploadDocument(
  client: Client,
  file: string,
  bytes: Buffer = FILES.pdf,
  fields: Record<string, string> = { documentType: 'judgment', title: 'Jugement du tribunal de Tanger' },
) {
  return upload(client, file, multipart(fields, [{ bytes }]));
}

const note = (
  client: Client,
  file: string,
  body: unknown = { title: 'Entretien', body: 'Karim a parlé de son oncle.' },
  id = caseId,
) => client.post(`/api/v1/cases/${id}/files/${file}/notes`, body);

async function recordCount() {
  const row = await t.ctx.db
    .selectFrom('case_record')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function accessLog(userLogin: string) {
  return t.ctx.db
    .selectFrom('access_log as a')
    .innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['a.what', 'a.target_id', 'a.case_id'])
    .where('u.login', '=', userLogin)
    .orderBy('a.id')
    .execute();
}

/** The files written under the test app's document directory (the harness gives each file its own). */
async function storedFiles(): Promise<string[]> {
  const database = new URL(t.databaseUrl).pathname.slice(1);
  const dir = path.join(tmpdir(), database, 'documents');
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

const logins: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const police = await createInstitution(t.ctx, TANGER, 'national_security');
  const [w, ow, c, io, rw, p, a] = await Promise.all([
    createUser(t.ctx, { roles: ['social_worker'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['social_worker'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['cape_coordinator'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['information_officer'], territoryCode: TANGER }),
    createUser(t.ctx, { roles: ['social_worker'], territoryCode: 'rabat' }),
    createUser(t.ctx, { roles: ['partner_focal_point'], territoryCode: TANGER, institutionId: police.id }),
    createUser(t.ctx, { roles: ['ministry_analyst'], territoryCode: null }),
  ]);
  Object.assign(logins, {
    worker: w.login,
    otherWorker: ow.login,
    coordinator: c.login,
    infoOfficer: io.login,
    partner: p.login,
  });
  workerId = w.id;
  const clients = await Promise.all([w, ow, c, io, rw, p, a].map((u) => signedIn(t.app, u.login)));
  [worker, otherWorker, coordinator, infoOfficer, rabatWorker, partner, analyst] = clients as [
    Client,
    Client,
    Client,
    Client,
    Client,
    Client,
    Client,
  ];
  const opened = await openCaseThroughTriage(worker, { workerId });
  caseId = opened.caseId;
  const child = await t.ctx.db
    .selectFrom('child')
    .select('code')
    .where('id', '=', opened.childId)
    .executeTakeFirstOrThrow();
  childCode = child.code;
});

describe('detectContentType (magic bytes, not the declared type)', () => {
  it('recognises PDF, JPEG, PNG and WebP', () => {
    expect(detectContentType(FILES.pdf)).toBe('application/pdf');
    expect(detectContentType(FILES.jpeg)).toBe('image/jpeg');
    expect(detectContentType(FILES.png)).toBe('image/png');
    expect(detectContentType(FILES.webp)).toBe('image/webp');
  });

  it('refuses everything else, including near misses', () => {
    for (const bytes of [
      Buffer.from('MZ\x90\x00executable'),
      Buffer.from('<html><script>alert(1)</script>'),
      Buffer.from('PK\x03\x04 a zip or docx'),
      Buffer.from('GIF89a'),
      Buffer.from('%PD'),
      Buffer.from('RIFF\0\0\0\0WAVEfmt '),
      Buffer.from([0xff, 0xd8]),
      Buffer.from('Jugement: %PDF- plus loin'),
      Buffer.alloc(0),
    ]) {
      expect(detectContentType(bytes), bytes.toString('latin1')).toBeNull();
    }
  });
});

describe('notes', () => {
  it('adds a note to a file, stored encrypted, returned in clear', async () => {
    const response = await note(worker, 'social', {
      title: 'Visite du 3 mars',
      body: 'Karim vit chez sa tante Amina.',
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      caseId,
      file: 'social',
      kind: 'note',
      documentType: null,
      title: 'Visite du 3 mars',
      body: 'Karim vit chez sa tante Amina.',
      contentType: null,
      createdBy: workerId,
    });
    const row = await t.ctx.db
      .selectFrom('case_record')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row.title_enc).toMatch(/^v1\./);
    expect(row.body_enc).toMatch(/^v1\./);
    expect(JSON.stringify(row)).not.toMatch(/Karim|Amina|Visite/);
    // Bound to its row: the body's ciphertext does not decrypt as another record's.
    expect(() => t.ctx.keyRing.decrypt(row.body_enc!, `case_record.body:${caseId}`)).toThrow();
  });

  it('validates the note, field by field', async () => {
    const before = await recordCount();
    const empty = await note(worker, 'social', { title: '   ', body: '' });
    expect(empty.statusCode).toBe(400);
    expect(fieldCodes(empty).sort()).toEqual(['body:too_small', 'title:too_small']);
    const extra = await note(worker, 'social', { title: 'x', body: 'y', file: 'medical' });
    expect(fieldCodes(extra)).toEqual(['file:unrecognized_keys']);
    const unknownFile = await note(worker, 'police', { title: 'x', body: 'y' });
    expect(unknownFile.statusCode).toBe(400);
    expect(fieldCodes(unknownFile)).toEqual(['params.file:invalid_value']);
    const tooLong = await note(worker, 'social', { title: 'x'.repeat(201), body: 'y' });
    expect(fieldCodes(tooLong)).toEqual(['title:too_big']);
    expect(await recordCount()).toBe(before);
  });

  it('writes follow the rule of each file', async () => {
    // Social and judicial files: the CAPE's caseworkers.
    expect((await note(otherWorker, 'social')).statusCode).toBe(201);
    expect((await note(otherWorker, 'judicial')).statusCode).toBe(201);
    expect((await note(coordinator, 'judicial')).statusCode).toBe(201);
    // Medical and psychological file: the assigned worker and the coordinator only.
    expect((await note(worker, 'medical')).statusCode).toBe(201);
    expect((await note(coordinator, 'medical')).statusCode).toBe(201);
  });

  it('refuses writers outside the rule, audited, nothing written', async () => {
    const before = await recordCount();
    const refused: [Client, string][] = [
      [otherWorker, 'medical'],
      [infoOfficer, 'social'],
      [infoOfficer, 'judicial'],
      [infoOfficer, 'medical'],
      [partner, 'social'],
      [partner, 'judicial'],
      [partner, 'medical'],
      [rabatWorker, 'social'],
      [analyst, 'social'],
    ];
    for (const [client, file] of refused) {
      const response = await note(client, file);
      expect(response.statusCode, `${file}: ${response.body}`).toBe(403);
      expect(problemOf(response).code).toBe('forbidden');
    }
    expect(await recordCount()).toBe(before);
    const audit = await auditRows(t.ctx, 'permission_refused');
    expect(audit.map((r) => r.details.action)).toEqual(
      expect.arrayContaining(['writeMedicalFile', 'writeSocialFile']),
    );
  });

  it('404 for a case that does not exist', async () => {
    const response = await note(worker, 'social', undefined, '00000000-0000-4000-8000-000000000000');
    expect(response.statusCode).toBe(404);
  });
});

describe('reading a file', () => {
  it('lists notes and documents, decrypted, newest first, and logs the view', async () => {
    const response = await worker.get(`/api/v1/cases/${caseId}/files/social`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.file).toBe('social');
    expect(body.items.length).toBeGreaterThanOrEqual(2);
    expect(body.items.every((i: { file: string }) => i.file === 'social')).toBe(true);
    expect(body.items.map((i: { title: string }) => i.title)).toContain('Visite du 3 mars');
    const times = body.items.map((i: { createdAt: string }) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(await accessLog(logins.worker!)).toContainEqual({
      what: 'file:social',
      target_id: null,
      case_id: caseId,
    });
  });

  it('the medical file: the assigned worker and the coordinator, not another social worker', async () => {
    expect((await worker.get(`/api/v1/cases/${caseId}/files/medical`)).statusCode).toBe(200);
    expect((await coordinator.get(`/api/v1/cases/${caseId}/files/medical`)).statusCode).toBe(200);
    const refused = await otherWorker.get(`/api/v1/cases/${caseId}/files/medical`);
    expect(refused.statusCode).toBe(403);
    expect(await accessLog(logins.otherWorker!)).not.toContainEqual(
      expect.objectContaining({ what: 'file:medical' }),
    );
  });

  it('the information officer reads the social file, not the judicial nor the medical one', async () => {
    expect((await infoOfficer.get(`/api/v1/cases/${caseId}/files/social`)).statusCode).toBe(200);
    expect((await infoOfficer.get(`/api/v1/cases/${caseId}/files/judicial`)).statusCode).toBe(403);
    expect((await infoOfficer.get(`/api/v1/cases/${caseId}/files/medical`)).statusCode).toBe(403);
  });

  it('a partner focal point, another province and the Ministry are refused every file', async () => {
    for (const client of [partner, rabatWorker, analyst]) {
      for (const file of ['judicial', 'medical', 'social']) {
        expect((await client.get(`/api/v1/cases/${caseId}/files/${file}`)).statusCode).toBe(403);
      }
    }
    expect(await accessLog(logins.partner!)).toEqual([]);
  });
});

describe('documents', () => {
  let documentId: string;

  afterEach(async () => {
    await sql`DROP TRIGGER IF EXISTS fail_case_record ON case_record`.execute(t.ctx.db);
  });

  it('uploads a PDF: type from its bytes, size and sha256 recorded, bytes encrypted at rest', async () => {
    const before = await storedFiles();
    // The declared type says image/png; the bytes say PDF, and the bytes win.
    const response = await upload(
      worker,
      'judicial',
      multipart({ documentType: 'judgment', title: 'Jugement — tribunal de première instance' }, [
        { bytes: FILES.pdf, contentType: 'image/png', filename: 'Karim Benjelloun jugement.png' },
      ]),
    );
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json();
    documentId = created.id;
    expect(created).toMatchObject({
      file: 'judicial',
      kind: 'document',
      documentType: 'judgment',
      title: 'Jugement — tribunal de première instance',
      body: null,
      contentType: 'application/pdf',
      sizeBytes: FILES.pdf.length,
      sha256: createHash('sha256').update(FILES.pdf).digest('hex'),
    });
    const row = await t.ctx.db
      .selectFrom('case_record')
      .selectAll()
      .where('id', '=', documentId)
      .executeTakeFirstOrThrow();
    expect(row.title_enc).toMatch(/^v1\./);
    expect(row.storage_key).toBe(documentId);
    const added = (await storedFiles()).filter((f) => !before.includes(f));
    expect(added).toHaveLength(1);
    const onDisk = await readFile(added[0]!);
    expect(onDisk.includes(FILES.pdf.subarray(0, 8))).toBe(false);
    expect(onDisk.includes(FILES.pdf.subarray(60, 120))).toBe(false);
  });

  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['webp', 'image/webp'],
  ] as const)('accepts a %s image', async (kind, contentType) => {
    const response = await uploadDocument(worker, 'social', FILES[kind], {
      documentType: 'photo',
      title: 'Photo du logement',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().contentType).toBe(contentType);
  });

  it('refuses content that is not a PDF or an image, whatever its declared type', async () => {
    const before = await recordCount();
    const files = await storedFiles();
    for (const [bytes, declared] of [
      [Buffer.from('MZ\x90\x00\x03 this program cannot be run in DOS mode'), 'application/pdf'],
      [Buffer.from('<html><script>alert(1)</script></html>'), 'image/png'],
      [Buffer.from('PK\x03\x04word/document.xml'), 'application/pdf'],
    ] as const) {
      const response = await upload(
        worker,
        'social',
        multipart({ documentType: 'other', title: 'x' }, [{ bytes, contentType: declared }]),
      );
      expect(response.statusCode, response.body).toBe(400);
      expect(fieldCodes(response)).toEqual(['file:unsupported_document_type']);
      expect(problemOf(response).fields![0]!.message).toBe(
        'File type not accepted: only PDF and JPEG, PNG or WebP images are.',
      );
    }
    expect(await recordCount()).toBe(before);
    expect(await storedFiles()).toEqual(files);
  });

  it('refuses a document over 10 MiB with 413, nothing stored', async () => {
    const before = await recordCount();
    const files = await storedFiles();
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]);
    const response = await uploadDocument(worker, 'social', big);
    expect(response.statusCode, response.body).toBe(413);
    expect(problemOf(response).code).toBe('body_too_large');
    expect(await recordCount()).toBe(before);
    expect(await storedFiles()).toEqual(files);
    // Exactly 10 MiB is allowed.
    const limit = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024 - 9)]);
    expect((await uploadDocument(worker, 'social', limit)).statusCode).toBe(201);
  });

  it('names every missing or wrong field', async () => {
    const before = await recordCount();
    const cases: [ReturnType<typeof multipart>, string[]][] = [
      [multipart({ documentType: 'judgment', title: 'x' }), ['file:required']],
      [multipart({ documentType: 'judgment', title: 'x' }, [{ bytes: Buffer.alloc(0) }]), ['file:too_small']],
      [multipart({ title: 'x' }, [{ bytes: FILES.pdf }]), ['documentType:required']],
      [
        multipart({ documentType: 'passport', title: ' ' }, [{ bytes: FILES.pdf }]),
        ['documentType:invalid_value', 'title:too_small'],
      ],
      [
        multipart({ documentType: 'judgment', title: 'x', owner: 'me' }, [{ bytes: FILES.pdf }]),
        ['owner:unrecognized_keys'],
      ],
      [
        multipart({ documentType: 'judgment', title: 'x' }, [{ bytes: FILES.pdf }, { bytes: FILES.png }]),
        ['file:one_file_only'],
      ],
      [
        multipart({ documentType: 'judgment', title: 'x' }, [{ bytes: FILES.pdf, field: 'attachment' }]),
        ['attachment:unrecognized_keys', 'file:required'],
      ],
    ];
    for (const [body, codes] of cases) {
      const response = await upload(worker, 'social', body);
      expect(response.statusCode, response.body).toBe(400);
      expect(fieldCodes(response).sort()).toEqual(codes);
    }
    expect(await recordCount()).toBe(before);
  });

  it('answers 415 to anything but multipart, and multipart stays refused on other routes', async () => {
    const json = await worker.post(`/api/v1/cases/${caseId}/files/social/documents`, {
      documentType: 'other',
      title: 'x',
    });
    expect(json.statusCode).toBe(415);
    expect(problemOf(json).code).toBe('unsupported_media_type');
    const body = multipart({ title: 'x', body: 'y' });
    const onNotes = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/files/social/notes`,
      headers: { cookie: worker.cookie!, 'content-type': body.contentType },
      payload: body.payload,
    });
    expect(onNotes.statusCode).toBe(415);
  });

  it('refuses uploads by those who may not write the file, before reading them', async () => {
    const before = await recordCount();
    const files = await storedFiles();
    for (const [client, file] of [
      [otherWorker, 'medical'],
      [infoOfficer, 'social'],
      [partner, 'judicial'],
      [rabatWorker, 'social'],
      [analyst, 'judicial'],
    ] as const) {
      const response = await uploadDocument(client, file);
      expect(response.statusCode, response.body).toBe(403);
    }
    // Refused even when the upload itself is invalid: permission comes first.
    expect((await upload(partner, 'social', multipart({}))).statusCode).toBe(403);
    expect(await recordCount()).toBe(before);
    expect(await storedFiles()).toEqual(files);
  });

  it('a failed storage write leaves no row', async () => {
    const store = t.ctx.documents;
    const before = await recordCount();
    t.ctx.documents = {
      put: async () => {
        throw new Error('disk full');
      },
      get: store.get.bind(store),
      delete: store.delete.bind(store),
    };
    try {
      const response = await uploadDocument(worker, 'social');
      expect(response.statusCode).toBe(500);
      expect(problemOf(response).code).toBe('internal_error');
    } finally {
      t.ctx.documents = store;
    }
    expect(await recordCount()).toBe(before);
  });

  it('a failed row insert removes the stored document', async () => {
    const store = t.ctx.documents;
    const calls: string[] = [];
    const spy: DocumentStore = {
      put: async (key, bytes) => {
        calls.push(`put:${key}`);
        await store.put(key, bytes);
      },
      get: (key) => store.get(key),
      delete: async (key) => {
        calls.push(`delete:${key}`);
        await store.delete(key);
      },
    };
    await sql`CREATE OR REPLACE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'simulated failure'; END $$`.execute(t.ctx.db);
    await sql`CREATE TRIGGER fail_case_record BEFORE INSERT ON case_record FOR EACH ROW EXECUTE FUNCTION fail_insert()`.execute(
      t.ctx.db,
    );
    const before = await recordCount();
    const files = await storedFiles();
    t.ctx.documents = spy;
    try {
      const response = await uploadDocument(worker, 'social');
      expect(response.statusCode).toBe(500);
    } finally {
      t.ctx.documents = store;
    }
    expect(calls).toHaveLength(2);
    const key = calls[0]!.slice('put:'.length);
    expect(calls[1]).toBe(`delete:${key}`);
    expect(await recordCount()).toBe(before);
    expect(await storedFiles()).toEqual(files);
  });

  it('downloads with the detected type, a generic filename, and logs every download', async () => {
    const response = await worker.get(`/api/v1/documents/${documentId}/content`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.rawPayload.equals(FILES.pdf)).toBe(true);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="document-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf"$/,
    );
    expect(response.headers['content-disposition']).not.toMatch(/Karim|Benjelloun|jugement/i);
    expect(response.headers['cache-control']).toBe('no-store, private');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    await worker.get(`/api/v1/documents/${documentId}/content`);
    const downloads = (await accessLog(logins.worker!)).filter((l) => l.what === 'document');
    expect(downloads).toEqual([
      { what: 'document', target_id: documentId, case_id: caseId },
      { what: 'document', target_id: documentId, case_id: caseId },
    ]);
  });

  it('downloads follow the rule of the document’s file', async () => {
    const medical = await uploadDocument(worker, 'medical', FILES.png, {
      documentType: 'medical_report',
      title: 'Certificat médical',
    });
    expect(medical.statusCode).toBe(201);
    const social = await uploadDocument(worker, 'social', FILES.jpeg, {
      documentType: 'social_inquiry',
      title: 'Enquête sociale',
    });
    const medicalUrl = `/api/v1/documents/${medical.json().id}/content`;
    const socialUrl = `/api/v1/documents/${social.json().id}/content`;
    const judicialUrl = `/api/v1/documents/${documentId}/content`;
    expect((await coordinator.get(medicalUrl)).statusCode).toBe(200);
    expect((await otherWorker.get(medicalUrl)).statusCode).toBe(403);
    expect((await otherWorker.get(judicialUrl)).statusCode).toBe(200);
    expect((await infoOfficer.get(socialUrl)).statusCode).toBe(200);
    expect((await infoOfficer.get(judicialUrl)).statusCode).toBe(403);
    expect((await infoOfficer.get(medicalUrl)).statusCode).toBe(403);
    for (const client of [partner, rabatWorker, analyst]) {
      for (const url of [medicalUrl, socialUrl, judicialUrl])
        expect((await client.get(url)).statusCode).toBe(403);
    }
    expect((await accessLog(logins.otherWorker!)).filter((l) => l.what === 'document')).toHaveLength(1);
  });

  it('404 for an unknown document, and for a note (which has no content)', async () => {
    expect(
      (await worker.get('/api/v1/documents/00000000-0000-4000-8000-000000000000/content')).statusCode,
    ).toBe(404);
    const aNote = (await note(worker, 'social')).json();
    expect((await worker.get(`/api/v1/documents/${aNote.id}/content`)).statusCode).toBe(404);
    expect((await worker.get('/api/v1/documents/not-a-uuid/content')).statusCode).toBe(400);
  });
});

/** Walks the case through the circuit with the real endpoints of each card. */
async function buildPath(): Promise<void> {
  const expectOk = (response: LightMyRequestResponse, step: string) => {
    if (response.statusCode >= 300) throw new Error(`${step}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const kase = expectOk(await worker.get(`/api/v1/cases/${caseId}`), 'case');
  expectOk(
    await worker.post(`/api/v1/cases/${caseId}/transitions`, {
      to: 'initial_diagnosis',
      reason: 'Diagnostic urgent demandé par le parquet',
      closureReason: null,
      confirmOpenServices: false,
      version: kase.version,
    }),
    'transition',
  );
  const answers = (values: Record<string, number>) => ({
    items: Object.fromEntries(ITEM_CODES.map((code) => [code, values[code] ?? 0])),
    redFlags: [],
  });
  const first = answers({ [ITEM_CODES[0]!]: 3, [ITEM_CODES[3]!]: 2 });
  const suggested = (await import('@madar/domain')).scoreAssessment(defaultAssessmentInstrument(), first);
  expectOk(
    await worker.post(`/api/v1/cases/${caseId}/assessments`, {
      answers: first,
      confirmedOrientation: suggested.ok ? suggested.score.orientation!.code : 'none',
      overrideJustification: null,
    }),
    'assessment',
  );
  expectOk(
    await worker.post(`/api/v1/cases/${caseId}/plan`, {
      serviceCode: 'forensic_examination',
      sectorCode: 'health',
      institutionId: null,
      need: null,
      dueOn: addDays(casablancaDate(), 7),
    }),
    'plan item',
  );
  expectOk(
    await worker.post(`/api/v1/cases/${caseId}/follow-ups`, {
      contactType: 'home_visit',
      contactAt: new Date(Date.now() - 3600_000).toISOString(),
      observations: 'La tante accueille Karim.',
      // Typst markup in what the child said must print as typed, never run.
      childViews: 'Je veux retourner à l’école. #set page(fill: red) *gras* $x$ ] #eval("1+1") \\ @ref <lbl>',
      nextSteps: 'Voir le directeur de l’école.',
      nextFollowUpOn: addDays(casablancaDate(), 14),
    }),
    'follow-up',
  );
  expectOk(
    await worker.post(`/api/v1/cases/${caseId}/evaluations`, {
      answers: answers({ [ITEM_CODES[0]!]: 1 }),
      servicesEffect: "L'examen médico-légal a été fait ; Karim dort mieux.",
      recommendation: 'adjust_plan',
    }),
    'evaluation',
  );
}

describe('timeline', () => {
  let events: TimelineEvent[];

  beforeAll(async () => {
    await buildPath();
    const response = await worker.get(`/api/v1/cases/${caseId}/timeline`);
    expect(response.statusCode, response.body).toBe(200);
    events = response.json().items;
  });

  it('puts the whole path on one list, oldest first', () => {
    const kinds = new Set(events.map((e) => e.kind));
    for (const kind of [
      'report',
      'transition',
      'assessment',
      'plan_item',
      'follow_up',
      'evaluation',
      'note',
      'document',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    const times = events.map((e) => e.at);
    expect([...times].sort()).toEqual(times);
    expect(events[0]).toMatchObject({
      kind: 'report',
      sourceCode: 'school',
      urgency: 'urgent',
      harmForms: ['physical_violence'],
    });
  });

  it('carries codes and the decrypted texts of the path', () => {
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'transition',
        toStage: 'initial_diagnosis',
        reason: 'Diagnostic urgent demandé par le parquet',
      }),
    );
    expect(events.filter((e) => e.kind === 'assessment')).toHaveLength(2);
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'plan_item', serviceCode: 'forensic_examination', status: 'planned' }),
    );
    expect(events).toContainEqual(expect.objectContaining({ kind: 'follow_up', contactType: 'home_visit' }));
    const evaluation = events.find((e) => e.kind === 'evaluation');
    expect(evaluation).toMatchObject({ recommendation: 'adjust_plan' });
    expect(evaluation).toHaveProperty('dangerLevelThen', expect.any(String));
    expect(evaluation).toHaveProperty('dangerLevelNow', expect.any(String));
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'document',
        file: 'judicial',
        documentType: 'judgment',
        contentType: 'application/pdf',
      }),
    );
  });

  it('shows notes and documents only of the files the user may read', async () => {
    const filesOf = (items: TimelineEvent[]) =>
      [...new Set(items.flatMap((e) => (e.kind === 'note' || e.kind === 'document' ? [e.file] : [])))].sort();
    expect(filesOf(events)).toEqual(['judicial', 'medical', 'social']);

    const officer = (await infoOfficer.get(`/api/v1/cases/${caseId}/timeline`)).json();
    expect(officer.filesShown).toEqual(['social']);
    expect(filesOf(officer.items)).toEqual(['social']);
    expect(officer.items.map((e: TimelineEvent) => e.kind)).toContain('transition');

    const other = (await otherWorker.get(`/api/v1/cases/${caseId}/timeline`)).json();
    expect(other.filesShown).toEqual(['judicial', 'social']);
    expect(filesOf(other.items)).toEqual(['judicial', 'social']);
    expect(await accessLog(logins.infoOfficer!)).toContainEqual({
      what: 'timeline',
      target_id: null,
      case_id: caseId,
    });
  });

  it('is refused to a partner focal point, another province and the Ministry', async () => {
    for (const client of [partner, rabatWorker, analyst]) {
      expect((await client.get(`/api/v1/cases/${caseId}/timeline`)).statusCode).toBe(403);
    }
    expect((await worker.get('/api/v1/cases/00000000-0000-4000-8000-000000000000/timeline')).statusCode).toBe(
      404,
    );
  });
});

const hasPdftotext = !spawnSync('pdftotext', ['-v']).error;

/** The text of a PDF, by poppler's pdftotext. */
function pdfText(pdf: Buffer): string {
  const result = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout.toString('utf8');
}

describe('evaluation report (PDF)', () => {
  const report = (client: Client, query = '') => client.get(`/api/v1/cases/${caseId}/report.pdf${query}`);

  it('is a PDF named by the child’s code, never a name; produced reports are logged', async () => {
    const response = await report(worker, '?lang=ar');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="madar-${childCode}-${casablancaDate()}.pdf"`,
    );
    const log = await accessLog(logins.worker!);
    expect(log).toContainEqual({ what: 'report_pdf', target_id: 'ar', case_id: caseId });
    // The worker may see the identity, so it is in the report, and that view is logged as such.
    expect(log).toContainEqual({ what: 'identity', target_id: 'report_pdf', case_id: caseId });
  });

  it.skipIf(!hasPdftotext)('in Arabic: the code, and the identity for those allowed', async () => {
    const text = pdfText((await report(worker, '?lang=ar')).rawPayload);
    expect(text).toContain(childCode);
    expect(text).toContain('Karim Benjelloun');
    // Labels come out of pdftotext letter by letter; the ministry's name is long enough to show it is Arabic.
    expect(text).toMatch(/[\u0600-\u06ff]/);
  });

  it.skipIf(!hasPdftotext)(
    'in French, with the user’s language by default; user text printed as typed',
    async () => {
      const fr = new Client(t.app, 'fr-FR,fr;q=0.9');
      fr.cookie = worker.cookie;
      const text = pdfText((await report(fr)).rawPayload);
      expect(text).toContain("Rapport d'évaluation de la situation de l'enfant");
      expect(text).toContain(childCode);
      expect(text).toContain("Ce que l'enfant a exprimé");
      // Typst markup in what the child said prints as typed.
      expect(text).toContain(
        'Je veux retourner à l’école. #set page(fill: red) *gras* $x$ ] #eval("1+1") \\ @ref <lbl>',
      );
      expect(text).toContain('Expertise médico-légale et certificat médical');
      expect(text).toContain("Ajuster le plan d'intervention");
      expect(text).toContain("L'examen médico-légal a été fait ; Karim dort mieux.");
      expect(text).toMatch(/Édité le \d{2}\/\d{2}\/\d{4}/);
      // Without a lang and with an English browser, Arabic.
      expect(pdfText((await report(worker)).rawPayload)).not.toContain("Rapport d'évaluation");
    },
  );

  it.skipIf(!hasPdftotext)('leaves the identity out for the information officer', async () => {
    const response = await report(infoOfficer, '?lang=fr');
    expect(response.statusCode).toBe(200);
    const text = pdfText(response.rawPayload);
    expect(text).toContain(childCode);
    expect(text).not.toMatch(/Karim Benjelloun|Benjelloun|بنجلون/);
    expect(text).toContain('Identité non affichée');
    const log = await accessLog(logins.infoOfficer!);
    expect(log).toContainEqual({ what: 'report_pdf', target_id: 'fr', case_id: caseId });
    expect(log).not.toContainEqual(expect.objectContaining({ what: 'identity' }));
  });

  it('carries the code in its metadata (checked without pdftotext)', async () => {
    const raw = (await report(infoOfficer, '?lang=fr')).rawPayload;
    const utf16 = Buffer.from(`\ufeff${childCode}`, 'utf16le').swap16().subarray(2);
    expect(raw.includes(Buffer.from(childCode)) || raw.includes(utf16)).toBe(true);
  });

  it('is refused to a partner focal point, another province and the Ministry; a bad language is a 400', async () => {
    for (const client of [partner, rabatWorker, analyst]) {
      expect((await report(client, '?lang=fr')).statusCode).toBe(403);
    }
    const bad = await report(worker, '?lang=en');
    expect(bad.statusCode).toBe(400);
    expect(fieldCodes(bad)).toEqual(['querystring.lang:invalid_value']);
  });
});
