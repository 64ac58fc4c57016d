import {
  type AssessmentAnswersInput,
  accessLogEntrySchema,
  assessmentCreatedSchema,
  assessmentListSchema,
  type CaseSummary,
  type ChildFile,
  type ChildIdentity,
  caseRecordSchema,
  caseSummarySchema,
  childFileContentSchema,
  childWithIdentitySchema,
  type DocumentType,
  evaluationCreatedSchema,
  evaluationListSchema,
  followUpCreatedSchema,
  followUpListSchema,
  instrumentDetailSchema,
  type NewFollowUpInput,
  type NewPlanItemInput,
  type PlanItem,
  planItemSchema,
  planSchema,
  planSuggestionsSchema,
  type Recommendation,
  type SEXES,
  timelineSchema,
  transitionSchema,
  type UpdatePlanItemInput,
} from '@madar/domain';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { API_BASE, apiFetch, apiUpload } from '../../app/api';

/**
 * The API of the child's case page. Every query of a case lives under `['case', id]`, so that a
 * change to the case refreshes what is on screen; the child's identity is never cached (see
 * `useRevealIdentity`).
 */

/** What GET /cases/:id answers: the summary, what the user may do, and the history of the circuit. */
export const caseDetailSchema = caseSummarySchema.extend({
  permissions: z.record(z.string(), z.boolean()),
  transitions: z.array(transitionSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
export type CaseTransition = z.infer<typeof transitionSchema>;
export type CasePermission =
  | 'readIdentity'
  | 'update'
  | 'assign'
  | 'approveClosure'
  | 'readMedicalFile'
  | 'readJudicialFile'
  | 'readSocialFile'
  | 'readAccessLog';

export function can(detail: CaseDetail, permission: CasePermission): boolean {
  return detail.permissions[permission] === true;
}

export const caseKeys = {
  all: (id: string) => ['case', id] as const,
  detail: (id: string) => ['case', id, 'detail'] as const,
  assessments: (id: string) => ['case', id, 'assessments'] as const,
  evaluations: (id: string) => ['case', id, 'evaluations'] as const,
  plan: (id: string) => ['case', id, 'plan'] as const,
  suggestions: (id: string) => ['case', id, 'plan', 'suggestions'] as const,
  followUps: (id: string) => ['case', id, 'follow-ups'] as const,
  file: (id: string, file: ChildFile) => ['case', id, 'file', file] as const,
  timeline: (id: string) => ['case', id, 'timeline'] as const,
  accessLog: (id: string) => ['case', id, 'access-log'] as const,
  instrument: ['assessment-instrument', 'active'] as const,
};

/** Download links: opened by the browser (which sends the session cookie), so the filename is kept. */
export const reportPdfUrl = (caseId: string, lang: 'ar' | 'fr') =>
  `${API_BASE}/cases/${caseId}/report.pdf?lang=${lang}`;
export const documentUrl = (documentId: string) => `${API_BASE}/documents/${documentId}/content`;

// ---------------------------------------------------------------------------------------------
// The case

export function useCase(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.detail(id ?? ''),
    queryFn: ({ signal }) => apiFetch(`/cases/${id}`, caseDetailSchema, { signal }),
    enabled: Boolean(id),
  });
}

/** After a change: the summary the server answered goes on screen at once, the rest is fetched again. */
function caseChanged(client: QueryClient, caseId: string, summary?: CaseSummary) {
  if (summary) {
    client.setQueryData<CaseDetail>(caseKeys.detail(caseId), (old) => (old ? { ...old, ...summary } : old));
  }
  void client.invalidateQueries({ queryKey: caseKeys.all(caseId) });
  // The caseload lists show stage, level, worker and dates.
  void client.invalidateQueries({ queryKey: ['cases'] });
}

/** A 409's `current` is the case as it is now: shown at once when the user reloads. */
export function useReloadCase(caseId: string) {
  const client = useQueryClient();
  return (current: unknown) => caseChanged(client, caseId, parseSummary(current));
}

function parseSummary(value: unknown): CaseSummary | undefined {
  const parsed = caseSummarySchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function useCaseMutation<I>(caseId: string, call: (input: I) => Promise<CaseSummary>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (summary) => caseChanged(client, caseId, summary),
  });
}

