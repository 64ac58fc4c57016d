import {
  type createInstitutionInputSchema,
  institutionSchema,
  pageOf,
  type updateInstitutionInputSchema,
} from '@madar/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api';

export type CreateInstitutionInput = z.infer<typeof createInstitutionInputSchema>;
export type UpdateInstitutionInput = z.infer<typeof updateInstitutionInputSchema>;

export interface InstitutionFilters {
  q?: string;
  territoryCode?: string;
  sectorCode?: string;
  active?: 'true' | 'false';
  limit: number;
  offset: number;
}

const institutionPageSchema = pageOf(institutionSchema);

export function useInstitutions(filters: InstitutionFilters, enabled = true) {
  return useQuery({
    queryKey: ['institutions', 'list', filters],
    queryFn: ({ signal }) =>
      apiFetch('/institutions', institutionPageSchema, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useInstitution(id: string | null | undefined) {
  return useQuery({
    queryKey: ['institutions', 'one', id],
    queryFn: ({ signal }) => apiFetch(`/institutions/${id}`, institutionSchema, { signal }),
    enabled: Boolean(id),
  });
}

export function useSaveInstitution() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      input: { id: string; body: UpdateInstitutionInput } | { id?: undefined; body: CreateInstitutionInput },
    ) =>
      input.id
        ? apiFetch(`/institutions/${input.id}`, institutionSchema, {
            method: 'PUT',
            body: input.body,
          })
        : apiFetch('/institutions', institutionSchema, {
            method: 'POST',
            body: input.body,
          }),
    onSuccess: (saved) => {
      client.setQueryData(['institutions', 'one', saved.id], saved);
      void client.invalidateQueries({ queryKey: ['institutions', 'list'] });
    },
  });
}
