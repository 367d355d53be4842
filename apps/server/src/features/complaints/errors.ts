import { AppError, forbidden, ruleViolation, validationFailed } from '../../platform/errors.js';

/** Also for a complaint outside the caller's scope: its existence is not revealed. */
export const complaintNotFound = () => new AppError(404, 'not_found', 'Complaint not found.');
export const cannotWriteComplaints = () => forbidden('Your role may only read complaints.');
export const cannotManageSettings = () =>
  forbidden('Only administrators and directors change the SLA policy and the business calendar.');
export const badField = (path: string, message: string) => validationFailed([{ path, message }]);
export const illegalTransition = (from: string, to: string, allowed: readonly string[]) =>
  ruleViolation(
    'illegal_transition',
    `A complaint cannot go from ${from} to ${to}; allowed from ${from}: ${allowed.join(', ') || 'nothing'}.`,
    [{ path: 'to', message: `not allowed from ${from}` }],
  );
export const noDeadlineTemplate = () =>
  ruleViolation('no_deadline_template', 'This complaint has no deadline template that can be extended.');
export const alreadyExtended = () =>
  ruleViolation('already_extended', 'The deadline of this complaint has already been extended once.');
export const complaintFinished = () =>
  ruleViolation('complaint_finished', 'The complaint is resolved or closed; reopen it first.');
export const noLead = () =>
  ruleViolation(
    'no_team_lead',
    'Neither the assignee nor the customer has a team with a lead to escalate to.',
  );
