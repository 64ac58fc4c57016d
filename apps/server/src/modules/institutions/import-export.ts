import { randomUUID } from 'node:crypto';
import {
  IMPORT_MAX_ROWS,
  type ImportError,
  type ImportResult,
  INSTITUTION_COLUMNS,
  INSTITUTION_TYPES,
  type InstitutionColumn,
  institutionEmailSchema,
  phoneSchema,
  REQUIRED_INSTITUTION_COLUMNS,
  SERVICES_SEPARATOR,
  serviceCodeSchema,
  websiteSchema,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit';
import type { Actor } from '../../platform/auth/actor';
import type { AppContext } from '../../platform/context';
import type { Tx } from '../../platform/db/database';
import { fieldsFromIssues } from '../../platform/http/problems';
import { originOf } from '../../platform/http/request';
import { fieldMessage } from '../../platform/messages';
import { authorize, can } from '../../policies';
import * as repo from './repository';
import { normalServices } from './service';
import { type Cell, readSheet, type Sheet, UnreadableFile, writeCsv, writeXlsx } from './spreadsheet';

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

const FREE_TEXT_COLUMNS: ReadonlySet<InstitutionColumn> = new Set([
  'name_ar',
  'name_fr',
  'commune',
  'address',
  'hours',
  'phone',
  'fax',
  'email',
  'website',
]);
const WIDTHS: Record<InstitutionColumn, number> = {
  id: 38,
  name_ar: 40,
  name_fr: 40,
  sector: 18,
  type: 16,
  territory: 20,
  commune: 20,
  services: 40,
  address: 40,
  lat: 11,
  lng: 11,
  hours: 30,
  phone: 15,
  fax: 15,
  email: 28,
  website: 28,
  active: 8,
};

function exportRow(row: repo.InstitutionRow, format: 'csv' | 'xlsx'): Cell[] {
  const values: Record<InstitutionColumn, Cell> = {
    id: row.id,
    name_ar: row.name_ar,
    name_fr: row.name_fr,
    sector: row.sector_code,
    type: row.type,
    territory: row.territory_code,
    commune: row.commune_name_fr ?? '',
    services: row.services.join(SERVICES_SEPARATOR),
    address: row.address ?? '',
    lat: row.latitude ?? '',
    lng: row.longitude ?? '',
    hours: row.opening_hours ?? '',
    phone: row.phone ?? '',
    fax: row.fax ?? '',
    email: row.email ?? '',
    website: row.website ?? '',
    active: format === 'xlsx' ? row.active : String(row.active),
  };
  return INSTITUTION_COLUMNS.map((c) => values[c]);
}

export async function exportInstitutions(
  ctx: AppContext,
  query: { format: 'csv' | 'xlsx'; territoryCode?: string | undefined },
): Promise<{ bytes: Buffer; contentType: string; filename: string }> {
  const rows = await repo.allInstitutions(ctx.db, { territoryCode: query.territoryCode });
  const cells = rows.map((r) => exportRow(r, query.format));
  const day = new Date().toISOString().slice(0, 10);
  const scope = (query.territoryCode ?? 'maroc').replace(/[^a-z0-9-]/gi, '');
  const filename = `madar-acteurs-${scope}-${day}.${query.format}`;
  if (query.format === 'xlsx') {
    return {
      bytes: await writeXlsx(
        'institutions',
        INSTITUTION_COLUMNS,
        cells,
        INSTITUTION_COLUMNS.map((c) => WIDTHS[c]),
      ),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      filename,
    };
  }
  const guarded = new Set(INSTITUTION_COLUMNS.flatMap((c, i) => (FREE_TEXT_COLUMNS.has(c) ? [i] : [])));
  return {
    bytes: writeCsv(INSTITUTION_COLUMNS, cells, guarded),
    contentType: 'text/csv; charset=utf-8',
    filename,
  };
}

// ---------------------------------------------------------------------------------------------
// Import: every row is checked first; one error anywhere and nothing is written.
// ---------------------------------------------------------------------------------------------

export class ImportRejected extends Error {
  constructor(
    readonly rows: number,
    readonly errors: ImportError[],
  ) {
    super('import_rejected');
  }
}

/** The validated content of a row: the stored values, and which of them the file gave. */
interface RowValues {
  name_ar: string;
  name_fr: string;
  sector_code: string;
  type: string;
  territory_code: string;
  commune_id: string | null;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  opening_hours: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  website: string | null;
  active: boolean | null;
  services: string[];
}

const rowSchema = z.object({
  nameAr: z.string().min(2).max(200),
  nameFr: z.string().min(2).max(200),
  sectorCode: z.string().max(60),
  type: z.enum(INSTITUTION_TYPES),
  territoryCode: z.string().max(60),
  services: z.array(serviceCodeSchema).max(60),
  address: z.string().max(500).nullable(),
  coordinates: z
    .object({
      lat: z.number().min(20.5, { message: 'outside_morocco' }).max(36, { message: 'outside_morocco' }),
      lng: z.number().min(-17.5, { message: 'outside_morocco' }).max(-0.9, { message: 'outside_morocco' }),
    })
    .nullable(),
  openingHours: z.string().max(500).nullable(),
  phone: phoneSchema.nullable(),
  fax: phoneSchema.nullable(),
  email: institutionEmailSchema.nullable(),
  website: websiteSchema.nullable(),
});

const COLUMN_OF_PATH: Record<string, InstitutionColumn> = {
  nameAr: 'name_ar',
  nameFr: 'name_fr',
  sectorCode: 'sector',
  type: 'type',
  territoryCode: 'territory',
  services: 'services',
  address: 'address',
  'coordinates.lat': 'lat',
  'coordinates.lng': 'lng',
  coordinates: 'lat',
  openingHours: 'hours',
  phone: 'phone',
  fax: 'fax',
  email: 'email',
  website: 'website',
};

const TRUE_WORDS = new Set(['true', '1', 'yes', 'oui', 'vrai', 'نعم', 'x']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'non', 'faux', 'لا']);

