import multipart from '@fastify/multipart';
import {
  caseRecordSchema,
  caseReportQuerySchema,
  childFileContentSchema,
  childFileParamsSchema,
  DOCUMENT_MAX_BYTES,
  idParamsSchema,
  newNoteInputSchema,
  timelineSchema,
} from '@madar/domain';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest } from '../../platform/errors';
import { actorOf, sendDocument } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import * as records from './service';

const tags = ['child files'];

/** Reads the document upload: text fields and the one part named `file`. */
export async function readUpload(request: FastifyRequest): Promise<records.Upload> {
  if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type');
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // A file under another name is an unknown field, reported as such by the field schema.
        if (part.fieldname === 'file') file = bytes;
        else fields[part.fieldname] = '';
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (error) {
    if (error instanceof request.server.multipartErrors.FilesLimitError) {
      throw badRequest([{ path: 'file', code: 'one_file_only' }]);
    }
    throw error;
  }
  return { fields, file };
}

/**
 * Multipart options of a document upload route (one file of at most 10 MiB, a few text fields).
 * Registered in a route's own scope, so every other route keeps answering 415 to multipart.
 */
export const DOCUMENT_UPLOAD_OPTIONS = {
  throwFileSizeLimit: true,
  limits: {
    fileSize: DOCUMENT_MAX_BYTES,
    files: 1,
    fields: 5,
    fieldSize: 4096,
    parts: 8,
    headerPairs: 50,
  },
};

export function recordRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.post(
    '/cases/:id/files/:file/notes',
    {
      schema: {
        tags,
        summary: "Add a note to one of the child's files (judicial, medical, social)",
        params: childFileParamsSchema,
        body: newNoteInputSchema,
        response: { 201: caseRecordSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await records.addNote(
            ctx,
            request,
            actorOf(request),
            request.params.id,
            request.params.file,
            request.body,
          ),
        ),
  );

  // Multipart is accepted on this route only: every other route keeps answering 415 to it.
  app.register(async (scope) => {
    const uploads = scope as unknown as FastifyZodInstance;
    await uploads.register(multipart, DOCUMENT_UPLOAD_OPTIONS);
    uploads.post(
      '/cases/:id/files/:file/documents',
      {
        schema: {
          tags,
          summary:
            'Add a document (multipart/form-data: documentType, title, file — PDF, JPEG, PNG or WebP, at most 10 MiB)',
          consumes: ['multipart/form-data'],
          params: childFileParamsSchema,
          response: { 201: caseRecordSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await records.addDocument(
              ctx,
              request,
              actorOf(request),
              request.params.id,
              request.params.file,
              () => readUpload(request),
            ),
          ),
    );
  });

  app.get(
    '/cases/:id/files/:file',
    {
      schema: {
        tags,
        summary: "The notes and documents of one of the child's files (the view is logged)",
        params: childFileParamsSchema,
        response: { 200: childFileContentSchema },
      },
    },
    async (request) =>
      records.getFile(ctx, request, actorOf(request), request.params.id, request.params.file),
  );

  app.get(
    '/documents/:id/content',
    {
      schema: {
        tags,
        summary: "Download a document of a child's file (every download is logged)",
        params: idParamsSchema,
      },
    },
    async (request, reply) => {
      const document = await records.downloadDocument(ctx, request, actorOf(request), request.params.id);
      return sendDocument(reply, document);
    },
  );

  app.get(
    '/cases/:id/timeline',
    {
      schema: {
        tags,
        summary:
          "The child's path on one page: reports, stages, assessments, services, follow-ups, evaluations, files",
        params: idParamsSchema,
        response: { 200: timelineSchema },
      },
    },
    async (request) => records.getTimeline(ctx, request, actorOf(request), request.params.id),
  );

  app.get(
    '/cases/:id/report.pdf',
    {
      schema: {
        tags,
        summary: "The printable evaluation report of the child's situation (PDF, Arabic or French)",
        params: idParamsSchema,
        querystring: caseReportQuerySchema,
      },
    },
    async (request, reply) => {
      const report = await records.caseReportPdf(
        ctx,
        request,
        actorOf(request),
        request.params.id,
        request.query.lang,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${report.filename}"`)
        .header('cache-control', 'no-store, private')
        .send(report.pdf);
    },
  );
}
