import { AppError } from '../../platform/errors.js';

/** Also for someone else's notification: its existence is not revealed. */
export const notificationNotFound = () => new AppError(404, 'not_found', 'Notification not found.');
