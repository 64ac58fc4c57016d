import { z } from 'zod';

/**
 * The child's three files (judicial; medical and psychological; social), each with its own access
 * rule, holding notes and documents; the child's path on one page (timeline); the printable
 * evaluation report.
 */
export const CHILD_FILES = ['judicial', 'medical', 'social'] as const;
export const childFileSchema = z.enum(CHILD_FILES);
export type ChildFile = z.infer<typeof childFileSchema>;

export const DOCUMENT_TYPES = [
  'certificate',
  'judgment',
  'medical_report',
  'psychological_report',
  'social_inquiry',
  'civil_status',
  'school_record',
  'photo',
  'other',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** What a document may be, as recognised from its first bytes (the declared type is not trusted). */
export const DOCUMENT_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type DocumentContentType = (typeof DOCUMENT_CONTENT_TYPES)[number];
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export const childFileParamsSchema = z.strictObject({ id: z.uuid(), file: childFileSchema });

export const newNoteInputSchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
});

/** The text fields sent with a document upload (multipart/form-data, the file in the part `file`). */
export const documentFieldsSchema = z.strictObject({
  documentType: z.enum(DOCUMENT_TYPES),
  title: z.string().trim().min(1).max(200),
});

export const caseRecordSchema = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  file: childFileSchema,
  kind: z.enum(['note', 'document']),
  documentType: z.enum(DOCUMENT_TYPES).nullable(),
  title: z.string(),
  /** A note's text; null for a document. */
  body: z.string().nullable(),
  contentType: z.enum(DOCUMENT_CONTENT_TYPES).nullable(),
  sizeBytes: z.number().int().nullable(),
  sha256: z.string().nullable(),
  createdBy: z.uuid(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type CaseRecord = z.infer<typeof caseRecordSchema>;

export const childFileContentSchema = z.object({
  caseId: z.uuid(),
  file: childFileSchema,
  items: z.array(caseRecordSchema),
});

const eventBase = {
  at: z.string(),
  /** The row behind the event (report, transition, assessment, plan item...). */
  id: z.string(),
  byName: z.string().nullable(),
};

/** One step of the child's path. Codes only: the web app translates them. */
export const timelineEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('report'),
    ...eventBase,
    sourceCode: z.string(),
    urgency: z.string(),
    harmForms: z.array(z.string()),
  }),
  z.object({
    /** The case moved, or was asked to move, to another province's DTIPE. */
    kind: z.literal('transfer'),
    ...eventBase,
    fromTerritoryCode: z.string(),
    toTerritoryCode: z.string(),
    status: z.string(),
  }),
  z.object({
    kind: z.literal('transition'),
    ...eventBase,
    fromStage: z.string().nullable(),
    toStage: z.string(),
    closureReason: z.string().nullable(),
    reason: z.string().nullable(),
    approvedByName: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('assessment'),
    ...eventBase,
    instrumentVersion: z.string(),
    dangerLevel: z.string(),
    proposedOrientation: z.string(),
    confirmedOrientation: z.string(),
    overridden: z.boolean(),
  }),
  z.object({
    kind: z.literal('plan_item'),
    ...eventBase,
    serviceCode: z.string(),
    sectorCode: z.string(),
    status: z.string(),
    dueOn: z.string(),
  }),
  z.object({
    kind: z.literal('follow_up'),
    ...eventBase,
    contactType: z.string(),
    nextFollowUpOn: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('evaluation'),
    ...eventBase,
    recommendation: z.string(),
    dangerLevelThen: z.string().nullable(),
    dangerLevelNow: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('note'),
    ...eventBase,
    file: childFileSchema,
    title: z.string(),
  }),
  z.object({
    kind: z.literal('document'),
    ...eventBase,
    file: childFileSchema,
    title: z.string(),
    documentType: z.string().nullable(),
    contentType: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
  }),
]);
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelineSchema = z.object({
  caseId: z.uuid(),
  /** Oldest first. */
  items: z.array(timelineEventSchema),
  /** The files whose notes and documents are included (those the user may read). */
  filesShown: z.array(childFileSchema),
});

export const REPORT_LANGUAGES = ['ar', 'fr'] as const;
export const caseReportQuerySchema = z.strictObject({
  /** Defaults to the user's language when it is French, else Arabic. */
  lang: z.enum(REPORT_LANGUAGES).optional(),
});
