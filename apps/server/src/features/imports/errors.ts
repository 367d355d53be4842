import { AppError, notFound, validationFailed } from '../../platform/errors.js';

export const importNotFound = () => notFound('Import');
export const templateNotFound = () => notFound('Import template');
export const badUpload = (message: string) => validationFailed([{ path: 'file', message }]);
export const fileTooLarge = (limit: number) =>
  new AppError(413, 'payload_too_large', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB.`);
export const notMultipart = () =>
  validationFailed([{ path: 'file', message: 'send the file as multipart/form-data' }]);
