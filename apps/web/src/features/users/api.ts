import {
  type CreateUserInput,
  createUserResultSchema,
  pageOf,
  passwordResetResultSchema,
  type Role,
  type UpdateUserInput,
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

function useUserMutation<I, O>(call: (input: I) => Promise<O>, userOf: (output: O) => unknown) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (output) => {
      const user = userSchema.safeParse(userOf(output));
      if (user.success) client.setQueryData(['users', 'one', user.data.id], user.data);
      void client.invalidateQueries({ queryKey: ['users', 'list'] });
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