/**
 * Phones as people type them in a spreadsheet: spaces, dots and dashes dropped, and the leading 0
 * Excel removes from a number put back (0539… became 539…).
 */
function phoneOf(cell: Cell): string {
  let text = String(cell).replace(/[\s.\-()/]/g, '');
  if (/^00212/.test(text)) text = `+${text.slice(2)}`;
  else if (/^212[5-7]\d{8}$/.test(text)) text = `+${text}`;
  else if (/^[5-7]\d{8}$/.test(text)) text = `0${text}`;
  return text;
}

function numberOf(cell: Cell): number | null | 'invalid' {
  if (typeof cell === 'number') return cell;
  const text = String(cell).trim().replace(',', '.');
  if (text === '') return null;
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : 'invalid';
}

function websiteOf(text: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
}

interface Reference {
  sectors: Set<string>;
  territories: Set<string>;
  communes: { id: string; territory_code: string; name_ar: string; name_fr: string }[];
}

function communeOf(reference: Reference, territory: string, text: string) {
  const wanted = text.toLocaleLowerCase('fr');
  const inTerritory = reference.communes.filter((c) => c.territory_code === territory);
  const byId = reference.communes.find((c) => c.id === text);
  if (byId) return byId.territory_code === territory ? byId.id : 'commune_outside_territory';
  const byName =
    inTerritory.filter((c) => c.name_fr.toLocaleLowerCase('fr') === wanted).at(0) ??
    (() => {
      const ar = inTerritory.filter((c) => c.name_ar === text);
      return ar.length === 1 ? ar[0] : undefined;
    })();
  return byName ? byName.id : 'unknown_code';
}

interface ParsedRow {
  row: number;
  id: string | null;
  values: RowValues;
  given: Set<InstitutionColumn>;
}

