import {
  type NewReferralInput,
  REFERRAL_UPDATED_EVENT,
  type ReferralCard,
  referralAttachmentSchema,
  referralCardSchema,
  referralListSchema,
  referralMessageListSchema,
  referralMessageSchema,
  referralSuggestionsSchema,
} from '@madar/domain';
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { API_BASE, apiFetch, apiUpload } from '../../app/api';
import { useLiveEvent } from '../../app/live';
import { type DocumentUpload, documentFormData } from '../cases/api';
import { type ReferralListQuery, referralKeys, staleKeysOf } from './model';

/**
 * The API of referral cards (بطاقة الربط). A case's cards live under the case's key
 * (`['case', id, 'referrals']`), so a change to the case refreshes them; lists and cards under
 * `['referrals', …]`. Live events (`referral.updated`, ids only) invalidate both.
 */

export type ReferralSuggestions = z.infer<typeof referralSuggestionsSchema>;
export type ReferralList = z.infer<typeof referralListSchema>;
export type ReferralStep = 'send' | 'acknowledge' | 'start' | 'cancel';

/** Download link: opened by the browser (which sends the session cookie); every download is logged. */
export const attachmentUrl = (attachmentId: string) =>
  `${API_BASE}/referral-attachments/${attachmentId}/content`;

// ---------------------------------------------------------------------------------------------
// Lists

export function useReferralList(query: ReferralListQuery, enabled = true) {
  return useQuery({
    queryKey: referralKeys.list(query),
    queryFn: ({ signal }) => apiFetch('/referrals', referralListSchema, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCaseReferrals(caseId: string) {
  return useQuery({
    queryKey: referralKeys.ofCase(caseId),
    queryFn: ({ signal }) => apiFetch(`/cases/${caseId}/referrals`, referralListSchema, { signal }),
  });
}

// ---------------------------------------------------------------------------------------------
// Writing a card from a plan item

export function useReferralSuggestions(planItemId: string, enabled: boolean) {
  return useQuery({
    queryKey: referralKeys.suggestions(planItemId),
    queryFn: ({ signal }) =>
      apiFetch(`/plan-items/${planItemId}/referral/suggestions`, referralSuggestionsSchema, { signal }),
    enabled,
    // The open card and the actor map change: asked again each time the form opens.
    staleTime: 0,
  });
}

/** What the case page must show again after a card changed. */
function caseCardsChanged(client: QueryClient, caseId: string) {
  void client.invalidateQueries({ queryKey: referralKeys.ofCase(caseId) });
  void client.invalidateQueries({ queryKey: referralKeys.plan(caseId) });
  void client.invalidateQueries({ queryKey: referralKeys.lists });
}

/** Writes the draft, then (`send`) sends it: two steps, so a refused sending leaves a draft to fix. */
export function useCreateReferral(caseId: string, planItemId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, send }: { body: NewReferralInput; send: boolean }) => {
      const draft = await apiFetch(`/plan-items/${planItemId}/referral`, referralCardSchema, {
        method: 'POST',
        body,
      });
      client.setQueryData(referralKeys.card(draft.id), draft);
      if (!send) return draft;
      try {
        return await apiFetch(`/referrals/${draft.id}/send`, referralCardSchema, {
          method: 'POST',
          body: { version: draft.version },
        });
      } catch (error) {
        // The draft is saved: the page shows it in the case's cards, to be sent from its own page.
        caseCardsChanged(client, caseId);
        throw Object.assign(error as Error, { draftId: draft.id });
      }
    },
    onSuccess: (card) => {
      client.setQueryData(referralKeys.card(card.id), card);
      caseCardsChanged(client, caseId);
    },
  });
}

// ---------------------------------------------------------------------------------------------
// One card

export function useReferral(id: string | undefined) {
  return useQuery({
    queryKey: referralKeys.card(id ?? ''),
    queryFn: ({ signal }) => apiFetch(`/referrals/${id}`, referralCardSchema, { signal }),
    enabled: Boolean(id),
  });
}

/** The card as the server answered goes on screen at once; the lists and the case follow. */
function cardChanged(client: QueryClient, card: ReferralCard) {
  client.setQueryData(referralKeys.card(card.id), card);
  caseCardsChanged(client, card.caseId);
}

/** A 409's `current` (the card as it is now) shown at once; fetched again anyway. */
export function useReloadCard(id: string) {
  const client = useQueryClient();
  return (current: unknown) => {
    const parsed = referralCardSchema.safeParse(current);
    if (parsed.success) cardChanged(client, parsed.data);
    void client.invalidateQueries({ queryKey: referralKeys.card(id) });
    void client.invalidateQueries({ queryKey: referralKeys.messages(id) });
  };
}

export function useReferralStep(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ step, version }: { step: ReferralStep; version: number }) =>
      apiFetch(`/referrals/${id}/${step}`, referralCardSchema, { method: 'POST', body: { version } }),
    onSuccess: (card) => cardChanged(client, card),
  });
}

export function useCompleteReferral(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { measures: string; version: number }) =>
      apiFetch(`/referrals/${id}/complete`, referralCardSchema, { method: 'POST', body }),
    onSuccess: (card) => cardChanged(client, card),
  });
}

export function useDeclineReferral(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string; version: number }) =>
      apiFetch(`/referrals/${id}/decline`, referralCardSchema, { method: 'POST', body }),
    onSuccess: (card) => cardChanged(client, card),
  });
}

// ---------------------------------------------------------------------------------------------
// Thread and documents

export function useReferralMessages(id: string) {
  return useQuery({
    queryKey: referralKeys.messages(id),
    queryFn: ({ signal }) => apiFetch(`/referrals/${id}/messages`, referralMessageListSchema, { signal }),
  });
}

export function usePostMessage(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      apiFetch(`/referrals/${id}/messages`, referralMessageSchema, { method: 'POST', body: { body } }),
    onSuccess: (message) => {
      client.setQueryData<z.infer<typeof referralMessageListSchema>>(referralKeys.messages(id), (old) =>
        old && !old.items.some((m) => m.id === message.id) ? { items: [...old.items, message] } : old,
      );
      // The lists count the messages.
      void client.invalidateQueries({ queryKey: referralKeys.lists });
    },
  });
}

export function useUploadAttachment(id: string, onProgress: (fraction: number) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (upload: DocumentUpload) =>
      apiUpload(
        `/referrals/${id}/attachments`,
        referralAttachmentSchema,
        documentFormData(upload),
        onProgress,
      ),
    onSuccess: (attachment) => {
      client.setQueryData<ReferralCard>(referralKeys.card(id), (old) =>
        old ? { ...old, attachments: [...old.attachments, attachment] } : old,
      );
      void client.invalidateQueries({ queryKey: referralKeys.card(id) });
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Live updates

/**
 * Keeps what is on screen in step with the other side: each `referral.updated` event heard on the
 * shell's one stream refetches the matching queries that are displayed (others only go stale).
 */
export function useReferralLiveUpdates(): void {
  const client = useQueryClient();
  useLiveEvent(REFERRAL_UPDATED_EVENT, (data) => {
    for (const queryKey of staleKeysOf(data)) void client.invalidateQueries({ queryKey });
  });
}
