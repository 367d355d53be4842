import { AppError, notFound, validationFailed } from '../../platform/errors.js';

export const tokenNotFound = () => notFound('API token');
export const badScopes = (bad: string[]) =>
  validationFailed(bad.map((s) => ({ path: 'scopes', message: `unknown scope "${s}"` })));
export const expiryInPast = () => validationFailed([{ path: 'expiresAt', message: 'must be in the future' }]);
/** Tokens are managed from a signed-in session: a token never mints or lists tokens. */
export const sessionRequired = () =>
  new AppError(403, 'session_required', 'API tokens are managed when signed in, not with an API token.');
export const insufficientScope = (needed: string) =>
  new AppError(403, 'insufficient_scope', `This API token lacks the scope "${needed}" for this request.`);
export const badToken = () =>
  new AppError(401, 'unauthenticated', 'The API token is unknown, revoked or expired.');
