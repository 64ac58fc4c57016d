import {
  type CaseTransfer,
  caseTransferListSchema,
  caseTransferSchema,
  type NewTransferInput,
  pageOf,
  type TransferStatus,
} from '@madar/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../app/api';
import { useLiveEvent } from '../../app/live';

export type Direction = 'incoming' | 'outgoing';

export const transferKeys = {
  all: ['transfers'] as const,
  list: (filters: TransferFilters) => ['transfers', 'list', filters] as const,
  /** Under the case's own key, so a change to the case refreshes it, and the reverse. */
  ofCase: (caseId: string) => ['case', caseId, 'transfers'] as const,
};

export interface TransferFilters {
  direction: Direction;
  status?: TransferStatus;
  limit: number;
  offset: number;
}

const transferPageSchema = pageOf(caseTransferSchema);

/** The coordinator's incoming or outgoing requests. */
export function useTransfers(filters: TransferFilters) {
  return useQuery({
    queryKey: transferKeys.list(filters),
    queryFn: ({ signal }) => apiFetch('/transfers', transferPageSchema, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** A case's requests, and whether the user may ask for one now. */
export function useCaseTransfers(caseId: string) {
  return useQuery({
    queryKey: transferKeys.ofCase(caseId),
    queryFn: ({ signal }) => apiFetch(`/cases/${caseId}/transfers`, caseTransferListSchema, { signal }),
  });
}

/** After any step: the lists, the case (its page, the caseload) and the notifications. */
function useTransferChanged() {
  const client = useQueryClient();
  return (transfer?: CaseTransfer) => {
    void client.invalidateQueries({ queryKey: transferKeys.all });
    if (transfer) void client.invalidateQueries({ queryKey: ['case', transfer.caseId] });
    void client.invalidateQueries({ queryKey: ['cases'] });
  };
}

export function useRequestTransfer(caseId: string) {
  const changed = useTransferChanged();
  return useMutation({
    mutationFn: (body: NewTransferInput) =>
      apiFetch(`/cases/${caseId}/transfers`, caseTransferSchema, { method: 'POST', body }),
    onSuccess: (transfer) => changed(transfer),
  });
}

export function useDecideTransfer() {
  const changed = useTransferChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; accept: boolean; note: string | null; version: number }) =>
      apiFetch(`/transfers/${id}/decision`, caseTransferSchema, { method: 'POST', body }),
    onSuccess: (transfer) => changed(transfer),
  });
}

export function useCancelTransfer() {
  const changed = useTransferChanged();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      apiFetch(`/transfers/${id}/cancel`, caseTransferSchema, { method: 'POST', body: { version } }),
    onSuccess: (transfer) => changed(transfer),
  });
}

/** Reloads after a 409 (someone else acted first), whatever the error carried. */
export function useReloadTransfers() {
  const changed = useTransferChanged();
  return () => changed();
}

/**
 * A transfer notice (a new request, a decision, a withdrawn request) refreshes the lists on screen
 * without reloading: a request withdrawn while the receiving coordinator reads it shows as withdrawn.
 */
export function useTransfersLive() {
  const client = useQueryClient();
  useLiveEvent('notification', (data) => {
    if (typeof data.kind === 'string' && data.kind.startsWith('transfer_')) {
      void client.invalidateQueries({ queryKey: transferKeys.all });
    }
  });
}
