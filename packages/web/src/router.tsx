import { Result, Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './layout/AppLayout';
import { HomeRedirect, RequireAbility } from './layout/RequireAbility';
import { RequireSession } from './layout/RequireSession';
import { LoginPage } from './pages/login/LoginPage';

// Pages load on first visit; the login page stays in the first bundle so it appears at once.
const OrgsPage = lazy(() => import('./pages/orgs/OrgsPage'));
const ImportPage = lazy(() => import('./pages/orgs-import/ImportPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage'));
const ProgramsPage = lazy(() => import('./pages/programs/ProgramsPage'));
const ProgramDetailPage = lazy(() => import('./pages/programs/ProgramDetailPage'));
const FormReportPage = lazy(() => import('./pages/forms/FormReportPage'));
const CheckinPage = lazy(() => import('./pages/checkin/CheckinPage'));
const TotpEnrolPage = lazy(() => import('./pages/login/TotpEnrolPage'));

const page = (node: ReactNode) => (
  <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>{node}</Suspense>
);

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Attendees scan a QR code on their own phones: no account, outside the app's layout.
  { path: '/checkin/:token', element: page(<CheckinPage />) },
  {
    element: <RequireSession />,
    children: [
      { path: 'totp-setup', element: page(<TotpEnrolPage />) },
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            // 三权分立: the security and audit administrators read no business data (no org.read).
            element: <RequireAbility action="org.read" title="无权查看业务数据" />,
            children: [
              { path: 'orgs', element: page(<OrgsPage />) },
              { path: 'orgs/import', element: page(<ImportPage />) },
              { path: 'orgs/:id', element: page(<OrgsPage />) },
              { path: 'programs', element: page(<ProgramsPage />) },
              { path: 'programs/:id', element: page(<ProgramDetailPage />) },
              { path: 'programs/:id/forms/:formKey/periods/:period/reports/:reporter', element: page(<FormReportPage />) },
            ],
          },
          { path: 'users', element: page(<UsersPage />) },
          { path: 'audit', element: page(<AuditPage />) },
          { path: '*', element: <Result status="404" title="页面不存在" subTitle="请从左侧菜单选择要访问的页面。" /> },
        ],
      },
    ],
  },
]);
