import { lazy } from 'react';
import { createBrowserRouter, Outlet } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { MfaChallengePage } from '../features/auth/MfaChallengePage';
import { MfaEnrolmentPage } from '../features/auth/MfaEnrolmentPage';
import { PasswordChangePage } from '../features/auth/PasswordChangePage';
import { NotFoundPage } from '../features/errors/NotFoundPage';
import { RouteErrorPage } from '../features/errors/RouteErrorPage';
import { HomePage } from '../features/home/HomePage';
import { RequireNav, RequireSession, RequireStep } from './guards';
import { Shell } from './Shell';

// Pages past the home page load on demand: a phone on a slow network downloads only what it opens.
const ProfilePage = lazy(() =>
  import('../features/auth/ProfilePage').then((m) => ({ default: m.ProfilePage })),
);
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const InstitutionsPage = lazy(() =>
  import('../features/institutions/InstitutionsPage').then((m) => ({ default: m.InstitutionsPage })),
);
const TerritoriesPage = lazy(() =>
  import('../features/territories/TerritoriesPage').then((m) => ({ default: m.TerritoriesPage })),
);
const TerritoryPage = lazy(() =>
  import('../features/territories/TerritoryPage').then((m) => ({ default: m.TerritoryPage })),
);
const UserEditPage = lazy(() =>
  import('../features/users/UserEditPage').then((m) => ({ default: m.UserEditPage })),
);
const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <RouteErrorPage fullPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/login/mfa',
        element: (
          <RequireStep step="mfa_challenge">
            <MfaChallengePage />
          </RequireStep>
        ),
      },
      {
        path: '/login/password',
        element: (
          <RequireStep step="password_change">
            <PasswordChangePage />
          </RequireStep>
        ),
      },
      {
        path: '/login/enrolment',
        element: (
          <RequireStep step="mfa_enrolment">
            <MfaEnrolmentPage />
          </RequireStep>
        ),
      },
      {
        element: (
          <RequireSession>
            <Shell />
          </RequireSession>
        ),
        children: [
          {
            errorElement: <RouteErrorPage />,
            children: [
              { index: true, element: <HomePage /> },
              {
                path: 'users',
                element: (
                  <RequireNav navKey="users">
                    <UsersPage />
                  </RequireNav>
                ),
              },
              {
                path: 'users/:id',
                element: (
                  <RequireNav navKey="users">
                    <UserEditPage />
                  </RequireNav>
                ),
              },
              {
                path: 'institutions',
                element: (
                  <RequireNav navKey="institutions">
                    <InstitutionsPage />
                  </RequireNav>
                ),
              },
              {
                path: 'territories',
                element: (
                  <RequireNav navKey="territories">
                    <TerritoriesPage />
                  </RequireNav>
                ),
              },
              {
                path: 'territories/:code',
                element: (
                  <RequireNav navKey="territories">
                    <TerritoryPage />
                  </RequireNav>
                ),
              },
              {
                path: 'audit',
                element: (
                  <RequireNav navKey="audit">
                    <AuditPage />
                  </RequireNav>
                ),
              },
              { path: 'profile', element: <ProfilePage /> },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
