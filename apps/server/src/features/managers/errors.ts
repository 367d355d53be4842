import { AppError, forbidden, ruleViolation, validationFailed } from '../../platform/errors.js';

export const userNotFound = () => new AppError(404, 'not_found', 'User not found.');
export const teamNotFound = () => new AppError(404, 'not_found', 'Team not found.');
export const emailTaken = () =>
  new AppError(409, 'email_taken', 'An account with this email exists.', [
    { path: 'email', message: 'already registered' },
  ]);
export const cannotManageUsers = () =>
  forbidden('Only an administrator adds users or changes roles and teams.');
export const cannotEditField = (fields: string[]) =>
  forbidden(`Only an administrator may change ${fields.join(', ')}.`);
export const cannotManageTeams = () => forbidden('Only directors and administrators change teams.');
export const cannotDeactivate = () =>
  forbidden('Only administrators, directors and the lead of their team deactivate a user.');
export const noSuchTeam = (path = 'teamId') => validationFailed([{ path, message: 'no team with this id' }]);
export const noSuchUser = (path: string) => validationFailed([{ path, message: 'no user with this id' }]);
export const teamCycle = () =>
  ruleViolation('team_cycle', 'A team cannot sit under itself or one of its sub-teams.', [
    { path: 'parentId', message: 'would make a cycle' },
  ]);
export const teamNotEmpty = (members: number, subTeams: number) =>
  ruleViolation(
    'team_not_empty',
    `This team still has ${members} member(s) and ${subTeams} sub-team(s); move them first.`,
  );
export const cannotDemoteSelf = () =>
  ruleViolation('cannot_demote_self', 'You cannot take the administrator role from yourself.', [
    { path: 'role', message: 'you would lose administration' },
  ]);
export const cannotDeactivateSelf = () =>
  ruleViolation('cannot_deactivate_self', 'You cannot deactivate yourself.');
export const alreadyDeparted = () => ruleViolation('already_departed', 'This user has already departed.');
export const invalidHandover = (details: { path: string; message: string }[]) =>
  ruleViolation('invalid_handover_target', 'Some chosen colleagues cannot take these customers.', details);
