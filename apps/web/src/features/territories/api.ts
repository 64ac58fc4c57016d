import { circuitSchema, communeSchema, type createCommuneInputSchema } from '@madar/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiFetch } from '../../app/api';

export type CreateCommuneInput = z.infer<typeof createCommuneInputSchema>;

const communeListSchema = z.array(communeSchema);

export function useCommunes(territoryCode: string | undefined) {
  return useQuery({
    queryKey: ['communes', territoryCode],
    queryFn: ({ signal }) =>
      apiFetch(`/territories/${encodeURIComponent(territoryCode ?? '')}/communes`, communeListSchema, {
        signal,
      }),
    enabled: Boolean(territoryCode),
  });
}

export function useCreateCommune() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCommuneInput) => apiFetch('/communes', communeSchema, { method: 'POST', body }),
    onSuccess: (commune) => {
      void client.invalidateQueries({ queryKey: ['communes', commune.territoryCode] });
    },
  });
}

/** The circuit view of a territory: where children wait, per sector and service (aggregates only). */
export function useCircuit(territoryCode: string | undefined, period: { from?: string; to?: string }) {
  return useQuery({
    queryKey: ['circuit', territoryCode, period],
    queryFn: ({ signal }) =>
      apiFetch(`/territories/${encodeURIComponent(territoryCode ?? '')}/circuit`, circuitSchema, {
        query: { from: period.from, to: period.to },
        signal,
      }),
    enabled: Boolean(territoryCode),
    placeholderData: keepPreviousData,
  });
}
