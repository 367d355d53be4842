import { AppError, forbidden, ruleViolation, validationFailed } from '../../platform/errors.js';

/** Also for a subject or goal outside the caller's scope: its existence is not revealed. */
export const subjectNotFound = () => new AppError(404, 'not_found', 'No such manager or team.');
export const goalNotFound = () => new AppError(404, 'not_found', 'Goal not found.');
export const organizationKpisForbidden = () =>
  forbidden('Only directors, administrators and analysts read the KPIs of the whole organization.');
export const cannotSetGoals = () => forbidden('Only team leads, directors and administrators set goals.');
export const badGoalSubject = (message: string) => validationFailed([{ path: 'subjectId', message }]);
export const badPeriod = () =>
  validationFailed([{ path: 'periodEnd', message: 'must not be before periodStart' }]);
export const badSplit = (path: string, message: string) => validationFailed([{ path, message }]);
export const notATeamGoal = () =>
  ruleViolation('not_a_team_goal', 'Only a team goal is cascaded to its members.');
export const alreadyCascaded = () =>
  new AppError(
    409,
    'already_cascaded',
    'This goal has already been cascaded; change or delete the member goals instead.',
  );
export const noMembers = () => ruleViolation('no_members', 'The team has no active managers to cascade to.');
