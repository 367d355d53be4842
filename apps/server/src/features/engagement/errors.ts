import { AppError, forbidden, ruleViolation, validationFailed } from '../../platform/errors.js';

/** Also for a task outside the caller's scope: its existence is not revealed. */
export const taskNotFound = () => new AppError(404, 'not_found', 'Task not found.');
export const cannotCreateTasks = () =>
  forbidden('Service agents and analysts do not create tasks; ask a team lead.');
export const onlyForYourself = () => forbidden('You may only create tasks for yourself.');
export const cannotEditTask = () =>
  forbidden('Only the team lead, a director or an administrator (or whoever created it) may edit this task.');
export const cannotChangeStatus = () =>
  forbidden('Only the assignee, whoever created it, or their lead may change the status of this task.');
export const badAssignee = (message: string) => validationFailed([{ path: 'assigneeId', message }]);
export const illegalTransition = (from: string, to: string, why: string) =>
  ruleViolation('illegal_transition', `A task cannot go from ${from} to ${to}: ${why}`, [
    { path: 'status', message: `not allowed from ${from}` },
  ]);
