import { AppError, forbidden, notFound } from '../../platform/errors.js';

export const webhookNotFound = () => notFound('Webhook');
export const deliveryNotFound = () => notFound('Webhook delivery');
export const adminsOnly = () => forbidden('Only administrators manage webhooks.');
export const webhookInactive = () =>
  new AppError(422, 'webhook_inactive', 'The webhook is disabled: enable it first.');
