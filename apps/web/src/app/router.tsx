import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { CustomerListPage } from '../features/customers/customer-list-page';
import { CustomerDetailPage } from '../features/customers/customer-detail-page';
import { PoolPage } from '../features/pool/pool-page';
import { PoolSettingsPage } from '../features/settings/pool-settings-page';
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
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
