import multipart from '@fastify/multipart';
import {
  contactParamsSchema,
  createContactInputSchema,
  createInstitutionInputSchema,
  IMPORT_MAX_BYTES,
  idParamsSchema,
  importResultSchema,
  institutionContactSchema,
  institutionDetailSchema,
  institutionExportQuerySchema,
  institutionListQuerySchema,
  institutionSchema,
  nationalCoverageSchema,
  okSchema,
  pageOf,
  publicDirectoryQuerySchema,
  publicDirectorySchema,
  publicReferenceSchema,
  territoryCodeParamsSchema,
  territoryCoverageSchema,
  updateContactInputSchema,
  updateInstitutionInputSchema,
} from '@madar/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context';
import { AppError, badRequest } from '../../platform/errors';
import { actorOf } from '../../platform/http/request';
import type { FastifyZodInstance } from '../../platform/http/zod';
import { problemMessage } from '../../platform/messages';
import { exportInstitutions, ImportRejected, importInstitutions } from './import-export';
import * as institutions from './service';

const tags = ['institutions'];

/** The one part named `file` of an import upload (multipart/form-data). */
async function readImportFile(request: FastifyRequest): Promise<Buffer | null> {
  if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type');
  let file: Buffer | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        if (part.fieldname === 'file') file = bytes;
      }
    }
  } catch (error) {
    if (error instanceof request.server.multipartErrors.FilesLimitError) {
      throw badRequest([{ path: 'file', code: 'one_file_only' }]);
    }
    throw error;
  }
  return file;
}

/**
 * A refused import: a problem document like any validation failure (fields `rows.<row>.<column>`),
 * extended with the whole row-by-row report.
 */
function sendImportRejected(request: FastifyRequest, reply: FastifyReply, rejected: ImportRejected) {
  return reply
    .status(400)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: 'https://madar.ma/problems/validation_failed',
        title: 'Bad Request',
        status: 400,
        code: 'validation_failed',
        detail: problemMessage('validation_failed', request.language),
        instance: request.url.split('?')[0],
        requestId: String(request.id),
        fields: rejected.errors.map((e) => ({
          path: e.row === 0 ? 'file' : `rows.${e.row}${e.column ? `.${e.column}` : ''}`,
          code: e.code,
          message: e.message,
        })),
        report: { rows: rejected.rows, errors: rejected.errors },
      }),
    );
}

