import type { zhHome } from './zh-CN-home';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English for the home page of each role; keys identical to zh-CN-home. */
export const enHome: Strings<typeof zhHome> = {
  navHome: { home: 'Home' },
  home: {
    greeting: 'Hello, {{name}}',
    subtitle: {
      manager: 'Your day, customers to keep, this month’s goals and the latest notifications',
      team_lead:
        'The team’s goals and KPIs, overdue work, complaints near breach, the pool and members’ load',
      director: 'Company KPIs and trend, teams side by side, customer value and churn at risk',
      analyst: 'Company KPIs and trend, teams side by side, customer value and churn at risk (read-only)',
      admin: 'People, teams, rules, settings and integrations',
      other: 'Start your day here',
    },
    open: 'View all',
    more: '{{count}} more',
    agenda: {
      title: 'My agenda',
      overdue: 'Overdue',
      today: 'Today',
      emptyAll: 'Nothing due today and nothing overdue. Plan visits on the agenda page.',
    },
    atRisk: {
      title: 'Customers at risk',
      valueAtRisk: 'Value at risk {{amount}}',
      empty: 'None of your customers is at risk right now.',
    },
    goals: {
      title: 'Goals this month',
      empty: 'No goals set for you this month; your team lead or director sets them.',
      emptyTeam: 'No team goals this month. Set them on the performance page.',
    },
    notifications: {
      title: 'Latest notifications',
      unread: '{{count}} unread',
      empty: 'No notifications yet.',
    },
    teamKpis: {
      title: 'Team KPIs this month',
      noTeam: 'You do not lead a team yet.',
    },
    overdue: {
      title: 'Overdue work by member',
      member: 'Member',
      visits: 'Overdue visits',
      tasks: 'Other overdue tasks',
      empty: 'The team has no overdue visits or tasks.',
      partial: 'Counted over the {{count}} that fell due first',
    },
    complaints: {
      title: 'Complaints near breach',
      count: '{{count}} near or past their deadline',
      empty: 'No complaint is close to its deadline.',
    },
    pool: {
      title: 'Public pool',
      available: 'Customers in the pool',
      claimsLeft: 'Claims left today',
      held: 'Customers I hold',
      unlimited: 'No limit',
      empty: 'The pool is empty.',
    },
    load: {
      title: 'Members’ load',
      ofCapacity: '{{load}} / {{capacity}}',
      empty: 'The team has no members yet.',
    },
    companyKpis: {
      title: 'Company KPIs this month',
    },
    segments: {
      title: 'Value by segment',
      segment: 'Segment',
      customers: 'Customers',
      clv: 'Predicted lifetime value',
      empty: 'No customer is scored yet. Value is recomputed every night.',
    },
    churn: {
      title: 'Churn at risk',
      open: 'Open churn alerts',
      retained: 'Retained',
      lost: 'Lost',
      byManager: 'By manager',
      empty: 'No churn alerts.',
    },
    admin: {
      people: 'People',
      peopleHint: 'Invite, deactivate, set roles and capacity',
      teams: 'Teams',
      teamsHint: 'The team tree and its leads',
      rules: 'Assignment rules',
      rulesHint: 'Who gets new customers',
      poolSettings: 'Pool rules',
      poolSettingsHint: 'Holding limits, claims per day and cool-down',
      visitSettings: 'Visits and care',
      visitSettingsHint: 'Visit cadence, care templates and escalation',
      sla: 'Complaint SLAs',
      slaHint: 'Response and resolution targets, business calendar',
      perfSettings: 'Performance settings',
      perfSettingsHint: 'Scorecard templates, commission plans and career levels',
      imports: 'Data import',
      importsHint: 'Import customers and orders from CSV or Excel',
      webhooks: 'Webhooks',
      webhooksHint: 'Push events to other systems',
      apiTokens: 'API tokens',
      apiTokensHint: 'Credentials for programs that use Steward',
      audit: 'Audit log',
      auditHint: 'Who changed what and when; filter and export',
      count: '{{count}} items',
      peopleCount: '{{count}} people',
    },
  },
};
