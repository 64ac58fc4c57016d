import type { PendingStep, SessionState } from '@madar/domain';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ForbiddenPage } from '../features/errors/ForbiddenPage';
import { Loading } from './components/Loading';
import { ProblemAlert } from './components/ProblemAlert';
import { canOpen, type NavKey } from './navigation';
import { useSession } from './queries';

export const STEP_PATHS: Record<PendingStep, string> = {
  mfa_challenge: '/login/mfa',
  password_change: '/login/password',
  mfa_enrolment: '/login/enrolment',
};

/** Where the visitor wanted to go before being sent to sign in (kept in history state, never in the URL). */
export interface ReturnState {
  from?: string;
}

export function returnPathOf(state: unknown): string {
  const from = (state as ReturnState | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') ? from : '/';
}

/** Where a session should be now: its pending step, or the application. */
export function destinationOf(session: SessionState, state: unknown): string {
  return session.pendingStep ? STEP_PATHS[session.pendingStep] : returnPathOf(state);
}

/**
 * Set when the user signs out on purpose: the sign-in page then forgets where they were, so the next
 * person to sign in on this device starts from the home page. (An expired session keeps the path.)
 */
export const signOutIntent = { current: false };

/** The signed-in area: sends visitors to sign in and half-signed-in users to their pending step. */
export function RequireSession({ children }: { children: ReactNode }) {
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <Loading fullPage />;
  if (session.isError && session.data === undefined) {
    return <ProblemAlert error={session.error} onRetry={() => void session.refetch()} />;
  }
  const from = `${location.pathname}${location.search}`;
  if (!session.data) {
    return (
      <Navigate to="/login" replace state={signOutIntent.current ? null : ({ from } satisfies ReturnState)} />
    );
  }
  if (session.data.pendingStep) {
    return (
      <Navigate to={STEP_PATHS[session.data.pendingStep]} replace state={{ from } satisfies ReturnState} />
    );
  }
  return children;
}

/** A sign-in step page: only while that step is pending. */
export function RequireStep({ step, children }: { step: PendingStep; children: ReactNode }) {
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <Loading fullPage />;
  if (!session.data) return <Navigate to="/login" replace state={location.state} />;
  if (session.data.pendingStep !== step) {
    return <Navigate to={destinationOf(session.data, location.state)} replace state={location.state} />;
  }
  return children;
}

/** A page of the navigation: refused (403 page) to roles the navigation does not list. */
export function RequireNav({ navKey, children }: { navKey: NavKey; children: ReactNode }) {
  const { data } = useSession();
  if (!data || !canOpen(navKey, data.user.roles)) return <ForbiddenPage />;
  return children;
}
