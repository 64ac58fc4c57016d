import { type AuditEvent, auditEntrySchema, pageOf } from '@madar/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../app/api';

export interface AuditFilters {
  event?: AuditEvent;
  outcome?: 'success' | 'failure';
  actor?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

const auditPageSchema = pageOf(auditEntrySchema);

export function useAuditLog(filters: AuditFilters) {
  return useQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal }) => apiFetch('/audit-log', auditPageSchema, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}
