import type { zhPerf } from './zh-CN-perf';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** English for the perf pages; keys identical to zh-CN-perf. */
export const enPerf: Strings<typeof zhPerf> = {
  navPerf: {
    performance: 'Performance',
  },
  perf: {
    title: 'Performance',
    subtitle: 'KPIs computed from the record, and progress on goals',
    scopes: { me: 'Me', team: 'My team', organization: 'Organization' },
    periods: { month: 'Month', quarter: 'Quarter', year: 'Year', range: 'Date range' },
    pickTeam: 'Choose a team',
    definition: 'Definition',
    higherBetter: 'Higher is better',
    lowerBetter: 'Lower is better',
    hours: '{{value}} h',
    goals: 'Goals',
    newGoal: 'New goal',
    goalCreated: 'Goal created',
    goalDeleted: 'Goal deleted',
    deleteConfirm: 'Delete this goal?',
    noGoals: 'No goals yet',
    offTrack: 'Off track',
    progressError: 'Progress could not be computed',
    actualVsExpected: 'Actual {{actual}} / expected {{expected}}',
    subjectRequired: 'Choose who the goal is for',
    periodRequired: 'Choose the period',
    targetRequired: 'Enter the target',
    subjectTypes: { manager: 'Manager', team: 'Team' },
    fields: {
      subjectType: 'Goal for',
      member: 'Member',
      team: 'Team',
      kpi: 'KPI',
      period: 'Period',
      target: 'Target',
      note: 'Note',
    },
    columns: { subject: 'For', kpi: 'KPI', period: 'Period', target: 'Target', progress: 'Progress' },
    chart: { title: 'Goal attainment (% of target)', actual: 'Reached', expected: 'Expected by now' },
  },
};