export function useUpdateCase(caseId: string) {
  return useCaseMutation(caseId, (body: { situations: string[]; harmForms: string[]; version: number }) =>
    apiFetch(`/cases/${caseId}`, caseSummarySchema, { method: 'PUT', body }),
  );
}

export interface TransitionBody {
  to: CaseSummary['stage'];
  reason: string | null;
  closureReason: string | null;
  confirmOpenServices: boolean;
  version: number;
}

export function useTransition(caseId: string) {
  return useCaseMutation(caseId, (body: TransitionBody) =>
    apiFetch(`/cases/${caseId}/transitions`, caseSummarySchema, { method: 'POST', body }),
  );
}

export function useClosureDecision(caseId: string) {
  return useCaseMutation(caseId, (body: { approve: boolean; note: string | null; version: number }) =>
    apiFetch(`/cases/${caseId}/closure-decision`, caseSummarySchema, { method: 'POST', body }),
  );
}

export function useAssignCase(caseId: string) {
  return useCaseMutation(caseId, (body: { workerId: string | null; version: number }) =>
    apiFetch(`/cases/${caseId}/assignment`, caseSummarySchema, { method: 'POST', body }),
  );
}

// ---------------------------------------------------------------------------------------------
// The child's identity: fetched on demand, every view logged by the server; never cached.

export type Sex = (typeof SEXES)[number];
export type ChildWithIdentity = z.infer<typeof childWithIdentitySchema>;

/**
 * A mutation rather than a query: the identity is fetched only when the user asks, is not kept in
 * the query cache and is never fetched again in the background (each fetch is a logged view).
 */
export function useRevealIdentity() {
  return useMutation({
    mutationFn: (childId: string) => apiFetch(`/children/${childId}/identity`, childWithIdentitySchema),
  });
}

export function useUpdateIdentity(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      childId,
      body,
    }: {
      childId: string;
      body: { sex: Sex; identity: ChildIdentity; version: number };
    }) => apiFetch(`/children/${childId}/identity`, childWithIdentitySchema, { method: 'PUT', body }),
    // The sex and age band shown in the header may have changed.
    onSuccess: () => caseChanged(client, caseId),
  });
}

export function useAccessLog(caseId: string, childId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.accessLog(caseId),
    queryFn: ({ signal }) =>
      apiFetch(`/children/${childId}/access-log`, z.array(accessLogEntrySchema), { signal }),
    enabled,
  });
}

// ---------------------------------------------------------------------------------------------
// Danger assessment and evaluation cards

export function useActiveInstrument() {
  return useQuery({
    queryKey: caseKeys.instrument,
    queryFn: ({ signal }) => apiFetch('/assessment-instruments/active', instrumentDetailSchema, { signal }),
    staleTime: 10 * 60_000,
  });
}

export function useAssessments(caseId: string) {
  return useQuery({
    queryKey: caseKeys.assessments(caseId),
    queryFn: ({ signal }) => apiFetch(`/cases/${caseId}/assessments`, assessmentListSchema, { signal }),
  });
}

export interface AssessmentBody {
  answers: AssessmentAnswersInput;
  confirmedOrientation: string;
  overrideJustification: string | null;
}

export function useCreateAssessment(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: AssessmentBody) =>
      apiFetch(`/cases/${caseId}/assessments`, assessmentCreatedSchema, { method: 'POST', body }),
    onSuccess: () => caseChanged(client, caseId),
  });
}

export function useEvaluations(caseId: string) {
  return useQuery({
    queryKey: caseKeys.evaluations(caseId),
    queryFn: ({ signal }) => apiFetch(`/cases/${caseId}/evaluations`, evaluationListSchema, { signal }),
  });
}

export interface EvaluationBody {
  currentAssessmentId?: string | null;
  answers?: AssessmentAnswersInput;
  confirmedOrientation?: string;
  overrideJustification: string | null;
  servicesEffect: string;
  recommendation: Recommendation;
}

