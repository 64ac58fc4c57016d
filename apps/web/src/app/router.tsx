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
// The actor map's other views: one institution, the professional directory, coverage, circuit.
const InstitutionPage = lazy(() =>
  import('../features/institutions/InstitutionPage').then((m) => ({ default: m.InstitutionPage })),
);
const ServiceDirectoryPage = lazy(() =>
  import('../features/institutions/ServiceDirectoryPage').then((m) => ({ default: m.ServiceDirectoryPage })),
);
const CoveragePage = lazy(() =>
  import('../features/territories/CoveragePage').then((m) => ({ default: m.CoveragePage })),
);
const CircuitPage = lazy(() =>
  import('../features/territories/CircuitPage').then((m) => ({ default: m.CircuitPage })),
);
const UserEditPage = lazy(() =>
  import('../features/users/UserEditPage').then((m) => ({ default: m.UserEditPage })),
);
const UsersPage = lazy(() => import('../features/users/UsersPage').then((m) => ({ default: m.UsersPage })));
// Intake (reports, triage, child search) and the caseload list.
const ReportFormPage = lazy(() =>
  import('../features/reports/ReportFormPage').then((m) => ({ default: m.ReportFormPage })),
);
const MyReportsPage = lazy(() =>
  import('../features/reports/MyReportsPage').then((m) => ({ default: m.MyReportsPage })),
);
const TriageQueuePage = lazy(() =>
  import('../features/reports/TriageQueuePage').then((m) => ({ default: m.TriageQueuePage })),
);
const ReportPage = lazy(() =>
  import('../features/reports/ReportPage').then((m) => ({ default: m.ReportPage })),
);
const ChildSearchPage = lazy(() =>
  import('../features/children/ChildSearchPage').then((m) => ({ default: m.ChildSearchPage })),
);
const CaseloadPage = lazy(() =>
  import('../features/cases/CaseloadPage').then((m) => ({ default: m.CaseloadPage })),
);
const CasePage = lazy(() => import('../features/cases/CasePage').then((m) => ({ default: m.CasePage })));

// Registers and reference documents: access log (law 09-08), assessment instrument, protocol.
const AccessLogPage = lazy(() =>
  import('../features/access-log/AccessLogPage').then((m) => ({ default: m.AccessLogPage })),
);
const InstrumentsPage = lazy(() =>
  import('../features/instruments/InstrumentsPage').then((m) => ({ default: m.InstrumentsPage })),
);
const ProtocolPage = lazy(() =>
  import('../features/protocol/ProtocolPage').then((m) => ({ default: m.ProtocolPage })),
);
// Referral cards: the inbox/outbox and one card.
const ReferralsPage = lazy(() =>
  import('../features/referrals/ReferralsPage').then((m) => ({ default: m.ReferralsPage })),
);
const ReferralPage = lazy(() =>
  import('../features/referrals/ReferralPage').then((m) => ({ default: m.ReferralPage })),
);

// The notification centre, the e-mail outbox and transfers between provinces.
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
const OutboxPage = lazy(() =>
  import('../features/notifications/OutboxPage').then((m) => ({ default: m.OutboxPage })),
);
const TransfersPage = lazy(() =>
  import('../features/transfers/TransfersPage').then((m) => ({ default: m.TransfersPage })),
);

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <RouteErrorPage fullPage />,
    children: [
      { path: '/login', element: <LoginPage /> },
      {
        // The public directory of services: no session, outside the signed-in shell (loaded on demand).
        path: '/directory',
        lazy: () =>
          import('../features/directory/DirectoryPage').then((m) => ({ Component: m.DirectoryPage })),
      },
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
                path: 'institutions/:id',
                element: (
                  <RequireNav navKey="institutions">
                    <InstitutionPage />
                  </RequireNav>
                ),
              },
              {
                path: 'service-directory',
                element: (
                  <RequireNav navKey="serviceDirectory">
                    <ServiceDirectoryPage />
                  </RequireNav>
                ),
              },
              {
                // Coverage of the basket: read by every user, like the actor map it is drawn from.
                path: 'coverage',
                element: (
                  <RequireNav navKey="territories">
                    <CoveragePage />
                  </RequireNav>
                ),
              },
              {
                path: 'territories/:code/coverage',
                element: (
                  <RequireNav navKey="territories">
                    <CoveragePage />
                  </RequireNav>
                ),
              },
              {
                path: 'circuit',
                element: (
                  <RequireNav navKey="circuit">
                    <CircuitPage />
                  </RequireNav>
                ),
              },
              {
                path: 'territories/:code/circuit',
                element: (
                  <RequireNav navKey="circuit">
                    <CircuitPage />
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
              {
                path: 'access-log',
                element: (
                  <RequireNav navKey="accessLog">
                    <AccessLogPage />
                  </RequireNav>
                ),
              },
              {
                path: 'instruments',
                element: (
                  <RequireNav navKey="instruments">
                    <InstrumentsPage />
                  </RequireNav>
                ),
              },
              {
                path: 'protocol',
                element: (
                  <RequireNav navKey="protocol">
                    <ProtocolPage />
                  </RequireNav>
                ),
              },
              {
                path: 'cases',
                element: (
                  <RequireNav navKey="caseload">
                    <CaseloadPage />
                  </RequireNav>
                ),
              },
              {
                // The child's case: the same CAPE roles as the caseload (casePolicy.read).
                path: 'cases/:id',
                element: (
                  <RequireNav navKey="caseload">
                    <CasePage />
                  </RequireNav>
                ),
              },
              {
                path: 'referrals',
                element: (
                  <RequireNav navKey="referrals">
                    <ReferralsPage />
                  </RequireNav>
                ),
              },
              {
                // One card: either side (the server answers 403 to anyone else, shown as such).
                path: 'referrals/:id',
                element: (
                  <RequireNav navKey="referrals">
                    <ReferralPage />
                  </RequireNav>
                ),
              },
              {
                path: 'reports/new',
                element: (
                  <RequireNav navKey="reportNew">
                    <ReportFormPage />
                  </RequireNav>
                ),
              },
              {
                path: 'reports/mine',
                element: (
                  <RequireNav navKey="myReports">
                    <MyReportsPage />
                  </RequireNav>
                ),
              },
              {
                path: 'reports/triage',
                element: (
                  <RequireNav navKey="triage">
                    <TriageQueuePage />
                  </RequireNav>
                ),
              },
              {
                // A report is read by the CAPE's caseworkers and by its author: the roles that record reports.
                path: 'reports/:id',
                element: (
                  <RequireNav navKey="reportNew">
                    <ReportPage />
                  </RequireNav>
                ),
              },
              {
                path: 'children/search',
                element: (
                  <RequireNav navKey="childSearch">
                    <ChildSearchPage />
                  </RequireNav>
                ),
              },
              {
                // Every signed-in user has notifications: no navigation entry, the bell leads here.
                path: 'notifications',
                element: <NotificationsPage />,
              },
              {
                path: 'outbox',
                element: (
                  <RequireNav navKey="outbox">
                    <OutboxPage />
                  </RequireNav>
                ),
              },
              {
                path: 'transfers',
                element: (
                  <RequireNav navKey="transfers">
                    <TransfersPage />
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
