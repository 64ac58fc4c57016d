import { problemSchema, publicDirectorySchema, publicReferenceSchema } from '@madar/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiError } from '../../app/api';
import { i18n } from '../../i18n';

/** The public directory lives under /api/public (not /api/v1): no session, no cookie needed. */
const PUBLIC_BASE = '/api/public';

async function publicFetch<S extends z.ZodType>(
  path: string,
  schema: S,
  query: Record<string, string | number | undefined>,
  signal?: AbortSignal,
): Promise<z.infer<S>> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  let response: Response;
  try {
    response = await fetch(`${PUBLIC_BASE}${path}${qs ? `?${qs}` : ''}`, {
      headers: { Accept: 'application/json', 'Accept-Language': i18n.language || 'ar' },
      credentials: 'omit',
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ type: 'about:blank', title: 'Network error', status: 0, code: 'network_error' });
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = problemSchema.safeParse(json);
    throw new ApiError(
      problem.success
        ? problem.data
        : { type: 'about:blank', title: 'Error', status: response.status, code: `http_${response.status}` },
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({
      type: 'about:blank',
      title: 'Invalid response',
      status: response.status,
      code: 'invalid_response',
    });
  }
  return parsed.data;
}

export function usePublicReference() {
  return useQuery({
    queryKey: ['public', 'reference'],
    queryFn: ({ signal }) => publicFetch('/reference', publicReferenceSchema, {}, signal),
    staleTime: 5 * 60_000,
  });
}

export interface DirectoryFilters {
  territoryCode: string;
  sectorCode: string;
  serviceCode: string;
  q: string;
  lang: 'ar' | 'fr';
  limit: number;
  offset: number;
}

export function usePublicDirectory(filters: DirectoryFilters) {
  return useQuery({
    queryKey: ['public', 'directory', filters],
    queryFn: ({ signal }) =>
      publicFetch(
        '/directory',
        publicDirectorySchema,
        {
          territoryCode: filters.territoryCode,
          sectorCode: filters.sectorCode,
          serviceCode: filters.serviceCode,
          q: filters.q.trim(),
          lang: filters.lang,
          limit: filters.limit,
          offset: filters.offset,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
