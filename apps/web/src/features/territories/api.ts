import { communeSchema, type createCommuneInputSchema } from '@madar/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
