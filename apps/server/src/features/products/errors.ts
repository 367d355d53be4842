import { AppError, forbidden, notFound } from '../../platform/errors.js';

export const productNotFound = () => notFound('Product');
export const productCodeTaken = (code: string) =>
  new AppError(409, 'product_code_taken', `Another product has the code "${code}".`, [
    { path: 'code', message: 'already used' },
  ]);
export const cannotEditCatalog = () =>
  forbidden(
    'Only senior and key-account managers, directors and administrators change the product catalog; everyone else reads it.',
  );
