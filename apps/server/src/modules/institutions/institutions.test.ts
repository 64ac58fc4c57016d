import { randomUUID } from 'node:crypto';
import type {
  Institution,
  InstitutionContact,
  InstitutionDetail,
  NationalCoverage,
  PublicInstitution,
  PublicReference,
  TerritoryCoverage,
} from '@madar/domain';
import { SERVICE_BASKET } from '@madar/domain';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  type Client,
  countRows,
  createInstitution,
  createTestApp,
  createUser,
  fieldCodes,
  problemOf,
  signedIn,
  type TestApp,
} from '../../../test/harness';

const TANGER = 'tanger-assilah';
const RABAT = 'rabat';

let t: TestApp;
let nationalAdmin: Client;
let provincialAdmin: Client;
let rabatProvincialAdmin: Client;
let worker: Client;
let partner: Client;
let partnerUserId: string;
let tangerHospital: string;
let tangerCommune: string;
let rabatCommune: string;

async function commune(territoryCode: string, nameFr: string, nameAr: string) {
  const row = await t.ctx.db
    .insertInto('commune')
    .values({ territory_code: territoryCode, name_fr: nameFr, name_ar: nameAr })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp();
  const user = async (
    roles: Parameters<typeof createUser>[1]['roles'],
    territoryCode: string | null = TANGER,
  ) => createUser(t.ctx, { roles, territoryCode });
  nationalAdmin = await signedIn(t.app, (await user(['national_admin'], null)).login);
  provincialAdmin = await signedIn(t.app, (await user(['provincial_admin'])).login);
  rabatProvincialAdmin = await signedIn(t.app, (await user(['provincial_admin'], RABAT)).login);
  worker = await signedIn(t.app, (await user(['social_worker'])).login);
  tangerHospital = (await createInstitution(t.ctx, TANGER, 'health')).id;
  const p = await createUser(t.ctx, { roles: ['partner_focal_point'], institutionId: tangerHospital });
  partnerUserId = p.id;
  partner = await signedIn(t.app, p.login);
  tangerCommune = await commune(TANGER, 'Tanger', 'طنجة');
  rabatCommune = await commune(RABAT, 'Rabat', 'الرباط');
});

function details(overrides: Record<string, unknown> = {}) {
  return {
    nameAr: 'المركز الاستشفائي الجهوي محمد الخامس',
    nameFr: 'Centre hospitalier régional Mohammed V',
    sectorCode: 'health',
    type: 'hospital',
    territoryCode: TANGER,
    services: ['medical_examination', 'emergency_medical_care', 'forensic_examination'],
    address: 'شارع محمد الخامس، طنجة',
    communeId: tangerCommune,
    coordinates: { lat: 35.7673, lng: -5.7998 },
    openingHours: '24/7 ; consultations 8h30–16h30',
    phone: '0539123456',
    fax: '+212539123457',
    email: 'Accueil@chr-tanger.ma',
    website: 'https://chr-tanger.ma',
    ...overrides,
  };
}