/** Checks one row; its problems go to `errors`, in column order. */
function parseRow(
  actor: Actor,
  language: FastifyRequest['language'],
  columns: (InstitutionColumn | null)[],
  reference: Reference,
  row: number,
  cells: Cell[],
  errors: ImportError[],
): ParsedRow | null {
  const problems: { column: InstitutionColumn | null; code: string }[] = [];
  const raw = new Map<InstitutionColumn, Cell>();
  columns.forEach((c, i) => {
    if (c) raw.set(c, cells[i] ?? '');
  });
  const given = new Set(raw.keys());
  const text = (c: InstitutionColumn) => {
    const v = raw.get(c);
    return v === undefined ? '' : typeof v === 'boolean' ? String(v) : String(v).trim();
  };
  const optional = (c: InstitutionColumn) => (text(c) === '' ? null : text(c));

  for (const c of REQUIRED_INSTITUTION_COLUMNS) {
    if (text(c) === '') problems.push({ column: c, code: 'required' });
  }
  const id = optional('id');
  if (id !== null && !z.uuid().safeParse(id).success) problems.push({ column: 'id', code: 'invalid_format' });

  const lat = given.has('lat') ? numberOf(raw.get('lat')!) : null;
  const lng = given.has('lng') ? numberOf(raw.get('lng')!) : null;
  if (lat === 'invalid') problems.push({ column: 'lat', code: 'invalid_format' });
  if (lng === 'invalid') problems.push({ column: 'lng', code: 'invalid_format' });
  if (lat !== 'invalid' && lng !== 'invalid' && (lat === null) !== (lng === null)) {
    problems.push({ column: lat === null ? 'lat' : 'lng', code: 'coordinates_incomplete' });
  }
  let active: boolean | null = null;
  const activeCell = raw.get('active');
  if (typeof activeCell === 'boolean') active = activeCell;
  else if (text('active') !== '') {
    const word = text('active').toLocaleLowerCase('fr');
    if (TRUE_WORDS.has(word)) active = true;
    else if (FALSE_WORDS.has(word)) active = false;
    else problems.push({ column: 'active', code: 'invalid_value' });
  }

  const candidate = {
    nameAr: text('name_ar'),
    nameFr: text('name_fr'),
    sectorCode: text('sector'),
    type: text('type'),
    territoryCode: text('territory'),
    services: text('services')
      .split(SERVICES_SEPARATOR)
      .map((s) => s.trim())
      .filter(Boolean),
    address: optional('address'),
    coordinates: typeof lat === 'number' && typeof lng === 'number' ? { lat, lng } : null,
    openingHours: optional('hours'),
    phone: given.has('phone') && text('phone') !== '' ? phoneOf(raw.get('phone')!) : null,
    fax: given.has('fax') && text('fax') !== '' ? phoneOf(raw.get('fax')!) : null,
    email: optional('email')?.toLowerCase() ?? null,
    website: optional('website') === null ? null : websiteOf(text('website')),
  };
  const parsed = rowSchema.safeParse(candidate);
  if (!parsed.success) {
    const already = new Set(problems.map((p) => p.column));
    for (const f of fieldsFromIssues(parsed.error.issues)) {
      const column = COLUMN_OF_PATH[f.path] ?? COLUMN_OF_PATH[f.path.split('.')[0]!] ?? null;
      if (column && already.has(column)) continue;
      already.add(column);
      problems.push({ column, code: f.code });
    }
  }

  const territory = candidate.territoryCode;
  if (territory && !problems.some((p) => p.column === 'territory')) {
    if (!reference.territories.has(territory)) problems.push({ column: 'territory', code: 'unknown_code' });
    else if (!can(actor, id ? 'update' : 'create', { type: 'institution', territoryCode: territory })) {
      problems.push({ column: 'territory', code: 'outside_your_territory' });
    }
  }
  if (candidate.sectorCode && !problems.some((p) => p.column === 'sector')) {
    if (!reference.sectors.has(candidate.sectorCode))
      problems.push({ column: 'sector', code: 'unknown_code' });
  }
  let communeId: string | null = null;
  const commune = optional('commune');
  if (commune !== null && territory && reference.territories.has(territory)) {
    const found = communeOf(reference, territory, commune);
    if (found === 'unknown_code' || found === 'commune_outside_territory') {
      problems.push({ column: 'commune', code: found });
    } else communeId = found;
  }

  const order = (c: InstitutionColumn | null) => (c === null ? -1 : INSTITUTION_COLUMNS.indexOf(c));
  problems.sort((a, b) => order(a.column) - order(b.column));
  for (const p of problems) {
    errors.push({ row, column: p.column, code: p.code, message: fieldMessage(p.code, language) });
  }
  if (problems.length > 0 || !parsed.success) return null;
  const v = parsed.data;
  return {
    row,
    id,
    given,
    values: {
      name_ar: v.nameAr,
      name_fr: v.nameFr,
      sector_code: v.sectorCode,
      type: v.type,
      territory_code: v.territoryCode,
      commune_id: communeId,
      address: v.address,
      latitude: v.coordinates?.lat ?? null,
      longitude: v.coordinates?.lng ?? null,
      opening_hours: v.openingHours,
      phone: v.phone,
      fax: v.fax,
      email: v.email,
      website: v.website,
      active,
      services: normalServices(v.services),
    },
  };
}

