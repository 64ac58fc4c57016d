import { accessLogRowSchema, pageOf } from '@madar/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../app/api';

/** The kinds of view the server records (`what` in the access log), in the order the filter lists them. */
export const ACCESS_KINDS = [
  'identity',
  'identity_search',
  'identity_edit',
  'report',
  'file:social',
  'file:medical',
  'file:judicial',
  'document',
  'report_pdf',
  'timeline',
  'follow_ups',
  'merge',
] as const;

/** Translation key of a kind: i18next reads ':' as a namespace separator, so `file:social` → `file_social`. */
export function accessKindKey(what: string): string {
  return `accessLog.what.${what.replace(/:/g, '_')}`;
}

export type AccessLogRow = z.infer<typeof accessLogRowSchema>;

export interface AccessLogFilters {
  territoryCode?: string;
  childCode?: string;
  login?: string;
  what?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const accessLogPageSchema = pageOf(accessLogRowSchema);

export function useAccessLog(filters: AccessLogFilters, enabled = true) {
  return useQuery({
    queryKey: ['access-log', filters],
    queryFn: ({ signal }) => apiFetch('/access-log', accessLogPageSchema, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
