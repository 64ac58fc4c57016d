import { type Problem, problemSchema } from '@madar/domain';
import type { z } from 'zod';
import { i18n } from '../i18n';

export const API_BASE = '/api/v1';

/** A failed call: the server's problem document (already translated), or one made here. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.problem.code === code);
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
}

function localProblem(status: number, code: string, title: string): Problem {
  return { type: 'about:blank', title, status, code };
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ''}`;
}

/**
 * Calls the API and parses the answer with the given Zod schema. Sends the interface language so the
 * server translates its messages; the session travels in an HttpOnly cookie.
 */
export async function apiFetch<S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.infer<S>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.language || 'ar',
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(localProblem(0, 'network_error', 'Network error'));
  }

  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }

  if (!response.ok) {
    const parsed = problemSchema.safeParse(json);
    throw new ApiError(
      parsed.success
        ? parsed.data
        : localProblem(response.status, `http_${response.status}`, response.statusText || 'Error'),
    );
  }

  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(localProblem(response.status, 'invalid_response', 'Invalid response'));
  }
  return parsed.data;
}

/** Field messages of a problem, by form path (`roles.0` is reported on `roles`). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const field of error.problem.fields ?? []) {
    const key = field.path.split('.')[0] ?? field.path;
    out[key] ??= field.message;
  }
  return out;
}

/**
 * Sends a multipart/form-data body (a document upload) with XMLHttpRequest, which reports the
 * upload's progress (fetch does not); the answer is parsed and a problem thrown as apiFetch does.
 * Text fields go before the file in `form`: the server reads the parts in order.
 */
export function apiUpload<S extends z.ZodType>(
  path: string,
  schema: S,
  form: FormData,
  onProgress?: (fraction: number) => void,
): Promise<z.infer<S>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', i18n.language || 'ar');
    xhr.upload.onprogress = (event) => {
      if (onProgress && event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(localProblem(0, 'network_error', 'Network error')));
    xhr.onload = () => {
      let json: unknown;
      try {
        json = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        json = undefined;
      }
      if (xhr.status < 200 || xhr.status >= 300) {
        const problem = problemSchema.safeParse(json);
        reject(
          new ApiError(
            problem.success
              ? problem.data
              : localProblem(xhr.status, `http_${xhr.status}`, xhr.statusText || 'Error'),
          ),
        );
        return;
      }
      const parsed = schema.safeParse(json);
      if (parsed.success) resolve(parsed.data);
      else reject(new ApiError(localProblem(xhr.status, 'invalid_response', 'Invalid response')));
    };
    xhr.send(form);
  });
}
