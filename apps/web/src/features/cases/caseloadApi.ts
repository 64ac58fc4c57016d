import { type CASELOAD_VIEWS, type caseListQuerySchema, caseSummarySchema, pageOf } from '@madar/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../app/api';

export type CaseloadView = (typeof CASELOAD_VIEWS)[number];
export type CaseloadQuery = Partial<z.infer<typeof caseListQuerySchema>>;

const casePageSchema = pageOf(caseSummarySchema);

/** A caseload view with its filters (codes and ids only: never a name in a URL). */
export function useCaseload(query: CaseloadQuery, enabled = true) {
  return useQuery({
    queryKey: ['cases', 'list', query],
    queryFn: ({ signal }) => apiFetch('/cases', casePageSchema, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

const caseworkerSchema = z.object({ id: z.uuid(), fullName: z.string(), roles: z.array(z.string()) });
export type Caseworker = z.infer<typeof caseworkerSchema>;

/** The CAPE's coordinator and social workers of a territory: whom a case can be assigned to. */
export function useCaseworkers(territoryCode: string | null | undefined) {
  return useQuery({
    queryKey: ['caseworkers', territoryCode],
    queryFn: ({ signal }) =>
      apiFetch(
        `/territories/${encodeURIComponent(territoryCode ?? '')}/caseworkers`,
        z.array(caseworkerSchema),
        { signal },
      ),
    enabled: Boolean(territoryCode),
    staleTime: 5 * 60_000,
  });
}
