import type { ReactElement } from 'react';
import type { z } from 'zod';
import { ApiError, isApiError } from '../api';
import { ProblemAlert } from './ProblemAlert';
import { VersionConflict } from './VersionConflict';

/**
 * The error a form's alert should show: none for a version conflict (SaveProblem says it), nor when
 * every field problem is already shown on its input (`shown`); the error itself otherwise.
 */
export function alertError(error: unknown, shown: (path: string) => boolean): unknown {
  if (!error || isApiError(error, 'version_conflict')) return null;
  const fields = error instanceof ApiError ? (error.problem.fields ?? []) : [];
  if (fields.length > 0 && fields.every((f) => shown(f.path))) return null;
  return error;
}

interface SaveProblemProps {
  /** The save's error (a mutation's `error`); nothing is shown without one. */
  error: unknown;
  /** Clears the error once the current item is loaded (a mutation's `reset`). */
  reset: () => void;
  /** The `data-testid` of the problem alert. */
  testId?: string | undefined;
  /** Field problems the form shows on its own inputs: the alert stays away when it would repeat them. */
  shown?: ((path: string) => boolean) | undefined;
}

/**
 * What went wrong with a save, in one place for every form: someone else saved the item first (409
 * version_conflict) → the conflict alert, whose "reload" button hands the item as the server has it
 * now to `onReload` (parsed with `schema` when given; nothing is handed over when it does not parse)
 * and clears the error; any other problem → the problem alert.
 */
export function SaveProblem<T>(
  props: SaveProblemProps & { schema: z.ZodType<T>; onReload: (current: T) => void },
): ReactElement;
export function SaveProblem(
  props: SaveProblemProps & { schema?: undefined; onReload: (current: unknown) => void },
): ReactElement;
export function SaveProblem({
  error,
  reset,
  testId,
  shown,
  schema,
  onReload,
}: SaveProblemProps & { schema?: z.ZodType | undefined; onReload: (current: never) => void }) {
  const reload = onReload as (current: unknown) => void;
  return (
    <>
      <VersionConflict
        error={error}
        onReload={(current) => {
          if (!schema) reload(current);
          else {
            const parsed = schema.safeParse(current);
            if (parsed.success) reload(parsed.data);
          }
          reset();
        }}
      />
      {/* The live region stays in the page so the problem is announced when it appears. */}
      <ProblemAlert error={alertError(error, shown ?? (() => false))} testId={testId} />
    </>
  );
}
