import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { CustomerListPage } from '../features/customers/customer-list-page';
import { CustomerDetailPage } from '../features/customers/customer-detail-page';
import { PoolPage } from '../features/pool/pool-page';
import { PoolSettingsPage } from '../features/settings/pool-settings-page';
import { RebalancePage } from '../features/rebalance/rebalance-page';
import { RulesPage } from '../features/rules/rules-page';
import { TaskPage } from '../features/tasks/task-page';
import { ORG_EDIT_ROLES, TEAM_ROLES } from '../features/team/api';
import { PeoplePage } from '../features/team/people-page';
import { ProfilePage } from '../features/team/profile-page';
import { RequireRole } from '../features/team/require-role';
import { TeamsPage } from '../features/team/teams-page';
import { AppLayout } from './layout';
import { RequireAuth } from './require-auth';
import { NotFoundPage, RouteErrorPage } from './status-pages';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <Navigate to="/customers" replace /> },
      { path: 'customers', element: <CustomerListPage /> },
      { path: 'customers/:id', element: <CustomerDetailPage /> },
      { path: 'pool', element: <PoolPage /> },
      { path: 'settings/pool', element: <PoolSettingsPage /> },
      { path: 'tasks', element: <TaskPage /> },
      {
        path: 'team/people',
        element: (
          <RequireRole roles={TEAM_ROLES}>
            <PeoplePage />
          </RequireRole>
        ),
      },
      {
        path: 'team/people/:id',
        element: (
          <RequireRole roles={TEAM_ROLES}>
            <ProfilePage />
          </RequireRole>
        ),
      },
      {
        path: 'team/teams',
        element: (
          <RequireRole roles={TEAM_ROLES}>
            <TeamsPage />
          </RequireRole>
        ),
      },
      {
        path: 'team/rules',
        element: (
          <RequireRole roles={ORG_EDIT_ROLES}>
            <RulesPage />
          </RequireRole>
        ),
      },
      {
        path: 'team/rebalance',
        element: (
          <RequireRole roles={TEAM_ROLES}>
            <RebalancePage />
          </RequireRole>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
