import { ApiError } from '../../app/api';

/**
 * Field messages of a problem by their full path (`children.1.firstName`), for nested forms whose
 * paths mirror the API body. `prefix` keeps only the fields under it, without it
 * (`child.identity.firstNameAr` → `firstNameAr` with prefix `child.identity`).
 */
export function fieldErrorsByPath(error: unknown, prefix?: string): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const field of error.problem.fields ?? []) {
    let path = field.path;
    if (prefix) {
      if (!path.startsWith(`${prefix}.`)) continue;
      path = path.slice(prefix.length + 1);
    }
    out[path] ??= field.message;
  }
  return out;
}
