import { AppError, conflict, notFound } from '../../platform/errors.js';

export const modelNotFound = () =>
  new AppError(404, 'not_found', 'No value model yet: run the value-refresh job first.');
export const overrideNotFound = () => notFound('Tier override');

/** Codes of per-item errors in POST /orders/bulk (API.md: `errors:[{index, code, message}]`). */
export const ITEM_ERRORS = {
  customer_not_found: 'No such customer, or not one you may reach.',
  customer_required: 'Give customerId or customerExternalId.',
  invalid_amount: 'The amount must be a finite number ≥ 0.',
  invalid_date: 'orderedAt must be an ISO 8601 date-time with offset, or a date YYYY-MM-DD.',
  external_id_taken: 'An order with this externalId belongs to a customer you may not reach.',
} as const;
export type ItemErrorCode = keyof typeof ITEM_ERRORS;

export const alertNotFound = () => notFound('Churn alert');
export const alertClosed = (status: string) =>
  conflict('alert_closed', `This churn alert is already closed (${status}).`);
export const managerNotFound = () => notFound('Manager');
