import {
  type CreateUserInput,
  createUserResultSchema,
  pageOf,
  passwordResetResultSchema,
  type Role,
  type UpdateUserInput,
  userOpenCasesSchema,
  userSchema,
} from '@madar/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../app/api';

export interface UserFilters {
  q?: string;
  territoryCode?: string;
  role?: Role;
  active?: 'true' | 'false';
  limit: number;
  offset: number;
}

const userPageSchema = pageOf(userSchema);

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', 'list', filters],
    queryFn: ({ signal }) => apiFetch('/users', userPageSchema, { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: ['users', 'one', id],
    queryFn: ({ signal }) => apiFetch(`/users/${id}`, userSchema, { signal }),
    enabled: Boolean(id),
  });
}

/**
 * How many open cases the account holds: said before it is deactivated, since they then return to the
 * CAPE coordinators. Asked only while a deactivation is being considered.
 */
export function useUserOpenCases(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'openCases', id],
    queryFn: ({ signal }) => apiFetch(`/users/${id}/open-cases`, userOpenCasesSchema, { signal }),
    enabled,
  });
}

function useUserMutation<I, O>(call: (input: I) => Promise<O>, userOf: (output: O) => unknown) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (output) => {
      const user = userSchema.safeParse(userOf(output));
      if (user.success) client.setQueryData(['users', 'one', user.data.id], user.data);
      void client.invalidateQueries({ queryKey: ['users', 'list'] });
      // A deactivation released the account's open cases: the caseload lists changed too.
      void client.invalidateQueries({ queryKey: ['users', 'openCases'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    },
  });
}

export function useCreateUser() {
  return useUserMutation(
    (body: CreateUserInput) => apiFetch('/users', createUserResultSchema, { method: 'POST', body }),
    (result) => result.user,
  );
}

export function useUpdateUser() {
  return useUserMutation(
    ({ id, body }: { id: string; body: UpdateUserInput }) =>
      apiFetch(`/users/${id}`, userSchema, { method: 'PUT', body }),
    (user) => user,
  );
}

export function useResetPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch(`/users/${id}/reset-password`, passwordResetResultSchema, { method: 'POST' }),
    onSuccess: (_result, id) => {
      void client.invalidateQueries({ queryKey: ['users', 'one', id] });
      void client.invalidateQueries({ queryKey: ['users', 'list'] });
    },
  });
}

export function useUnlockUser() {
  return useUserMutation(
    (id: string) => apiFetch(`/users/${id}/unlock`, userSchema, { method: 'POST' }),
    (user) => user,
  );
}
