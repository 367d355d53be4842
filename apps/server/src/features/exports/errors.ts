import { AppError, notFound } from '../../platform/errors.js';

export const exportNotFound = () => notFound('Export');
export const unknownList = (list: string) => notFound(`Exportable list "${list}"`);
export const exportNotReady = (status: string) =>
  new AppError(409, 'export_not_ready', `The export is ${status}; download it once it has succeeded.`);
export const exportFileGone = () =>
  new AppError(410, 'expired', 'The file of this export is no longer kept; export the list again.');
