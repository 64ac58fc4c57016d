import {
  type ContactInput,
  type CreateInstitutionInput,
  type ImportError,
  type InstitutionType,
  importResultSchema,
  institutionContactSchema,
  institutionDetailSchema,
  institutionSchema,
  nationalCoverageSchema,
  okSchema,
  pageOf,
  territoryCoverageSchema,
  type UpdateInstitutionInput,
  userSchema,
} from '@madar/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiFetch, apiUpload, buildUrl } from '../../app/api';

export type { CreateInstitutionInput, UpdateInstitutionInput };

export interface InstitutionFilters {
  q?: string;
  territoryCode?: string;
  sectorCode?: string;
  serviceCode?: string;
  type?: InstitutionType;
  active?: 'true' | 'false';
  limit: number;
  offset: number;
}

const institutionPageSchema = pageOf(institutionSchema);

export const institutionKeys = {
  all: ['institutions'] as const,
  list: (filters: InstitutionFilters) => ['institutions', 'list', filters] as const,
  one: (id: string) => ['institutions', 'one', id] as const,
  coverage: ['institutions', 'coverage'] as const,
};

export function useInstitutions(filters: InstitutionFilters, enabled = true) {
  return useQuery({
    queryKey: institutionKeys.list(filters),
    queryFn: ({ signal }) =>
      apiFetch('/institutions', institutionPageSchema, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** One institution with its contact points. */
export function useInstitution(id: string | null | undefined) {
  return useQuery({
    queryKey: institutionKeys.one(id ?? ''),
    queryFn: ({ signal }) => apiFetch(`/institutions/${id}`, institutionDetailSchema, { signal }),
    enabled: Boolean(id),
  });
}

/** Lists, the institution's page and the coverage all change with an institution. */
function institutionsChanged(client: ReturnType<typeof useQueryClient>) {
  return client.invalidateQueries({ queryKey: institutionKeys.all });
}

export function useSaveInstitution() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      input: { id: string; body: UpdateInstitutionInput } | { id?: undefined; body: CreateInstitutionInput },
    ) =>
      input.id
        ? apiFetch(`/institutions/${input.id}`, institutionSchema, { method: 'PUT', body: input.body })
        : apiFetch('/institutions', institutionSchema, { method: 'POST', body: input.body }),
    onSuccess: () => institutionsChanged(client),
  });
}

// ---------------------------------------------------------------------------------------------
// Contact points

export function useSaveContact(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { id?: string; version?: number; body: ContactInput }) =>
      input.id
        ? apiFetch(`/institutions/${institutionId}/contacts/${input.id}`, institutionContactSchema, {
            method: 'PUT',
            body: { ...input.body, version: input.version ?? 0 },
          })
        : apiFetch(`/institutions/${institutionId}/contacts`, institutionContactSchema, {
            method: 'POST',
            body: input.body,
          }),
    onSuccess: () => client.invalidateQueries({ queryKey: institutionKeys.one(institutionId) }),
  });
}

export function useRemoveContact(institutionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) =>
      apiFetch(`/institutions/${institutionId}/contacts/${contactId}`, okSchema, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: institutionKeys.one(institutionId) }),
  });
}

/**
 * The active accounts of an institution, which a contact point may be linked to. The users list
 * is an administrator's (the same people who keep the actor map); it has no institution filter, so
 * the institution's territory is listed and filtered here.
 */
export function useInstitutionAccounts(institution: { id: string; territoryCode: string }, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'list', { territoryCode: institution.territoryCode, active: 'true', limit: 200 }],
    queryFn: ({ signal }) =>
      apiFetch('/users', pageOf(userSchema), {
        query: { territoryCode: institution.territoryCode, active: 'true', limit: 200, offset: 0 },
        signal,
      }),
    select: (page) => page.items.filter((u) => u.institutionId === institution.id),
    enabled,
  });
}

// ---------------------------------------------------------------------------------------------
// Import and export

/** The spreadsheet of a territory's actor map (or the whole country's), downloaded by the browser. */
export function exportUrl(format: 'csv' | 'xlsx', territoryCode: string | null): string {
  return buildUrl('/institutions/export', { format, territoryCode });
}

/** A refused import: nothing was written; the row-by-row report says why. */
export class ImportRejectedError extends Error {
  constructor(
    readonly errors: ImportError[],
    readonly problem: ApiError,
  ) {
    super('import_rejected');
  }
}

/**
 * The report's rows from the problem's fields (`file`, `rows.<row>` or `rows.<row>.<column>`): every
 * error of the report is one field, with its message already in the user's language.
 */
export function importErrorsOf(error: ApiError): ImportError[] {
  return (error.problem.fields ?? []).map((field) => {
    const [head, row, ...column] = field.path.split('.');
    if (head !== 'rows' || row === undefined) {
      return { row: 0, column: null, code: field.code, message: field.message };
    }
    return {
      row: Number(row),
      column: column.length ? column.join('.') : null,
      code: field.code,
      message: field.message,
    };
  });
}

export function useImportInstitutions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        return await apiUpload('/institutions/import', importResultSchema, form);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'validation_failed') {
          throw new ImportRejectedError(importErrorsOf(error), error);
        }
        throw error;
      }
    },
    onSuccess: () => institutionsChanged(client),
  });
}

// ---------------------------------------------------------------------------------------------
// Coverage of the basket of services

export function useTerritoryCoverage(territoryCode: string | undefined) {
  return useQuery({
    queryKey: [...institutionKeys.coverage, territoryCode],
    queryFn: ({ signal }) =>
      apiFetch(`/territories/${encodeURIComponent(territoryCode ?? '')}/coverage`, territoryCoverageSchema, {
        signal,
      }),
    enabled: Boolean(territoryCode),
  });
}

export function useNationalCoverage(enabled: boolean) {
  return useQuery({
    queryKey: [...institutionKeys.coverage, 'national'],
    queryFn: ({ signal }) => apiFetch('/coverage', nationalCoverageSchema, { signal }),
    enabled,
  });
}
