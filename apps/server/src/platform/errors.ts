/**
 * Errors the API answers with, as RFC 9457 problem details (see app.ts). A service throws them;
 * the error handler turns them into `application/problem+json` in the user's language.
 */
export interface FieldProblem {
  path: string;
  code: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields?: FieldProblem[],
    readonly extra?: { current?: unknown; headers?: Record<string, string> },
  ) {
    super(code);
  }
}

export const badRequest = (fields: FieldProblem[]) => new AppError(400, 'validation_failed', fields);
export const unauthenticated = (code: 'unauthenticated' | 'session_expired' = 'unauthenticated') =>
  new AppError(401, code);
export const forbidden = () => new AppError(403, 'forbidden');
export const notFound = () => new AppError(404, 'not_found');
/** A stale version: the client gets the current state so it can show what changed. */
export const versionConflict = (current: unknown) =>
  new AppError(409, 'version_conflict', undefined, { current });
export const fieldError = (path: string, code: string) => badRequest([{ path, code }]);