/** The file's columns; unknown or missing ones stop the import before any row is read. */
function columnsOf(sheet: Sheet, language: FastifyRequest['language']) {
  const errors: ImportError[] = [];
  const seen = new Set<string>();
  const columns = sheet.header.map((h) => {
    const name = h.trim().toLowerCase();
    if (name === '') return null;
    if (!(INSTITUTION_COLUMNS as readonly string[]).includes(name)) {
      errors.push({
        row: 1,
        column: h,
        code: 'unknown_column',
        message: fieldMessage('unknown_column', language),
      });
      return null;
    }
    if (seen.has(name)) {
      errors.push({ row: 1, column: h, code: 'duplicate', message: fieldMessage('duplicate', language) });
      return null;
    }
    seen.add(name);
    return name as InstitutionColumn;
  });
  for (const c of REQUIRED_INSTITUTION_COLUMNS) {
    if (!seen.has(c)) {
      errors.push({
        row: 1,
        column: c,
        code: 'missing_column',
        message: fieldMessage('missing_column', language),
      });
    }
  }
  return { columns, errors };
}

type Existing = repo.InstitutionRow;

/** What the row changes in a stored institution (columns the file left out keep their value). */
function changesOf(existing: Existing, parsed: ParsedRow) {
  const v = parsed.values;
  const keep = <T>(column: InstitutionColumn, value: T, current: T) =>
    parsed.given.has(column) ? value : current;
  const next = {
    name_ar: v.name_ar,
    name_fr: v.name_fr,
    sector_code: v.sector_code,
    type: v.type,
    territory_code: v.territory_code,
    commune_id: keep('commune', v.commune_id, existing.commune_id),
    address: keep('address', v.address, existing.address),
    latitude: keep('lat', v.latitude, existing.latitude),
    longitude: keep('lng', v.longitude, existing.longitude),
    opening_hours: keep('hours', v.opening_hours, existing.opening_hours),
    phone: keep('phone', v.phone, existing.phone),
    fax: keep('fax', v.fax, existing.fax),
    email: keep('email', v.email, existing.email),
    website: keep('website', v.website, existing.website),
    active: v.active ?? existing.active,
  };
  const services = keep('services', v.services, existing.services);
  const changed =
    (Object.keys(next) as (keyof typeof next)[]).some((k) => next[k] !== existing[k]) ||
    services.join('|') !== normalServices(existing.services).join('|');
  return { next, services, changed };
}

