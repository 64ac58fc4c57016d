import { createBrowserRouter, Outlet } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { MfaChallengePage } from '../features/auth/MfaChallengePage';
import { MfaEnrolmentPage } from '../features/auth/MfaEnrolmentPage';
import { PasswordChangePage } from '../features/auth/PasswordChangePage';
import { ProfilePage } from '../features/auth/ProfilePage';
import { AuditPage } from '../features/audit/AuditPage';
import { RouteErrorPage } from '../features/errors/RouteErrorPage';
import { NotFoundPage } from '../features/errors/NotFoundPage';
import { HomePage } from '../features/home/HomePage';
import { InstitutionsPage } from '../features/institutions/InstitutionsPage';
import { TerritoriesPage } from '../features/territories/TerritoriesPage';
import { TerritoryPage } from '../features/territories/TerritoryPage';
import { UserEditPage } from '../features/users/UserEditPage';
import { UsersPage } from '../features/users/UsersPage';
import { RequireNav, RequireSession, RequireStep } from './guards';
import { Shell } from './Shell';

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