async function created(body: Record<string, unknown> = details(), by: Client = provincialAdmin) {
  const response = await by.post('/api/v1/institutions', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Institution;
}

describe('the actor map: an institution and its details', () => {
  it('keeps services, address, commune, coordinates, hours, phone, fax, e-mail and website', async () => {
    const institution = await created();
    expect(institution).toMatchObject({
      services: ['emergency_medical_care', 'forensic_examination', 'medical_examination'],
      address: 'شارع محمد الخامس، طنجة',
      commune: { id: tangerCommune, nameAr: 'طنجة', nameFr: 'Tanger' },
      coordinates: { lat: 35.7673, lng: -5.7998 },
      openingHours: '24/7 ; consultations 8h30–16h30',
      phone: '0539123456',
      fax: '+212539123457',
      email: 'accueil@chr-tanger.ma',
      website: 'https://chr-tanger.ma',
      version: 0,
    });
    const one = (
      await provincialAdmin.get(`/api/v1/institutions/${institution.id}`)
    ).json() as InstitutionDetail;
    expect(one).toMatchObject({ ...institution, contacts: [] });
  });

  it('creates an institution with only its names, sector, type and territory, as before', async () => {
    const institution = await created({
      nameAr: 'مركز صحي',
      nameFr: 'Centre de santé',
      sectorCode: 'health',
      type: 'health_centre',
      territoryCode: TANGER,
    });
    expect(institution).toMatchObject({ services: [], address: null, commune: null, coordinates: null });
  });

  it('answers every bad detail with a field error, and writes nothing', async () => {
    const before = await countRows(t.ctx, 'institution');
    const response = await provincialAdmin.post(
      '/api/v1/institutions',
      details({
        services: ['medical_examination', 'astrology'],
        coordinates: { lat: 48.85, lng: 2.35 },
        phone: '12345',
        fax: '0139123456',
        email: 'not-an-email',
        website: 'javascript:alert(1)',
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(fieldCodes(response).sort()).toEqual(
      [
        'services.1:unknown_code',
        'coordinates.lat:outside_morocco',
        'coordinates.lng:outside_morocco',
        'phone:phone_format',
        'fax:phone_format',
        'email:invalid_format',
        'website:invalid_format',
      ].sort(),
    );
    expect(problemOf(response).fields!.find((f) => f.path === 'coordinates.lat')!.message).toContain(
      'outside Morocco',
    );
    // Dakhla and Lagouira are in range: the southern provinces are Morocco.
    expect(
      (
        await nationalAdmin.post(
          '/api/v1/institutions',
          details({
            territoryCode: 'oued-ed-dahab',
            communeId: null,
            coordinates: { lat: 23.68, lng: -15.96 },
          }),
        )
      ).statusCode,
    ).toBe(201);
    expect(await countRows(t.ctx, 'institution')).toBe(before + 1);
  });

  it('refuses a commune of another territory or an unknown one', async () => {
    const other = await provincialAdmin.post('/api/v1/institutions', details({ communeId: rabatCommune }));
    expect(fieldCodes(other)).toEqual(['communeId:commune_outside_territory']);
    const unknown = await provincialAdmin.post('/api/v1/institutions', details({ communeId: randomUUID() }));
    expect(fieldCodes(unknown)).toEqual(['communeId:unknown_code']);
  });

  it('updates with a version check; a detail left out keeps its value, null clears it', async () => {
    const institution = await created();
    const base = {
      nameAr: institution.nameAr,
      nameFr: institution.nameFr,
      sectorCode: institution.sectorCode,
      type: institution.type,
      territoryCode: institution.territoryCode,
      active: true,
    };
    // The form of the first release sends no details: they survive its saves.
    const kept = await provincialAdmin.put(`/api/v1/institutions/${institution.id}`, { ...base, version: 0 });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ services: institution.services, phone: '0539123456', version: 1 });

    const changed = await provincialAdmin.put(`/api/v1/institutions/${institution.id}`, {
      ...base,
      services: ['psychiatric_care', 'psychiatric_care'],
      phone: null,
      coordinates: null,
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      services: ['psychiatric_care'],
      phone: null,
      coordinates: null,
      fax: '+212539123457',
      version: 2,
    });

    const stale = await provincialAdmin.put(`/api/v1/institutions/${institution.id}`, {
      ...base,
      phone: '0600000000',
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).current).toMatchObject({ version: 2, phone: null });

    // Moving to another territory while keeping a commune of the old one is refused.
    const moved = await nationalAdmin.put(`/api/v1/institutions/${institution.id}`, {
      ...base,
      territoryCode: RABAT,
      version: 2,
    });
    expect(fieldCodes(moved)).toEqual(['communeId:commune_outside_territory']);
  });

  it('filters the professional list by service', async () => {
    const a = await created(details({ nameFr: 'Tribunal de Tanger', services: ['legal_aid'] }));
    const response = await worker.get(`/api/v1/institutions?territoryCode=${TANGER}&serviceCode=legal_aid`);
    expect(response.statusCode).toBe(200);
    const ids = (response.json() as { items: Institution[] }).items.map((i) => i.id);
    expect(ids).toEqual([a.id]);
  });

  it('filters the professional list by type, and refuses an unknown type', async () => {
    const youth = await created(
      details({ nameFr: 'Maison des jeunes Béni Makada', type: 'youth_centre', sectorCode: 'youth_sports' }),
    );
    const ids = async (query: string) => {
      const response = await worker.get(`/api/v1/institutions?territoryCode=${TANGER}&${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: Institution[] }).items.map((i) => i.id);
    };
    expect(await ids('type=youth_centre')).toEqual([youth.id]);
    expect(await ids(`type=court&q=${encodeURIComponent('Béni Makada')}`)).toEqual([]);
    const bad = await worker.get(`/api/v1/institutions?territoryCode=${TANGER}&type=spaceport`);
    expect(fieldCodes(bad)).toEqual(['querystring.type:invalid_value']);
  });
});

describe('contact points', () => {
  let institution: Institution;
  const contact = (overrides: Record<string, unknown> = {}) => ({
    name: 'Dr Samira Bennani',
    title: 'Médecin-cheffe des urgences pédiatriques',
    phone: '0661234567',
    email: 'S.Bennani@chr-tanger.ma',
    userId: null,
    ...overrides,
  });

  beforeAll(async () => {
    institution = (await provincialAdmin.get(`/api/v1/institutions/${tangerHospital}`)).json() as Institution;
  });

  it('are added, listed with the institution, updated with a version check and removed', async () => {
    const added = await provincialAdmin.post(`/api/v1/institutions/${institution.id}/contacts`, contact());
    expect(added.statusCode, added.body).toBe(201);
    const first = added.json() as InstitutionContact;
    expect(first).toMatchObject({
      institutionId: institution.id,
      name: 'Dr Samira Bennani',
      email: 's.bennani@chr-tanger.ma',
      user: null,
      version: 0,
    });
    const linked = await provincialAdmin.post(
      `/api/v1/institutions/${institution.id}/contacts`,
      contact({ name: 'Point focal santé', userId: partnerUserId, phone: null, title: null }),
    );
    expect(linked.statusCode, linked.body).toBe(201);
    expect(linked.json()).toMatchObject({ user: { id: partnerUserId, active: true } });

    // Read by any signed-in user, with the institution or on their own.
    for (const reader of [worker, partner, rabatProvincialAdmin]) {
      const detail = (await reader.get(`/api/v1/institutions/${institution.id}`)).json() as InstitutionDetail;
      expect(detail.contacts.map((c) => c.name)).toEqual(['Dr Samira Bennani', 'Point focal santé']);
      expect((await reader.get(`/api/v1/institutions/${institution.id}/contacts`)).json()).toHaveLength(2);
    }

    const url = `/api/v1/institutions/${institution.id}/contacts/${first.id}`;
    const updated = await nationalAdmin.put(url, { ...contact({ title: 'Cheffe de service' }), version: 0 });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ title: 'Cheffe de service', version: 1 });
    const stale = await provincialAdmin.put(url, { ...contact(), version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).current).toMatchObject({ title: 'Cheffe de service', version: 1 });

    const removed = await provincialAdmin.request('DELETE', url);
    expect(removed.statusCode).toBe(200);
    expect((await provincialAdmin.request('DELETE', url)).statusCode).toBe(404);
    const left = (
      await worker.get(`/api/v1/institutions/${institution.id}/contacts`)
    ).json() as InstitutionContact[];
    expect(left.map((c) => c.name)).toEqual(['Point focal santé']);
    const audited = await auditRows(t.ctx, 'institution_updated');
    expect(audited.filter((r) => r.target_id === institution.id).map((r) => r.details.contact)).toEqual(
      expect.arrayContaining(['added', 'changed', 'removed']),
    );
  });

  it('link only an active account of the institution, once', async () => {
    const other = await createUser(t.ctx, { roles: ['social_worker'] });
    const notHere = await provincialAdmin.post(
      `/api/v1/institutions/${institution.id}/contacts`,
      contact({ userId: other.id }),
    );
    expect(fieldCodes(notHere)).toEqual(['userId:user_not_in_institution']);
    const inactive = await createUser(t.ctx, {
      roles: ['partner_focal_point'],
      institutionId: tangerHospital,
    });
    await t.ctx.db.updateTable('app_user').set({ active: false }).where('id', '=', inactive.id).execute();
    const refused = await provincialAdmin.post(
      `/api/v1/institutions/${institution.id}/contacts`,
      contact({ userId: inactive.id }),
    );
    expect(fieldCodes(refused)).toEqual(['userId:user_not_in_institution']);
    const twice = await provincialAdmin.post(
      `/api/v1/institutions/${institution.id}/contacts`,
      contact({ userId: partnerUserId }),
    );
    expect(fieldCodes(twice)).toEqual(['userId:duplicate']);
  });

  it('answer bad fields with field errors', async () => {
    const response = await provincialAdmin.post(
      `/api/v1/institutions/${institution.id}/contacts`,
      contact({ name: 'x', phone: '123', email: 'nope' }),
    );
    expect(fieldCodes(response).sort()).toEqual([
      'email:invalid_format',
      'name:too_small',
      'phone:phone_format',
    ]);
  });

  it('are kept only by the administrators of the territory', async () => {
    const list = async () =>
      (await worker.get(`/api/v1/institutions/${institution.id}/contacts`)).json() as InstitutionContact[];
    const before = await list();
    const target = before[0]!;
    const url = `/api/v1/institutions/${institution.id}/contacts`;
    for (const [label, client] of [
      ['social worker', worker],
      ['partner focal point of the institution', partner],
      ['provincial admin of another territory', rabatProvincialAdmin],
    ] as const) {
      expect((await client.post(url, contact())).statusCode, label).toBe(403);
      expect(
        (await client.put(`${url}/${target.id}`, { ...contact(), version: target.version })).statusCode,
        label,
      ).toBe(403);
      expect((await client.request('DELETE', `${url}/${target.id}`)).statusCode, label).toBe(403);
    }
    expect(await list()).toEqual(before);
    const refusals = await auditRows(t.ctx, 'permission_refused');
    expect(refusals.filter((r) => r.target_type === 'institution').length).toBeGreaterThanOrEqual(9);
  });

  it('of an unknown institution are not found', async () => {
    expect((await worker.get(`/api/v1/institutions/${randomUUID()}/contacts`)).statusCode).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------
// Import and export
// ---------------------------------------------------------------------------------------------

function upload(client: Client, bytes: Buffer, filename: string): Promise<LightMyRequestResponse> {
  const boundary = `----madar${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/institutions/import',
    headers: {
      'accept-language': 'en',
      cookie: client.cookie!,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
const HEADER =
  'id,name_ar,name_fr,sector,type,territory,commune,services,address,lat,lng,hours,phone,fax,email,website,active';

interface Report {
  code: string;
  fields: { path: string; code: string }[];
  report: { rows: number; errors: { row: number; column: string | null; code: string; message: string }[] };
}

describe('import and export', () => {
  const OUJDA = 'oujda-angad';
  let oujdaCommune: string;

  beforeAll(async () => {
    oujdaCommune = await commune(OUJDA, 'Oujda', 'وجدة');
    await created(
      details({
        territoryCode: OUJDA,
        communeId: oujdaCommune,
        nameAr: 'المركز الاستشفائي الجامعي محمد السادس، وجدة',
        nameFr: 'CHU Mohammed VI, Oujda',
        address: 'شارع الحسن الثاني، "وجدة"',
        openingHours: 'Lun–Ven, 8h30–16h30\nUrgences 24/7',
        coordinates: { lat: 34.6814, lng: -1.9086 },
      }),
      nationalAdmin,
    );
    await created(
      details({
        territoryCode: OUJDA,
        communeId: null,
        nameAr: 'جمعية الأمل لحماية الطفولة',
        nameFr: '=Association Al Amal',
        sectorCode: 'civil_society',
        type: 'association',
        services: [],
        address: null,
        coordinates: null,
        openingHours: null,
        phone: null,
        fax: null,
        email: null,
        website: null,
      }),
      nationalAdmin,
    );
    const closed = await created(
      details({ territoryCode: OUJDA, communeId: null, nameFr: 'Ancien centre' }),
      nationalAdmin,
    );
    await t.ctx.db.updateTable('institution').set({ active: false }).where('id', '=', closed.id).execute();
  });

  async function exported(format: 'csv' | 'xlsx', by: Client = worker) {
    const response = await by.get(`/api/v1/institutions/export?format=${format}&territoryCode=${OUJDA}`);
    expect(response.statusCode, response.body).toBe(200);
    return response;
  }

  it('exports CSV in UTF-8 with a BOM, Arabic intact, formulas neutralised', async () => {
    const response = await exported('csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="madar-acteurs-oujda-angad-.*\.csv"$/,
    );
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${HEADER}`);
    expect(text).toContain('المركز الاستشفائي الجامعي محمد السادس، وجدة');
    expect(text).toContain('"شارع الحسن الثاني، ""وجدة"""');
    expect(text).toContain("'=Association Al Amal");
    expect(text).toContain('emergency_medical_care|forensic_examination|medical_examination');
    expect(text).toContain(',false\r\n');
  });

  it('round-trips a CSV export: unchanged, then the one edited row updated and a new row created', async () => {
    const before = await countRows(t.ctx, 'institution');
    const bytes = (await exported('csv')).rawPayload;
    const same = await upload(nationalAdmin, bytes, 'map.csv');
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toEqual({ format: 'csv', rows: 3, created: 0, updated: 0, unchanged: 3 });

    const text = bytes.toString('utf8').replace('0539123456', '0539000000');
    const withNew = `${text},جمعية جديدة,Nouvelle association,civil_society,association,${OUJDA},وجدة,legal_aid|family_mediation,,,,,05 36 11 22 33,,,www.example.ma,\r\n`;
    const edited = await upload(nationalAdmin, Buffer.from(withNew, 'utf8'), 'map.csv');
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toEqual({ format: 'csv', rows: 4, created: 1, updated: 1, unchanged: 2 });
    expect(await countRows(t.ctx, 'institution')).toBe(before + 1);
    const list = (await worker.get(`/api/v1/institutions?territoryCode=${OUJDA}&q=Nouvelle`)).json() as {
      items: Institution[];
    };
    expect(list.items[0]).toMatchObject({
      nameAr: 'جمعية جديدة',
      services: ['family_mediation', 'legal_aid'],
      commune: { id: oujdaCommune },
      phone: '0536112233',
      website: 'https://www.example.ma',
      active: true,
    });
    const audit = await auditRows(t.ctx, 'institutions_imported');
    expect(audit.at(-1)!.details).toMatchObject({ created: 1, updated: 1, unchanged: 2 });
  });

  it('round-trips an XLSX export with its Arabic text', async () => {
    const bytes = (await exported('xlsx')).rawPayload;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, ...HEADER.split(',')]);
    const names = sheet.getColumn(2).values.slice(2);
    expect(names).toContain('المركز الاستشفائي الجامعي محمد السادس، وجدة');
    const result = await upload(nationalAdmin, bytes, 'map.xlsx');
    expect(result.statusCode, result.body).toBe(200);
    expect(result.json()).toMatchObject({ format: 'xlsx', created: 0, updated: 0 });
    expect((result.json() as { unchanged: number }).unchanged).toBe(sheet.rowCount - 1);

    // A phone typed as a number in Excel loses its leading 0: it is put back.
    const row = sheet.getRow(2);
    row.getCell(13).value = 539998877;
    const edited = await upload(nationalAdmin, Buffer.from(await workbook.xlsx.writeBuffer()), 'map.xlsx');
    expect(edited.json()).toMatchObject({ updated: 1 });
    const id = String(row.getCell(1).value);
    expect(((await worker.get(`/api/v1/institutions/${id}`)).json() as Institution).phone).toBe('0539998877');
  });

  it('writes nothing when one row has an error, and reports every error by row and column', async () => {
    const before = await countRows(t.ctx, 'institution');
    const response = await upload(
      nationalAdmin,
      csv([
        HEADER,
        `,مركز أ,Centre A,health,health_centre,${TANGER},,medical_examination,,,,,0539111111,,,,true`,
        `,مركز ب,Centre B,health,clinic,${TANGER},Nowhere,astrology,,40.1,,,12345,,bad,,maybe`,
        `${randomUUID()},مركز ج,Centre C,nosector,health_centre,atlantis,,,,,,,,,,,`,
      ]),
      'bad.csv',
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json() as Report;
    expect(body.code).toBe('validation_failed');
    expect(body.report.rows).toBe(3);
    expect(body.report.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '3:type:invalid_value',
      '3:commune:unknown_code',
      '3:services:unknown_code',
      '3:lng:coordinates_incomplete',
      '3:phone:phone_format',
      '3:email:invalid_format',
      '3:active:invalid_value',
      '4:sector:unknown_code',
      '4:territory:unknown_code',
    ]);
    expect(body.report.errors[0]!.message).toBe('Value not accepted.');
    expect(body.fields[0]).toMatchObject({ path: 'rows.3.type', code: 'invalid_value' });
    expect(await countRows(t.ctx, 'institution')).toBe(before);
  });

  it('lets a provincial administrator import rows of their territory only', async () => {
    const before = await countRows(t.ctx, 'institution');
    const response = await upload(
      provincialAdmin,
      csv([
        HEADER,
        `,مركز طنجة,Centre Tanger,health,health_centre,${TANGER},Tanger,,,,,,,,,,`,
        `,مركز الرباط,Centre Rabat,health,health_centre,${RABAT},,,,,,,,,,,`,
      ]),
      'mixed.csv',
    );
    expect(response.statusCode).toBe(400);
    expect((response.json() as Report).report.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '3:territory:outside_your_territory',
    ]);
    expect(await countRows(t.ctx, 'institution')).toBe(before);

    // Nor can a row move an institution of another territory into theirs.
    const rabatInstitution = await createInstitution(t.ctx, RABAT);
    const moved = await upload(
      provincialAdmin,
      csv([HEADER, `${rabatInstitution.id},مركز,Centre,health,hospital,${TANGER},,,,,,,,,,,`]),
      'moved.csv',
    );
    expect((moved.json() as Report).report.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '2:territory:outside_your_territory',
    ]);

    const ok = await upload(
      provincialAdmin,
      csv([
        'name_fr;name_ar;sector;type;territory;commune;lat;lng',
        `Centre Tanger;مركز طنجة;health;health_centre;${TANGER};طنجة;35,77;-5,80`,
      ]),
      'semicolons.csv',
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ created: 1 });
  });

  it('refuses other roles, unknown columns and files that are not CSV UTF-8 or XLSX', async () => {
    for (const client of [worker, partner]) {
      const refused = await upload(client, csv([HEADER]), 'map.csv');
      expect(refused.statusCode).toBe(403);
    }
    const columns = await upload(
      nationalAdmin,
      csv(['name_ar,name_fr,sector,type,adress', 'a,b,c,d,e']),
      'x.csv',
    );
    expect((columns.json() as Report).report.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
      '1:adress:unknown_column',
      '1:territory:missing_column',
    ]);
    const latin1 = Buffer.from(`${HEADER}\r\n,\xe9,\xe9,health,hospital,${TANGER},,,,,,,,,,,\r\n`, 'latin1');
    const encoding = await upload(nationalAdmin, latin1, 'x.csv');
    expect((encoding.json() as Report).report.errors).toMatchObject([{ row: 0, code: 'encoding_not_utf8' }]);
    const empty = await upload(nationalAdmin, csv([HEADER]), 'x.csv');
    expect((empty.json() as Report).report.errors).toMatchObject([{ row: 0, code: 'empty_file' }]);
    const zip = await upload(nationalAdmin, Buffer.from('PK\x03\x04garbage', 'latin1'), 'x.xlsx');
    expect((zip.json() as Report).report.errors).toMatchObject([{ row: 0, code: 'unsupported_import_type' }]);
    const json = await nationalAdmin.post('/api/v1/institutions/import', {});
    expect(json.statusCode).toBe(415);
  });
});

// ---------------------------------------------------------------------------------------------
// The public directory
// ---------------------------------------------------------------------------------------------

describe('the public directory', () => {
  const TETOUAN = 'tetouan';
  let open: Institution;
  let closed: Institution;

  beforeAll(async () => {
    open = await created(
      details({
        territoryCode: TETOUAN,
        communeId: await commune(TETOUAN, 'Tétouan', 'تطوان'),
        nameFr: 'Hôpital Saniat Rmel',
      }),
      nationalAdmin,
    );
    await nationalAdmin.post(`/api/v1/institutions/${open.id}/contacts`, {
      name: 'Secret Contact',
      title: 'Directeur',
      phone: '0661000000',
      email: 'secret@example.ma',
      userId: null,
    });
    closed = await created(
      details({ territoryCode: TETOUAN, communeId: null, nameFr: 'Hôpital fermé' }),
      nationalAdmin,
    );
    await nationalAdmin.put(`/api/v1/institutions/${closed.id}`, {
      nameAr: closed.nameAr,
      nameFr: closed.nameFr,
      sectorCode: closed.sectorCode,
      type: closed.type,
      territoryCode: TETOUAN,
      active: false,
      version: closed.version,
    });
  });

  const anonymous = (url: string) => t.app.inject({ method: 'GET', url });

  it('needs no login, shows only active institutions, and no contact point nor account', async () => {
    const response = await anonymous(`/api/public/directory?territoryCode=${TETOUAN}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: PublicInstitution[]; total: number };
    expect(body.total).toBe(1);
    expect(body.items.map((i) => i.id)).toEqual([open.id]);
    expect(Object.keys(body.items[0]!).sort()).toEqual(
      [
        'address',
        'commune',
        'coordinates',
        'email',
        'fax',
        'id',
        'nameAr',
        'nameFr',
        'openingHours',
        'phone',
        'sectorCode',
        'services',
        'territoryCode',
        'type',
        'website',
      ].sort(),
    );
    expect(body.items[0]).toMatchObject({
      commune: { nameFr: 'Tétouan', nameAr: 'تطوان' },
      phone: '0539123456',
    });
    expect(response.body).not.toContain('Secret');
    expect(response.body).not.toContain('0661000000');
    expect(response.headers['x-ratelimit-limit']).toBe('120');
  });

  it('never returns an inactive institution, whatever the filter', async () => {
    for (const query of [
      `q=${encodeURIComponent('fermé')}`,
      `serviceCode=medical_examination&territoryCode=${TETOUAN}`,
      'sectorCode=health&limit=100',
    ]) {
      const body = (await anonymous(`/api/public/directory?${query}`)).json() as {
        items: PublicInstitution[];
      };
      expect(
        body.items.map((i) => i.id),
        query,
      ).not.toContain(closed.id);
    }
  });

  it('filters by sector, service and words, in Arabic or French', async () => {
    const found = async (query: string) =>
      (
        (await anonymous(`/api/public/directory?${query}`)).json() as { items: PublicInstitution[] }
      ).items.map((i) => i.id);
    expect(await found(`territoryCode=${TETOUAN}&serviceCode=forensic_examination`)).toEqual([open.id]);
    expect(await found(`territoryCode=${TETOUAN}&serviceCode=kafala`)).toEqual([]);
    expect(await found(`territoryCode=${TETOUAN}&sectorCode=justice`)).toEqual([]);
    expect(await found(`q=${encodeURIComponent('تطوان')}&lang=ar`)).toEqual([open.id]);
    expect(await found(`q=Saniat&lang=fr`)).toEqual([open.id]);
    const bad = await anonymous('/api/public/directory?lang=de');
    expect(bad.statusCode).toBe(400);
  });

  it('gives its filters: territories, sectors, the basket of services and institution types', async () => {
    const response = await anonymous('/api/public/reference');
    expect(response.statusCode).toBe(200);
    const body = response.json() as PublicReference;
    expect(body.services).toHaveLength(SERVICE_BASKET.length);
    expect(body.services[0]).toMatchObject({
      code: 'emergency_medical_care',
      nameAr: 'الرعاية الطبية الاستعجالية',
    });
    expect(body.territories.find((x) => x.code === TETOUAN)!.institutions).toBe(1);
    expect(body.sectors.length).toBeGreaterThan(10);
    expect(body.institutionTypes).toContain('entraide_centre');
  });
});

// ---------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------

describe('coverage of the basket of services', () => {
  const FES = 'fes';

  beforeAll(async () => {
    const make = (nameFr: string, services: string[]) =>
      created(details({ territoryCode: FES, communeId: null, nameFr, services }), nationalAdmin);
    await make('Centre A', ['medical_examination', 'legal_aid']);
    await make('Centre B', ['medical_examination']);
    const c = await make('Centre C (closed)', ['kafala', 'legal_aid']);
    await t.ctx.db.updateTable('institution').set({ active: false }).where('id', '=', c.id).execute();
  });

  it('counts, for each service, the active institutions of the territory offering it', async () => {
    const response = await worker.get(`/api/v1/territories/${FES}/coverage`);
    expect(response.statusCode, response.body).toBe(200);
    const coverage = response.json() as TerritoryCoverage;
    expect(coverage.institutions).toBe(2);
    const count = (code: string) => coverage.services.find((s) => s.code === code)!.count;
    expect(count('medical_examination')).toBe(2);
    expect(count('legal_aid')).toBe(1);
    expect(count('kafala')).toBe(0);
    expect(coverage.single).toEqual(['legal_aid']);
    expect(coverage.gaps).toHaveLength(SERVICE_BASKET.length - 2);
    expect(coverage.gaps).toContain('kafala');
    expect(coverage.services.find((s) => s.code === 'legal_aid')!.institutions.map((i) => i.nameFr)).toEqual([
      'Centre A',
    ]);
    expect((await partner.get(`/api/v1/territories/${FES}/coverage`)).statusCode).toBe(200);
    expect((await worker.get('/api/v1/territories/atlantis/coverage')).statusCode).toBe(404);
  });

  it('sums up gaps and single providers per territory for the Ministry', async () => {
    const response = await worker.get('/api/v1/coverage');
    expect(response.statusCode).toBe(200);
    const national = response.json() as NationalCoverage;
    expect(national.basketSize).toBe(SERVICE_BASKET.length);
    expect(national.territories.find((x) => x.territoryCode === FES)).toMatchObject({
      institutions: 2,
      gaps: SERVICE_BASKET.length - 2,
      single: 1,
    });
    expect(national.territories.find((x) => x.territoryCode === 'boujdour')).toMatchObject({
      institutions: 0,
      gaps: SERVICE_BASKET.length,
      single: 0,
    });
    const legalAid = national.services.find((s) => s.code === 'legal_aid')!;
    expect(legalAid.gapTerritories + legalAid.singleTerritories).toBeLessThanOrEqual(
      national.territories.length,
    );
  });

  it('needs a signed-in user', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/coverage' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/territories/${FES}/coverage` })).statusCode,
    ).toBe(401);
  });
});