function reject(rows: number, errors: ImportError[]): never {
  throw new ImportRejected(rows, errors);
}

export async function importInstitutions(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  readFile: () => Promise<Buffer | null>,
): Promise<ImportResult> {
  await authorize(ctx.db, request, actor, 'import', {
    type: 'institution',
    territoryCode: actor.territoryCode ?? '',
  });
  const language = request.language;
  const fileError = (code: string): never =>
    reject(0, [{ row: 0, column: null, code, message: fieldMessage(code, language) }]);
  // Read only once the actor may import: a refused upload is not parsed.
  const file = await readFile();
  if (!file) return fileError('required');
  let read: Awaited<ReturnType<typeof readSheet>>;
  try {
    read = await readSheet(file, IMPORT_MAX_ROWS);
  } catch (error) {
    if (error instanceof UnreadableFile) return fileError(error.code);
    throw error;
  }
  const { format, sheet } = read;
  if (sheet.rows.length > IMPORT_MAX_ROWS) return fileError('too_many_rows');
  const header = columnsOf(sheet, language);
  if (header.errors.length) reject(sheet.rows.length, header.errors);

  return ctx.db.transaction().execute(async (tx) => {
    const reference = await repo.importReference(tx);
    const errors: ImportError[] = [];
    const parsed = sheet.rows.flatMap(
      (r) => parseRow(actor, language, header.columns, reference, r.row, r.cells, errors) ?? [],
    );
    // Every stored institution the file names, locked until the import is written.
    const ids = [...new Set(parsed.flatMap((p) => (p.id ? [p.id] : [])))];
    const existing = new Map((await lockedInstitutions(tx, ids)).map((r) => [r.id, r]));
    const seen = new Set<string>();
    for (const p of parsed) {
      if (!p.id) continue;
      const problem = (column: InstitutionColumn, code: string) =>
        errors.push({ row: p.row, column, code, message: fieldMessage(code, language) });
      const current = existing.get(p.id);
      if (seen.has(p.id)) problem('id', 'duplicate');
      else if (!current) problem('id', 'unknown_code');
      else if (!can(actor, 'update', { type: 'institution', territoryCode: current.territory_code })) {
        problem('territory', 'outside_your_territory');
      }
      seen.add(p.id);
    }
    if (errors.length) {
      errors.sort((a, b) => a.row - b.row);
      reject(sheet.rows.length, errors);
    }

    let updated = 0;
    let unchanged = 0;
    const creations = parsed.filter((p) => !p.id);
    const newRows = creations.map((p) => {
      const { services: _services, active, ...values } = p.values;
      return { ...values, id: randomUUID(), active: active ?? true };
    });
    await repo.insertInstitutions(tx, newRows);
    await repo.insertServices(
      tx,
      creations.flatMap((p, i) =>
        p.values.services.map((code) => ({ institution_id: newRows[i]!.id, service_code: code })),
      ),
    );
    for (const p of parsed) {
      if (!p.id) continue;
      const { next, services, changed } = changesOf(existing.get(p.id)!, p);
      if (!changed) {
        unchanged++;
        continue;
      }
      await tx
        .updateTable('institution')
        .set((eb) => ({ ...next, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('id', '=', p.id)
        .execute();
      await repo.replaceServices(tx, p.id, services);
      updated++;
    }
    const result: ImportResult = {
      format,
      rows: parsed.length,
      created: newRows.length,
      updated,
      unchanged,
    };
    await recordAudit(tx, originOf(request), {
      event: 'institutions_imported',
      actor,
      target: { type: 'institution', id: '-' },
      territoryCode: actor.territoryCode,
      details: { ...result },
    });
    return result;
  });
}

async function lockedInstitutions(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  await tx.selectFrom('institution').select('id').where('id', 'in', ids).forUpdate().execute();
  return repo.findInstitutions(tx, ids);
}
