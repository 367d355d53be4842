import { AppError, conflict, forbidden, ruleViolation, validationFailed } from '../../platform/errors.js';

export const managerNotFound = () => new AppError(404, 'not_found', 'No such manager.');
export const templateNotFound = () => new AppError(404, 'not_found', 'Scorecard template not found.');
export const reviewNotFound = () => new AppError(404, 'not_found', 'Review not found.');
export const levelNotFound = () => new AppError(404, 'not_found', 'Career level not found.');
export const teamNotFound = () => new AppError(404, 'not_found', 'Team not found.');
export const adminsOnly = (what: string) => forbidden(`Only directors and administrators manage ${what}.`);
export const leadsOnly = (what: string) =>
  forbidden(`Only the manager's team lead, directors and administrators ${what}.`);
export const reviewLocked = () =>
  conflict('review_locked', 'This review is signed: it is locked and can no longer be changed.');
export const notTheReviewer = () => forbidden('Only the reviewer signs this review.');
export const notTheReviewed = () => forbidden('Only the reviewed manager acknowledges this review.');
export const reviewNotSigned = () =>
  ruleViolation('review_not_signed', 'The review must be signed before it is acknowledged.');
export const alreadyAcknowledged = () =>
  conflict('already_acknowledged', 'This review has already been acknowledged.');
export const reviewExists = (id: string) =>
  conflict('review_exists', 'A review of this manager for this period already exists.', { reviewId: id });
export const cannotReviewSelf = () => ruleViolation('cannot_review_self', 'Nobody reviews themselves.');
export const badPeriodStart = (kind: string) =>
  validationFailed([{ path: 'periodStart', message: `must be the first day of a ${kind}` }]);
export const badField = (path: string, message: string) => validationFailed([{ path, message }]);
export const planVersionExists = () =>
  conflict('plan_version_exists', 'A commission plan version already starts on this date.');
export const noCommissionPlan = () =>
  ruleViolation('no_commission_plan', 'No commission plan is in effect at the start of this period.');
export const periodClosed = () =>
  conflict('period_closed', 'This period overlaps a payout period that is already closed.');
export const levelExists = () => conflict('level_exists', 'A career level with this code already exists.');
export const planChanged = () =>
  conflict('plan_changed', 'The commission plan in effect changed while closing; try again.');
