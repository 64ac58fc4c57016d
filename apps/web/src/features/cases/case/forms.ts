import { ApiError, isApiError } from '../../../app/api';
import { hasUnshownFields } from '../../reports/problems';

/**
 * The error a form's alert should show: none for a version conflict (VersionConflict says it) nor
 * when every field problem is already shown on its input; the error itself otherwise.
 */
export function alertError(error: unknown, shown: (path: string) => boolean): unknown {
  if (!error || isApiError(error, 'version_conflict')) return null;
  if (error instanceof ApiError && error.problem.fields?.length && !hasUnshownFields(error, shown))
    return null;
  return error;
}

/** Whether the server's problem names a field with this code (e.g. a confirmation it asks for). */
export function hasFieldCode(error: unknown, code: string): boolean {
  return error instanceof ApiError && (error.problem.fields ?? []).some((f) => f.code === code);
}