export function institutionRoutes(app: FastifyZodInstance, ctx: AppContext) {
  app.get(
    '/institutions',
    {
      schema: {
        tags,
        summary: 'Institutions of the actor map (the professional directory)',
        querystring: institutionListQuerySchema,
        response: { 200: pageOf(institutionSchema) },
      },
    },
    async (request) => institutions.listInstitutions(ctx, request.query),
  );
  app.post(
    '/institutions',
    {
      schema: {
        tags,
        summary: 'Add an institution',
        body: createInstitutionInputSchema,
        response: { 201: institutionSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await institutions.createInstitution(ctx, request, actorOf(request), request.body)),
  );
  app.get(
    '/institutions/export',
    {
      schema: {
        tags,
        summary:
          'The actor map as a spreadsheet (CSV UTF-8 with BOM, or XLSX); contact points are not exported',
        querystring: institutionExportQuerySchema,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (request, reply) => {
      const file = await exportInstitutions(ctx, request.query);
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .send(file.bytes);
    },
  );

  // Multipart is accepted on this route only: every other route keeps answering 415 to it.
  app.register(async (scope) => {
    const uploads = scope as unknown as FastifyZodInstance;
    await uploads.register(multipart, {
      throwFileSizeLimit: true,
      limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 2, fieldSize: 1024, parts: 4, headerPairs: 50 },
    });
    uploads.post(
      '/institutions/import',
      {
        schema: {
          tags,
          summary:
            'Import the actor map (multipart/form-data: file — CSV UTF-8 or XLSX, at most 4 MiB, 5000 rows). All rows or none: any error answers 400 with the row-by-row report',
          consumes: ['multipart/form-data'],
          response: { 200: importResultSchema },
        },
      },
      async (request, reply) => {
        try {
          return await importInstitutions(ctx, request, actorOf(request), () => readImportFile(request));
        } catch (error) {
          if (error instanceof ImportRejected) return sendImportRejected(request, reply, error);
          throw error;
        }
      },
    );
  });

  app.get(
    '/institutions/:id',
    {
      schema: {
        tags,
        summary: 'One institution with its contact points',
        params: idParamsSchema,
        response: { 200: institutionDetailSchema },
      },
    },
    async (request) => institutions.getInstitution(ctx, request, actorOf(request), request.params.id),
  );
  app.put(
    '/institutions/:id',
    {
      schema: {
        tags,
        summary: 'Update an institution (version-checked; a detail left out keeps its value)',
        params: idParamsSchema,
        body: updateInstitutionInputSchema,
        response: { 200: institutionSchema },
      },
    },
    async (request) =>
      institutions.updateInstitution(ctx, request, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/institutions/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Contact points of an institution',
        params: idParamsSchema,
        response: { 200: z.array(institutionContactSchema) },
      },
    },
    async (request) => institutions.listContacts(ctx, request, actorOf(request), request.params.id),
  );
  app.post(
    '/institutions/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Add a contact point',
        params: idParamsSchema,
        body: createContactInputSchema,
        response: { 201: institutionContactSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await institutions.addContact(ctx, request, actorOf(request), request.params.id, request.body)),
  );
  app.put(
    '/institutions/:id/contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'Update a contact point (version-checked)',
        params: contactParamsSchema,
        body: updateContactInputSchema,
        response: { 200: institutionContactSchema },
      },
    },
    async (request) =>
      institutions.updateContact(
        ctx,
        request,
        actorOf(request),
        request.params.id,
        request.params.contactId,
        request.body,
      ),
  );
  app.delete(
    '/institutions/:id/contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'Remove a contact point',
        params: contactParamsSchema,
        response: { 200: okSchema },
      },
    },
    async (request) =>
      institutions.removeContact(ctx, request, actorOf(request), request.params.id, request.params.contactId),
  );

  app.get(
    '/territories/:code/coverage',
    {
      schema: {
        tags,
        summary: 'Coverage of the basket of services in a territory: gaps and single providers',
        params: territoryCodeParamsSchema,
        response: { 200: territoryCoverageSchema },
      },
    },
    async (request) => institutions.territoryCoverage(ctx, request, actorOf(request), request.params.code),
  );
  app.get(
    '/coverage',
    {
      schema: {
        tags,
        summary:
          'Coverage of the basket of services in every territory (counts of gaps and single providers)',
        response: { 200: nationalCoverageSchema },
      },
    },
    async () => institutions.nationalCoverage(ctx),
  );
}

/** Requests per minute and address on the public directory: enough for a person, not for a scraper. */
const PUBLIC_RATE_PER_MINUTE = 120;

/** The public directory of services, registered under /api/public: no login, no contact point. */
export function publicDirectoryRoutes(app: FastifyZodInstance, ctx: AppContext) {
  const config = {
    access: 'public' as const,
    rateLimit: { max: PUBLIC_RATE_PER_MINUTE, timeWindow: '1 minute' },
  };
  app.get(
    '/directory',
    {
      config,
      schema: {
        tags: ['public directory'],
        summary: 'Find services by territory, sector and service (active institutions, no contact points)',
        security: [],
        querystring: publicDirectoryQuerySchema,
        response: { 200: publicDirectorySchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return institutions.publicDirectory(ctx, request.query);
    },
  );
  app.get(
    '/reference',
    {
      config,
      schema: {
        tags: ['public directory'],
        summary: "The public directory's filters: regions, territories, sectors, services, institution types",
        security: [],
        response: { 200: publicReferenceSchema },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'public, max-age=300');
      return institutions.publicReference(ctx);
    },
  );
}
