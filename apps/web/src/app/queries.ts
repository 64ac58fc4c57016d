import {
  type Language,
  publicConfigSchema,
  referenceDataSchema,
  type SessionState,
  sessionStateSchema,
} from '@madar/domain';
import { notifications } from '@mantine/notifications';
import { QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { i18n } from '../i18n';
import { ApiError, apiFetch } from './api';

export type PublicConfig = z.infer<typeof publicConfigSchema>;
export type ReferenceData = z.infer<typeof referenceDataSchema>;

export const queryKeys = {
  config: ['config'] as const,
  reference: ['reference'] as const,
  session: ['session'] as const,
};

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, error) =>
          !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
  // Any call that finds the session gone (401) or a step still pending (403 step_required) makes the
  // route guard look at the session again.
  const onError = (error: unknown) => {
    if (!(error instanceof ApiError)) return;
    if (error.status === 401 && SESSION_GONE_CODES.has(error.code)) {
      const hadSession = Boolean(client.getQueryData(queryKeys.session));
      client.setQueryData(queryKeys.session, null);
      if (hadSession && error.code === 'session_expired') {
        notifications.show({
          id: 'session-expired',
          color: 'orange',
          message: i18n.t('auth.sessionExpired'),
        });
      }
    } else if (error.status === 403 && error.code === 'step_required') {
      void client.invalidateQueries({ queryKey: queryKeys.session });
    }
  };
  client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
  });
  client.getMutationCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
  });
  return client;
}

/** A wrong password or code is a 401 too, but says nothing about the session: only these end it. */
const SESSION_GONE_CODES = new Set(['unauthenticated', 'session_expired', 'http_401']);

export function useConfig() {
  return useQuery({
    queryKey: queryKeys.config,
    queryFn: ({ signal }) => apiFetch('/config', publicConfigSchema, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useReference() {
  return useQuery({
    queryKey: queryKeys.reference,
    queryFn: ({ signal }) => apiFetch('/reference', referenceDataSchema, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** The session, or null when nobody is signed in. */
export function useSession() {
  return useQuery<SessionState | null>({
    queryKey: queryKeys.session,
    queryFn: async ({ signal }) => {
      try {
        return await apiFetch('/auth/session', sessionStateSchema, { signal });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** The last session seen, so that components of the signed-in area survive the render in which it ends. */
let lastSession: SessionState | null = null;

/**
 * The signed-in user; only for components rendered behind the route guard. When the session has
 * just ended, the guard is about to redirect: until then, the last session is returned.
 */
export function useCurrentSession(): SessionState {
  const { data } = useSession();
  if (data) lastSession = data;
  if (!lastSession) throw new Error('useCurrentSession used outside the signed-in area');
  return lastSession;
}

export function useSetSession() {
  const client = useQueryClient();
  return (session: SessionState | null) => client.setQueryData(queryKeys.session, session);
}

export function nameIn(
  item: { nameAr: string; nameFr: string; nameEn?: string } | undefined,
  language: Language,
): string {
  if (!item) return '';
  if (language === 'ar') return item.nameAr;
  if (language === 'en') return item.nameEn ?? item.nameFr;
  return item.nameFr;
}

export function ministryNameIn(config: PublicConfig | undefined, language: Language): string {
  return config ? config.ministryName[language] : '';
}
