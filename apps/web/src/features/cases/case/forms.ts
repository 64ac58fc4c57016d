import { ApiError } from '../../../app/api';

// Where the case's, referral and transfer forms have always imported it from.
export { alertError } from '../../../app/components/SaveProblem';

/** Whether the server's problem names a field with this code (e.g. a confirmation it asks for). */
export function hasFieldCode(error: unknown, code: string): boolean {
  return error instanceof ApiError && (error.problem.fields ?? []).some((f) => f.code === code);
}
