import { type ProtocolRuleValues, protocolSchema } from '@madar/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api';

export type Protocol = z.infer<typeof protocolSchema>;

/** `null`: the national default protocol. */
export const protocolKey = (territoryCode: string | null) =>
  ['protocol', territoryCode ?? 'national'] as const;

export function fetchProtocol(territoryCode: string | null, signal?: AbortSignal): Promise<Protocol> {
  return apiFetch('/protocol-rules', protocolSchema, {
    query: { territoryCode: territoryCode ?? undefined },
    signal,
  });
}

/** The protocol that applies in a territory (its own, or the national default it inherits). */
export function useProtocol(territoryCode: string | null) {
  return useQuery({
    queryKey: protocolKey(territoryCode),
    queryFn: ({ signal }) => fetchProtocol(territoryCode, signal),
  });
}

/**
 * Replaces a territory's rules (or the national ones) as a whole; an empty set returns a territory to
 * the default. `version` is the one the rules were read with: a 409 when someone saved since.
 */
export function useReplaceProtocol() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { territoryCode: string | null; rules: ProtocolRuleValues[]; version: number }) =>
      apiFetch('/protocol-rules', protocolSchema, { method: 'PUT', body: input }),
    onSuccess: (protocol, input) => {
      client.setQueryData(protocolKey(input.territoryCode), protocol);
      // The national set is what every inheriting territory shows.
      if (input.territoryCode === null) void client.invalidateQueries({ queryKey: ['protocol'] });
    },
  });
}
