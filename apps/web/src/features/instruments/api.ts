import {
  type AssessmentInstrumentDocument,
  type InstrumentDetail,
  instrumentDetailSchema,
  instrumentListSchema,
} from '@madar/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../app/api';

export const instrumentKeys = {
  all: ['assessment-instruments'] as const,
  list: ['assessment-instruments', 'list'] as const,
  active: ['assessment-instruments', 'active'] as const,
};

export function useInstrumentVersions() {
  return useQuery({
    queryKey: instrumentKeys.list,
    queryFn: ({ signal }) => apiFetch('/assessment-instruments', instrumentListSchema, { signal }),
  });
}

export function useActiveInstrument() {
  return useQuery({
    queryKey: instrumentKeys.active,
    queryFn: ({ signal }) => apiFetch('/assessment-instruments/active', instrumentDetailSchema, { signal }),
  });
}

/** Loads a new version (national administrator); the server makes it the active one. */
export function useLoadInstrument() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (document: AssessmentInstrumentDocument) =>
      apiFetch('/assessment-instruments', instrumentDetailSchema, { method: 'POST', body: document }),
    onSuccess: (detail: InstrumentDetail) => {
      client.setQueryData(instrumentKeys.active, detail);
      void client.invalidateQueries({ queryKey: instrumentKeys.all });
    },
  });
}