export function useCreateEvaluation(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: EvaluationBody) =>
      apiFetch(`/cases/${caseId}/evaluations`, evaluationCreatedSchema, { method: 'POST', body }),
    onSuccess: () => caseChanged(client, caseId),
  });
}

// ---------------------------------------------------------------------------------------------
// Case plan

export function usePlan(caseId: string) {
  return useQuery({
    queryKey: caseKeys.plan(caseId),
    queryFn: ({ signal }) => apiFetch(`/cases/${caseId}/plan`, planSchema, { signal }),
  });
}

export function usePlanSuggestions(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.suggestions(caseId),
    queryFn: ({ signal }) => apiFetch(`/cases/${caseId}/plan/suggestions`, planSuggestionsSchema, { signal }),
    enabled,
  });
}

export function useAddPlanItem(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPlanItemInput) =>
      apiFetch(`/cases/${caseId}/plan`, planItemSchema, { method: 'POST', body }),
    onSuccess: (item) => {
      // On screen at once: the suggestion it came from disappears before anything is fetched again.
      client.setQueryData<{ items: PlanItem[] }>(caseKeys.plan(caseId), (old) =>
        old ? { items: [...old.items, item] } : old,
      );
      caseChanged(client, caseId);
    },
  });
}

export function useUpdatePlanItem(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePlanItemInput }) =>
      apiFetch(`/plan-items/${id}`, planItemSchema, { method: 'PUT', body }),
    onSuccess: () => caseChanged(client, caseId),
  });
}

// ---------------------------------------------------------------------------------------------
// Follow-up cards

export function useFollowUps(caseId: string) {
  return useQuery({
    queryKey: caseKeys.followUps(caseId),
    queryFn: ({ signal }) => apiFetch(`/cases/${caseId}/follow-ups`, followUpListSchema, { signal }),
  });
}

export function useCreateFollowUp(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewFollowUpInput) =>
      apiFetch(`/cases/${caseId}/follow-ups`, followUpCreatedSchema, { method: 'POST', body }),
    onSuccess: () => caseChanged(client, caseId),
  });
}

// ---------------------------------------------------------------------------------------------
// The child's three files

export function useChildFile(caseId: string, file: ChildFile, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.file(caseId, file),
    queryFn: ({ signal }) => apiFetch(`/cases/${caseId}/files/${file}`, childFileContentSchema, { signal }),
    enabled,
  });
}

export function useAddNote(caseId: string, file: ChildFile) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; body: string }) =>
      apiFetch(`/cases/${caseId}/files/${file}/notes`, caseRecordSchema, { method: 'POST', body }),
    onSuccess: () => caseChanged(client, caseId),
  });
}

export interface DocumentUpload {
  documentType: DocumentType;
  title: string;
  file: File;
}

/** The multipart body of a document upload (a child's file's document or a card's attachment). */
export function documentFormData(upload: DocumentUpload): FormData {
  const form = new FormData();
  // Text fields first: the server reads the parts in order.
  form.append('documentType', upload.documentType);
  form.append('title', upload.title);
  form.append('file', upload.file, upload.file.name);
  return form;
}

/** Sends a document of one of the child's files, reporting the upload's progress. */
function uploadDocument(
  caseId: string,
  file: ChildFile,
  upload: DocumentUpload,
  onProgress: (fraction: number) => void,
): Promise<z.infer<typeof caseRecordSchema>> {
  const form = documentFormData(upload);
  return apiUpload(`/cases/${caseId}/files/${file}/documents`, caseRecordSchema, form, onProgress);
}

export function useUploadDocument(caseId: string, file: ChildFile, onProgress: (fraction: number) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (upload: DocumentUpload) => uploadDocument(caseId, file, upload, onProgress),
    onSuccess: () => caseChanged(client, caseId),
  });
}

// ---------------------------------------------------------------------------------------------
// The child's path on one page

export function useTimeline(caseId: string) {
  return useQuery({
    queryKey: caseKeys.timeline(caseId),
    queryFn: ({ signal }) => apiFetch(`/cases/${caseId}/timeline`, timelineSchema, { signal }),
  });
}
