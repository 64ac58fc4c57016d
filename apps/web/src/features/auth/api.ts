import {
  loginInputSchema,
  okSchema,
  passwordChangeInputSchema,
  type SessionState,
  sessionStateSchema,
  totpCodeInputSchema,
  totpDisableInputSchema,
  totpEnrolmentSchema,
} from '@madar/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { apiFetch } from '../../app/api';
import { signOutIntent } from '../../app/guards';
import { applyLanguage } from '../../app/language';
import { queryKeys } from '../../app/queries';

/** Caches that outlive a sign-out: public settings, reference lists and the session entry itself. */
const KEEP = new Set<string>([queryKeys.config[0], queryKeys.reference[0], queryKeys.session[0]]);

function useSessionMutation<I>(call: (input: I) => Promise<SessionState>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (state) => {
      client.setQueryData(queryKeys.session, state);
    },
  });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: z.input<typeof loginInputSchema>) =>
      apiFetch('/auth/login', sessionStateSchema, { method: 'POST', body: loginInputSchema.parse(input) }),
    onSuccess: async (state) => {
      signOutIntent.current = false;
      // Whatever was cached belonged to the previous visitor.
      client.removeQueries({
        predicate: (q) => !KEEP.has(String(q.queryKey[0])),
      });
      await applyLanguage(state.user.preferredLanguage);
      client.setQueryData(queryKeys.session, state);
    },
  });
}

/**
 * Signs out and goes to the sign-in page without a return path: the next person to sign in on this
 * device starts from the home page, not from where the previous one was.
 */
function useSignOut(path: '/auth/logout' | '/auth/logout-everywhere') {
  const client = useQueryClient();
  const navigate = useNavigate();
  const clear = () => {
    signOutIntent.current = true;
    void navigate('/login', { replace: true, state: null });
    client.removeQueries({ predicate: (q) => !KEEP.has(String(q.queryKey[0])) });
    client.setQueryData(queryKeys.session, null);
  };
  return useMutation({
    mutationFn: () => apiFetch(path, okSchema, { method: 'POST' }),
    onSuccess: clear,
    onError: (error) => {
      // Already signed out on the server: the local state should say so too.
      if ((error as { status?: number }).status === 401) clear();
    },
  });
}

export const useLogout = () => useSignOut('/auth/logout');
export const useLogoutEverywhere = () => useSignOut('/auth/logout-everywhere');

export function useMfaChallenge() {
  return useSessionMutation((code: string) =>
    apiFetch('/auth/mfa/challenge', sessionStateSchema, {
      method: 'POST',
      body: totpCodeInputSchema.parse({ code }),
    }),
  );
}

export function useStartEnrolment() {
  return useMutation({
    mutationFn: () => apiFetch('/auth/mfa/enrolment', totpEnrolmentSchema, { method: 'POST' }),
  });
}

export function useConfirmEnrolment() {
  return useSessionMutation((code: string) =>
    apiFetch('/auth/mfa/enrolment/confirm', sessionStateSchema, {
      method: 'POST',
      body: totpCodeInputSchema.parse({ code }),
    }),
  );
}

export function useDisableMfa() {
  return useSessionMutation((password: string) =>
    apiFetch('/auth/mfa/disable', sessionStateSchema, {
      method: 'POST',
      body: totpDisableInputSchema.parse({ password }),
    }),
  );
}

export function useChangePassword() {
  return useSessionMutation((input: z.input<typeof passwordChangeInputSchema>) =>
    apiFetch('/auth/password', sessionStateSchema, {
      method: 'POST',
      body: passwordChangeInputSchema.parse(input),
    }),
  );
}
