import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/login-page';
import { CustomerListPage } from '../features/customers/customer-list-page';
import { CustomerDetailPage } from '../features/customers/customer-detail-page';
import { PoolPage } from '../features/pool/pool-page';
import { PoolSettingsPage } from '../features/settings/pool-settings-page';
import { RebalancePage } from '../features/rebalance/rebalance-page';
import { RulesPage } from '../features/rules/rules-page';
import { TaskPage } from '../features/tasks/task-page';
import { AgendaPage } from '../features/agenda/agenda-page';
import { VisitSettingsPage } from '../features/visits/visit-settings-page';
import { ProductsPage } from '../features/products/products-page';
import { PublicSurveyPage } from '../features/surveys/public-survey-page';
import { SurveysPage } from '../features/surveys/surveys-page';
import { SurveyTemplatesPage } from '../features/surveys/templates-page';
import { PerformancePage } from '../features/performance/performance-page';
import { ScorecardPage } from '../features/performance/scorecard-page';
import { ReviewListPage } from '../features/performance/review-list-page';
import { ReviewEditorPage } from '../features/performance/review-editor-page';
import { PayoutsPage } from '../features/performance/payouts-page';
import { CareerPage } from '../features/performance/career-page';
import { DashboardPage } from '../features/performance/dashboard-page';
import { PerfSettingsPage } from '../features/performance/perf-settings-page';
import { CONFIGURER_ROLES } from '../features/performance/review-api';
import { ValueDashboardPage } from '../features/value/dashboard-page';
import { AtRiskPage } from '../features/value/at-risk-page';
import { ReevaluationPage } from '../features/value/reevaluation-page';
import { REEVALUATION_ROLES } from '../features/value/api';
import { ORG_EDIT_ROLES, TEAM_ROLES } from '../features/team/api';
import { PeoplePage } from '../features/team/people-page';
import { ProfilePage } from '../features/team/profile-page';
import { RequireRole } from '../features/team/require-role';
import { ImportPage } from '../features/imports/import-page';
import { IMPORT_ROLES } from '../features/imports/api';
import { TeamsPage } from '../features/team/teams-page';
import { ComplaintInboxPage } from '../features/complaints/complaint-inbox-page';
import { ComplaintDetailPage } from '../features/complaints/complaint-detail-page';
import { SlaSettingsPage } from '../features/complaints/sla-settings-page';
import { ComplaintAnalyticsPage } from '../features/complaints/analytics-page';
import { ApiTokensPage } from '../features/integrations/api-tokens-page';
import { WebhooksPage } from '../features/integrations/webhooks-page';
import { HomePage } from '../features/home/home-page';
import { AuditLogPage } from '../features/audit/audit-log-page';
import { AUDIT_ROLES } from '../features/audit/api';
import { AppLayout } from './layout';
import { RequireAuth } from './require-auth';
import { NotFoundPage, RouteErrorPage } from './status-pages';

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
  { path: '/s/:token', element: <PublicSurveyPage />, errorElement: <RouteErrorPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'customers', element: <CustomerListPage /> },
      { path: 'customers/:id', element: <CustomerDetailPage /> },
      { path: 'pool', element: <PoolPage /> },
      { path: 'products', element: <ProductsPage /> },
      { path: 'settings/pool', element: <PoolSettingsPage /> },
      { path: 'tasks', element: <TaskPage /> },
      { path: 'agenda', element: <AgendaPage /> },
      { path: 'settings/visits', element: <VisitSettingsPage /> },
      { path: 'complaints', element: <ComplaintInboxPage /> },
      { path: 'complaints/analytics', element: <ComplaintAnalyticsPage /> },
      { path: 'complaints/:id', element: <ComplaintDetailPage /> },
      { path: 'settings/sla', element: <SlaSettingsPage /> },
      {
        path: 'data/import',
        element: (
          <RequireRole roles={IMPORT_ROLES}>
            <ImportPage />
          </RequireRole>
        ),
      },
      { path: 'surveys', element: <SurveysPage /> },
      { path: 'surveys/templates', element: <SurveyTemplatesPage /> },
      { path: 'performance', element: <PerformancePage /> },
      { path: 'performance/dashboard', element: <DashboardPage /> },
      { path: 'performance/scorecards', element: <ScorecardPage /> },
      { path: 'performance/reviews', element: <ReviewListPage /> },
      { path: 'performance/reviews/:id', element: <ReviewEditorPage /> },
      { path: 'performance/payouts', element: <PayoutsPage /> },
      { path: 'performance/career', element: <CareerPage /> },
      {
        path: 'performance/settings',
        element: (
          <RequireRole roles={CONFIGURER_ROLES}>
            <PerfSettingsPage />
          </RequireRole>
        ),
      },
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
      { path: 'value', element: <ValueDashboardPage /> },
      { path: 'value/at-risk', element: <AtRiskPage /> },
      {
        path: 'value/reevaluation',
        element: (
          <RequireRole roles={REEVALUATION_ROLES}>
            <ReevaluationPage />
          </RequireRole>
        ),
      },
      { path: 'settings/api-tokens', element: <ApiTokensPage /> },
      { path: 'settings/webhooks', element: <WebhooksPage /> },
      {
        path: 'settings/audit',
        element: (
          <RequireRole roles={AUDIT_ROLES}>
            <AuditLogPage />
          </RequireRole>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
