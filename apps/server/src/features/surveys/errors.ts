import { AppError, conflict, forbidden, ruleViolation, validationFailed } from '../../platform/errors.js';
import type { ErrorDetail } from '../../platform/errors.js';

export const templateNotFound = () => new AppError(404, 'not_found', 'Survey template not found.');
/** Unknown tokens and tokens of nothing: the same answer, nothing revealed. */
export const surveyNotFound = () => new AppError(404, 'not_found', 'Survey not found.');
export const alreadyAnswered = () => conflict('already_answered', 'This survey has already been answered.');
export const surveyExpired = () => new AppError(410, 'expired', 'This survey link has expired.');
export const cannotManageTemplates = () =>
  forbidden('Only directors and administrators manage survey templates.');
export const cannotSendSurveys = () => forbidden('Analysts do not send surveys.');
export const templateInactive = () =>
  ruleViolation('template_inactive', 'This survey template is not active; activate it first.', [
    { path: 'templateId', message: 'inactive template' },
  ]);
export const triggerTaken = (templateId: string, trigger: string) =>
  new AppError(409, 'trigger_in_use', `Another active template is already sent after each ${trigger}.`, [
    { path: 'trigger', message: `used by the active template ${templateId}` },
  ]);
export const kindLocked = () =>
  ruleViolation('template_in_use', 'A template that has been sent keeps its kind; create a new one.', [
    { path: 'kind', message: 'already sent' },
  ]);
export const tooManyRecipients = (max: number) =>
  ruleViolation('too_many_recipients', `At most ${max} customers per send; narrow the segment.`, [
    { path: 'segment', message: `more than ${max} customers` },
  ]);
export const badInput = (details: ErrorDetail[]) => validationFailed(details);
