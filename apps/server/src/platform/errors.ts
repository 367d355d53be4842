/** A field-level problem, reported in `error.details`. */
export type ErrorDetail = { path: string; message: string };

/**
 * Typed application error with a stable snake_case code; the error handler maps it to the
 * `{error:{code,message,details}}` body of API.md.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const validationFailed = (details: ErrorDetail[], message = 'The request is not valid.') =>
  new AppError(400, 'validation_failed', message, details);
export const unauthenticated = (message = 'Sign in first.') => new AppError(401, 'unauthenticated', message);
export const forbidden = (message = 'You may not do this.') => new AppError(403, 'forbidden', message);
export const notFound = (what = 'Record') => new AppError(404, 'not_found', `${what} not found.`);
export const conflict = (code: string, message: string, extra?: Record<string, unknown>) =>
  new AppError(409, code, message, undefined, extra);
export const ruleViolation = (code: string, message: string, details?: ErrorDetail[]) =>
  new AppError(422, code, message, details);
export const rateLimited = (message = 'Too many requests; try again later.') =>
  new AppError(429, 'rate_limited', message);
