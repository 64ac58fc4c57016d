import { createHash, randomUUID } from 'node:crypto';
import {
  type CaseRecord,
  type ChildFile,
  DOCUMENT_MAX_BYTES,
  type DocumentContentType,
  type DocumentType,
  documentFieldsSchema,
  type TimelineEvent,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/auth/actor';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest, notFound } from '../../platform/errors';
import { fieldsFromIssues } from '../../platform/http/problems';
import { can } from '../../policies';
import { CASE_FILES, fileActions } from '../../policies/cases';
import { servicesEffectAad } from '../assessments/service';
import { type CaseRow, caseFor, caseResource, recordCaseView, touchCase } from '../cases/access';
import { transitionReasonAad } from '../cases/service';
import { decryptIdentity } from '../children/identity';
import { toProfile } from '../children/service';
import { followUpContentAad } from '../follow-ups/service';
import { buildReportData, formatDay, type ReportInput, type ReportLanguage, renderReportPdf } from './report';
import * as repo from './repository';

/**
 * Additional data of the encrypted texts read here. Those of other features must stay equal to
 * the ones their services write with (cases, assessments, follow-ups).
 */
export const aad = {
  title: (recordId: string) => `case_record.title:${recordId}`,
  body: (recordId: string) => `case_record.body:${recordId}`,
  // The other tables' labels come from the modules that write them: one definition each.
  transitionReason: transitionReasonAad,
  followUpContent: followUpContentAad,
  servicesEffect: servicesEffectAad,
};

function toRecord(ctx: AppContext, row: repo.RecordRow): CaseRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    file: row.file,
    kind: row.kind,
    documentType: row.document_type as CaseRecord['documentType'],
    title: ctx.keyRing.decrypt(row.title_enc, aad.title(row.id)),
    body: row.body_enc === null ? null : ctx.keyRing.decrypt(row.body_enc, aad.body(row.id)),
    contentType: row.content_type as CaseRecord['contentType'],
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    createdBy: row.created_by,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

export async function addNote(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  file: ChildFile,
  input: { title: string; body: string },
): Promise<CaseRecord> {
  const kase = await caseFor(ctx, request, actor, caseId, fileActions(file).write);
  const id = randomUUID();
  const row = await ctx.db.transaction().execute(async (tx) => {
    const inserted = await repo.insertRecord(tx, {
      id,
      case_id: kase.id,
      territory_code: kase.territory_code,
      file,
      kind: 'note',
      title_enc: ctx.keyRing.encrypt(input.title, aad.title(id)),
      body_enc: ctx.keyRing.encrypt(input.body, aad.body(id)),
      created_by: actor.id,
    });
    await touchCase(tx, kase.id);
    return inserted;
  });
  return toRecord(ctx, row);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * What a document is, from its first bytes: PDF, JPEG, PNG or WebP, nothing else. The type the
 * browser declares is not trusted (a renamed executable declares whatever its name suggests).
 */
export function detectContentType(bytes: Buffer): DocumentContentType | null {
  const ascii = (from: number, to: number) => bytes.subarray(from, to).toString('latin1');
  if (bytes.length >= 5 && ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export const EXTENSIONS: Record<DocumentContentType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/** A multipart upload as read by the route: its text fields and its one file part. */
export interface Upload {
  fields: Record<string, string>;
  file: Buffer | null;
}

/**
 * The checks every uploaded document goes through (the child's files, referral cards): the text
 * fields (documentType, title), a file that is there, not empty, within the size limit, and of an
 * accepted type by its content. Field problems are a 400; a file over the limit a 413.
 */
export function checkDocumentUpload(upload: Upload): {
  fields: { documentType: DocumentType; title: string };
  bytes: Buffer;
  contentType: DocumentContentType;
} {
  const fields = documentFieldsSchema.safeParse(upload.fields);
  // A field not sent at all is "required", whatever the schema's issue for it (an enum says invalid_value).
  const problems = (fields.success ? [] : fieldsFromIssues(fields.error.issues)).map((p) =>
    p.path in upload.fields || p.code === 'unrecognized_keys' ? p : { ...p, code: 'required' },
  );
  let contentType: DocumentContentType | null = null;
  if (!upload.file) problems.push({ path: 'file', code: 'required' });
  else if (upload.file.length === 0) problems.push({ path: 'file', code: 'too_small' });
  else if (upload.file.length > DOCUMENT_MAX_BYTES) throw new AppError(413, 'body_too_large');
  else {
    contentType = detectContentType(upload.file);
    if (!contentType) problems.push({ path: 'file', code: 'unsupported_document_type' });
  }
  if (problems.length || !fields.success || !upload.file || !contentType) throw badRequest(problems);
  return { fields: fields.data, bytes: upload.file, contentType };
}

/**
 * Adds a document to one of the child's files. The bytes are stored (encrypted) first, then the
 * row; a failed store leaves no row, a failed row removes the stored bytes: nothing half-saved.
 * `readUpload` is called only once the actor may write the file, so a refused user's upload is
 * never read.
 */
export async function addDocument(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  file: ChildFile,
  readUpload: () => Promise<Upload>,
): Promise<CaseRecord> {
  const kase = await caseFor(ctx, request, actor, caseId, fileActions(file).write);
  const { fields, bytes, contentType } = checkDocumentUpload(await readUpload());
  const id = randomUUID();
  await ctx.documents.put(id, bytes);
  try {
    const row = await ctx.db.transaction().execute(async (tx) => {
      const inserted = await repo.insertRecord(tx, {
        id,
        case_id: kase.id,
        territory_code: kase.territory_code,
        file,
        kind: 'document',
        document_type: fields.documentType,
        title_enc: ctx.keyRing.encrypt(fields.title, aad.title(id)),
        body_enc: null,
        storage_key: id,
        content_type: contentType,
        size_bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        created_by: actor.id,
      });
      await touchCase(tx, kase.id);
      return inserted;
    });
    return toRecord(ctx, row);
  } catch (error) {
    await ctx.documents.delete(id).catch((cleanup: Error) => {
      request.log.error({ err: { message: cleanup.message }, key: id }, 'orphan document left in storage');
    });
    throw error;
  }
}

/** The notes and documents of one of the child's files; the view is logged. */
export async function getFile(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  file: ChildFile,
) {
  const kase = await caseFor(ctx, request, actor, caseId, fileActions(file).read);
  const rows = await repo.listRecords(ctx.db, kase.id, [file]);
  const items = rows.map((row) => toRecord(ctx, row));
  await recordCaseView(ctx.db, request, actor, kase, `file:${file}`);
  return { caseId: kase.id, file, items };
}

/** A document's bytes for download, with a filename that names no child; every download is logged. */
export async function downloadDocument(ctx: AppContext, request: FastifyRequest, actor: Actor, id: string) {
  const row = await repo.findRecord(ctx.db, id);
  if (row?.kind !== 'document' || !row.storage_key || !row.content_type) throw notFound();
  const kase = await caseFor(ctx, request, actor, row.case_id, fileActions(row.file).read);
  const bytes = await ctx.documents.get(row.storage_key);
  await recordCaseView(ctx.db, request, actor, kase, 'document', row.id);
  const contentType = row.content_type as DocumentContentType;
  const day = row.created_at.toISOString().slice(0, 10);
  return {
    bytes,
    contentType,
    filename: `document-${day}-${row.id.slice(0, 8)}.${EXTENSIONS[contentType]}`,
  };
}

/** The files of a case whose notes and documents the actor may read. */
export function readableFiles(actor: Actor, kase: CaseRow): ChildFile[] {
  return CASE_FILES.filter((file) => can(actor, fileActions(file).read, caseResource(kase)));
}

const dayOf = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);

/**
 * The child's path on one page: reports, stage transitions, assessments, services of the plan,
 * follow-ups, evaluations, and the notes and documents of the files the actor may read — oldest
 * first.
 */
export async function getTimeline(ctx: AppContext, request: FastifyRequest, actor: Actor, caseId: string) {
  const kase = await caseFor(ctx, request, actor, caseId, 'read');
  const files = readableFiles(actor, kase);
  const [reports, transitions, assessments, planItems, followUps, evaluations, records, transfers] =
    await Promise.all([
      repo.reportsOfCase(ctx.db, kase.id),
      repo.transitionsOfCase(ctx.db, kase.id),
      repo.assessmentsOfCase(ctx.db, kase.id),
      repo.planItemsOfCase(ctx.db, kase.id),
      repo.followUpsOfCase(ctx.db, kase.id),
      repo.evaluationsOfCase(ctx.db, kase.id),
      repo.listRecords(ctx.db, kase.id, files),
      repo.transfersOfCase(ctx.db, kase.id),
    ]);
  const items: TimelineEvent[] = [
    ...reports.map(
      (r): TimelineEvent => ({
        kind: 'report',
        at: r.received_at.toISOString(),
        id: r.id,
        byName: r.full_name,
        sourceCode: r.source_code,
        urgency: r.urgency,
        harmForms: r.harm_forms,
      }),
    ),
    ...transitions.map(
      (t): TimelineEvent => ({
        kind: 'transition',
        at: t.at.toISOString(),
        id: String(t.id),
        byName: t.full_name,
        fromStage: t.from_stage,
        toStage: t.to_stage,
        closureReason: t.closure_reason,
        reason: t.reason_enc ? ctx.keyRing.decrypt(t.reason_enc, aad.transitionReason(kase.id)) : null,
        approvedByName: t.approved_by_name,
      }),
    ),
    ...assessments.map(
      (a): TimelineEvent => ({
        kind: 'assessment',
        at: a.assessed_at.toISOString(),
        id: a.id,
        byName: a.full_name,
        instrumentVersion: a.instrument_version,
        dangerLevel: a.danger_level,
        proposedOrientation: a.proposed_orientation,
        confirmedOrientation: a.confirmed_orientation,
        overridden: a.proposed_orientation !== a.confirmed_orientation,
      }),
    ),
    ...planItems.map(
      (p): TimelineEvent => ({
        kind: 'plan_item',
        at: p.created_at.toISOString(),
        id: p.id,
        byName: p.full_name,
        serviceCode: p.service_code,
        sectorCode: p.sector_code,
        status: p.status,
        dueOn: dayOf(p.due_on),
      }),
    ),
    ...followUps.map(
      (f): TimelineEvent => ({
        kind: 'follow_up',
        at: f.contact_at.toISOString(),
        id: f.id,
        byName: f.full_name,
        contactType: f.contact_type,
        nextFollowUpOn: f.next_follow_up_on === null ? null : dayOf(f.next_follow_up_on),
      }),
    ),
    ...evaluations.map((e): TimelineEvent => {
      const level = (e.comparison as { level?: { initial?: unknown; current?: unknown } }).level;
      return {
        kind: 'evaluation',
        at: e.created_at.toISOString(),
        id: e.id,
        byName: e.full_name,
        recommendation: e.recommendation,
        dangerLevelThen: typeof level?.initial === 'string' ? level.initial : null,
        dangerLevelNow: typeof level?.current === 'string' ? level.current : null,
      };
    }),
    ...transfers.map(
      (t): TimelineEvent => ({
        kind: 'transfer',
        at: (t.decided_at ?? t.requested_at).toISOString(),
        id: t.id,
        byName: t.full_name,
        fromTerritoryCode: t.from_territory,
        toTerritoryCode: t.to_territory,
        status: t.status,
      }),
    ),
    ...records.map((r): TimelineEvent => {
      const base = {
        at: r.created_at.toISOString(),
        id: r.id,
        byName: r.created_by_name,
        file: r.file,
        title: ctx.keyRing.decrypt(r.title_enc, aad.title(r.id)),
      };
      return r.kind === 'note'
        ? { kind: 'note', ...base }
        : {
            kind: 'document',
            ...base,
            documentType: r.document_type,
            contentType: r.content_type,
            sizeBytes: r.size_bytes,
          };
    }),
  ];
  items.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  // Titles of notes and documents, and transition reasons, are part of the child's file.
  await recordCaseView(ctx.db, request, actor, kase, 'timeline');
  return { caseId: kase.id, items, filesShown: files };
}

/** How many follow-ups and evaluations the report shows: the latest ones. */
const REPORT_FOLLOW_UPS = 5;
const REPORT_EVALUATIONS = 3;

/**
 * The printable evaluation report (PDF) of the child's situation. The identity is in it only for
 * those who may see it (that view is logged as such); every report produced is logged.
 */
export async function caseReportPdf(
  ctx: AppContext,
  request: FastifyRequest,
  actor: Actor,
  caseId: string,
  requestedLanguage: ReportLanguage | undefined,
) {
  const kase = await caseFor(ctx, request, actor, caseId, 'read');
  const lang: ReportLanguage = requestedLanguage ?? (request.language === 'fr' ? 'fr' : 'ar');
  const showIdentity = can(actor, 'readIdentity', caseResource(kase));
  const [child, territory, assessments, planItems, followUps, evaluations, workerName] = await Promise.all([
    repo.childOfCase(ctx.db, kase.child_id),
    repo.territoryNames(ctx.db, kase.territory_code),
    repo.assessmentsOfCase(ctx.db, kase.id),
    repo.planItemsOfCase(ctx.db, kase.id),
    repo.followUpsOfCase(ctx.db, kase.id, REPORT_FOLLOW_UPS),
    repo.evaluationsOfCase(ctx.db, kase.id, REPORT_EVALUATIONS),
    repo.userName(ctx.db, kase.assigned_worker_id),
  ]);
  const latest = assessments.at(-1);
  const instrument = latest ? await repo.instrumentDocument(ctx.db, latest.instrument_version) : undefined;
  const score = latest?.result as { total?: unknown; domains?: unknown } | undefined;

  const input: ReportInput = {
    ministry: ctx.config.ministryName,
    territory: territory ?? null,
    generatedAt: new Date(),
    child: { code: child.code, sex: child.sex, ageBand: toProfile(child).ageBand },
    identity: showIdentity ? decryptIdentity(ctx.keyRing, child.id, child.identity_enc) : null,
    kase: {
      stage: kase.stage,
      dangerLevel: kase.danger_level,
      openedAt: kase.opened_at,
      situations: kase.situations,
      harmForms: kase.harm_forms,
      workerName,
    },
    assessment: latest
      ? {
          assessedAt: latest.assessed_at,
          instrumentVersion: latest.instrument_version,
          dangerLevel: latest.danger_level,
          confirmedOrientation: latest.confirmed_orientation,
          total: typeof score?.total === 'number' ? score.total : null,
          domains: Array.isArray(score?.domains)
            ? (score.domains as NonNullable<ReportInput['assessment']>['domains'])
            : [],
          instrument: (instrument?.document as NonNullable<ReportInput['assessment']>['instrument']) ?? null,
        }
      : null,
    planItems: planItems.map((p) => ({
      serviceCode: p.service_code,
      sectorCode: p.sector_code,
      dueOn: dayOf(p.due_on),
      status: p.status,
    })),
    followUps: followUps.map((f) => {
      const content = JSON.parse(ctx.keyRing.decrypt(f.content_enc, aad.followUpContent(f.id))) as {
        childViews?: string;
        nextSteps?: string | null;
      };
      return {
        contactAt: f.contact_at,
        contactType: f.contact_type,
        childViews: content.childViews ?? '',
        nextSteps: content.nextSteps ?? null,
      };
    }),
    evaluations: evaluations.map((e) => {
      const level = (e.comparison as { level?: { initial?: unknown; current?: unknown } }).level;
      return {
        createdAt: e.created_at,
        recommendation: e.recommendation,
        levelThen: typeof level?.initial === 'string' ? level.initial : null,
        levelNow: typeof level?.current === 'string' ? level.current : null,
        servicesEffect: e.services_effect_enc
          ? ctx.keyRing.decrypt(e.services_effect_enc, aad.servicesEffect(e.id))
          : null,
      };
    }),
  };
  const pdf = renderReportPdf(buildReportData(input, lang));
  await recordCaseView(ctx.db, request, actor, kase, 'report_pdf', lang);
  if (showIdentity) await recordCaseView(ctx.db, request, actor, kase, 'identity', 'report_pdf');
  return {
    pdf,
    filename: `madar-${child.code}-${formatDay(input.generatedAt).split('/').reverse().join('-')}.pdf`,
  };
}
