import {
  type ChildIdentity,
  childProfileSchema,
  type childSearchInputSchema,
  childSearchResultSchema,
  type SEXES,
} from '@madar/domain';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api';

export type Sex = (typeof SEXES)[number];
export type ChildSearchInput = z.input<typeof childSearchInputSchema>;
export type ChildSearchResult = z.infer<typeof childSearchResultSchema>;
export type ChildMatch = ChildSearchResult['items'][number];

/**
 * Name search goes by POST (names never travel in a URL), and as a mutation: the results hold
 * identities whose every view is logged, so they are not cached nor fetched again in the background.
 */
export function useChildSearch() {
  return useMutation({
    mutationFn: (body: ChildSearchInput) =>
      apiFetch('/children/search', childSearchResultSchema, { method: 'POST', body }),
  });
}

/** Likely duplicates of a child about to be registered. */
export function useDuplicateCheck() {
  return useMutation({
    mutationFn: (body: { territoryCode: string; sex: Sex; identity: ChildIdentity }) =>
      apiFetch('/children/duplicates', childSearchResultSchema, { method: 'POST', body }),
  });
}

/** Merges a duplicate into the child kept: the server moves the cases and keeps both histories. */
export function useMergeChildren() {
  return useMutation({
    mutationFn: (body: { duplicateId: string; keepId: string }) =>
      apiFetch('/children/merge', childProfileSchema, { method: 'POST', body }),
  });
}
