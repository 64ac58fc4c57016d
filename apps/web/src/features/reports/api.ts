import {
  type closeReportInputSchema,
  type NewReportInput,
  pageOf,
  type REPORT_STATUSES,
  reportDetailSchema,
  reportSummarySchema,
  type triageChildInputSchema,
  type URGENCIES,
} from '@madar/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiError, apiFetch } from '../../app/api';

export type Urgency = (typeof URGENCIES)[number];
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export type ReportSummary = z.infer<typeof reportSummarySchema>;
export type ReportDetail = z.infer<typeof reportDetailSchema>;
export type ReportedChild = ReportDetail['children'][number];
export type TriageChildInput = z.input<typeof triageChildInputSchema>;
export type CloseReason = z.infer<typeof closeReportInputSchema>['reason'];

export const CLOSE_REASONS: readonly CloseReason[] = [
  'not_child_protection',
  'duplicate_report',
  'insufficient_information',
  'referred_elsewhere',
  'other',
];

const reportPageSchema = pageOf(reportSummarySchema);
const triageResultSchema = z.object({ childId: z.uuid(), caseId: z.uuid() });

export function useCreateReport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewReportInput) => apiFetch('/reports', reportSummarySchema, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['reports'] }),
  });
}

export function useMyReports(page: { limit: number; offset: number }) {
  return useQuery({
    queryKey: ['reports', 'mine', page],
    queryFn: ({ signal }) => apiFetch('/reports/mine', reportPageSchema, { query: { ...page }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useTriageQueue(query: { status: ReportStatus; limit: number; offset: number }) {
  return useQuery({
    queryKey: ['reports', 'triage', query],
    queryFn: ({ signal }) => apiFetch('/reports/triage', reportPageSchema, { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
    // A new urgent report must not wait for a reload to appear.
    refetchInterval: query.status === 'new' ? 60_000 : false,
  });
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: ['reports', 'one', id],
    queryFn: ({ signal }) => apiFetch(`/reports/${id}`, reportDetailSchema, { signal }),
    enabled: Boolean(id),
    // Each read of a report is logged: no background refetch.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useTriageChild(reportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TriageChildInput) =>
      apiFetch(`/reports/${reportId}/triage`, triageResultSchema, { method: 'POST', body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['reports'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
    // Someone else triaged this child or closed the report meanwhile: show the report as it is now.
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        void client.invalidateQueries({ queryKey: ['reports', 'one', reportId] });
      }
    },
  });
}

export function useCloseReport(reportId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: CloseReason; version: number }) =>
      apiFetch(`/reports/${reportId}/close`, reportSummarySchema, { method: 'POST', body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['reports'] }),
  });
}
